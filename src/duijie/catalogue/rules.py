"""Who may do what with projects (django-rules predicates and permissions)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import is_investor, is_organiser, is_project_owner

OWNER_EDITABLE_STATES = frozenset({"draft", "submitted"})


@rules.predicate
def owns_project(user: object, project: object) -> bool:
    """The user is the project's owner account."""
    return project is not None and getattr(project, "owner_user_id", None) == getattr(
        user, "pk", False
    )


@rules.predicate
def before_approval(user: object, project: object) -> bool:
    """The project has not been approved yet (draft or submitted)."""
    return getattr(project, "status", None) in OWNER_EDITABLE_STATES


@rules.predicate
def is_published(user: object, project: object) -> bool:
    """The project is visible in the public catalogue."""
    return getattr(project, "status", None) == "published"


can_edit_project = is_organiser | (is_project_owner & owns_project & before_approval)
can_view_project = is_published | is_organiser | (is_project_owner & owns_project)
can_see_contact = rules.is_authenticated & (is_investor | is_organiser | owns_project)

rules.add_perm("catalogue.view_project", can_view_project)
rules.add_perm("catalogue.change_project", can_edit_project)
rules.add_perm("catalogue.submit_project", can_edit_project)
rules.add_perm("catalogue.add_project", is_organiser | is_project_owner)
rules.add_perm("catalogue.manage_project", is_organiser | (is_project_owner & owns_project))
rules.add_perm("catalogue.see_contact", can_see_contact)
rules.add_perm("catalogue.review_project", is_organiser)
rules.add_perm("catalogue.import_projects", is_organiser)
rules.add_perm("catalogue.build_booklet", is_organiser)
rules.add_perm("catalogue.manage_roadshows", is_organiser)
rules.add_perm("catalogue.keep_shortlist", is_investor)

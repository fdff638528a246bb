"""Who may do what in the directory (named predicates, django-rules)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import can_see_personal_data, is_leadership, is_organiser


@rules.predicate
def is_member(user: object, organisation: object) -> bool:
    """Whether ``user`` acts for ``organisation`` (a Membership links them)."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return organisation.memberships.filter(user=user).exists()  # type: ignore[attr-defined]


can_read_directory = is_organiser | is_leadership
can_manage_directory = is_organiser
can_view_organisation = can_read_directory | is_member
can_edit_organisation = is_organiser | is_member

rules.add_perm("directory.read", can_read_directory)
rules.add_perm("directory.manage", can_manage_directory)
rules.add_perm("directory.view_organisation", can_view_organisation)
rules.add_perm("directory.edit_organisation", can_edit_organisation)
rules.add_perm("directory.see_contacts", can_see_personal_data)
# People's hometowns, schools and affiliations are personal data too: only the
# roles that work with people (agency staff) read them; leadership reads figures.
rules.add_perm("directory.read_people", can_see_personal_data)
rules.add_perm("directory.export", can_read_directory)

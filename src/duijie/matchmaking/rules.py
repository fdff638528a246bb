"""Who may see and do what in matchmaking (django-rules named predicates).

Staff see everything. A project owner sees the investors suggested for their own
projects (organisations only, never the people who could introduce them). An
investor or buyer sees the suggestions made to the organisations they act for,
and only published projects; a supplier sees the buyers' needs it is suggested for.
"""

from __future__ import annotations

import rules

from duijie.accounts.rules import is_organiser, is_project_owner
from duijie.catalogue.rules import owns_project


@rules.predicate
def acts_for(user: object, organisation_id: object) -> bool:
    """The user is a member of the organisation (a directory Membership)."""
    from duijie.directory.models import Membership

    if not organisation_id or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, organisation_id=organisation_id).exists()


@rules.predicate
def recommendation_is_mine(user: object, recommendation: object) -> bool:
    """The recommendation was made to the user: their project, or their organisation."""
    side = getattr(recommendation, "side", "")
    if side == "project_investor":
        return bool(owns_project(user, getattr(recommendation, "project", None)))
    if side == "investor_project":
        project = getattr(recommendation, "project", None)
        return getattr(project, "status", None) == "published" and bool(
            acts_for(user, getattr(recommendation, "organisation_id", None))
        )
    if side == "buyer_supplier":  # the buyer, or the supplier suggested to it
        return bool(acts_for(user, getattr(recommendation, "buyer_id", None))) or bool(
            acts_for(user, getattr(recommendation, "organisation_id", None))
        )
    return False


can_see_project_suggestions = is_organiser | (is_project_owner & owns_project)
can_give_feedback = rules.is_authenticated & (is_organiser | recommendation_is_mine)

rules.add_perm("matchmaking.run_matching", is_organiser)
rules.add_perm("matchmaking.view_run", is_organiser)
rules.add_perm("matchmaking.fit_weights", is_organiser)
rules.add_perm("matchmaking.introduce", is_organiser)
rules.add_perm("matchmaking.view_project_suggestions", can_see_project_suggestions)
rules.add_perm("matchmaking.give_feedback", can_give_feedback)

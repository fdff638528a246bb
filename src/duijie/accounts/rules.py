"""Named permission predicates (django-rules), one per question the app asks."""

from __future__ import annotations

import rules

from duijie.accounts.roles import Role


def _has_role(*roles: Role) -> rules.Predicate:
    @rules.predicate
    def predicate(user: object) -> bool:
        return (
            bool(getattr(user, "is_authenticated", False)) and getattr(user, "role", None) in roles
        )

    return predicate


is_organiser = _has_role(Role.ORGANISER, Role.ADMIN)
is_agency_admin = _has_role(Role.ADMIN)
is_project_owner = _has_role(Role.PROJECT_OWNER)
is_investor = _has_role(Role.INVESTOR)
is_leadership = _has_role(Role.LEADERSHIP)
is_logged_in = rules.is_authenticated

can_see_personal_data = is_organiser
can_read_dashboard = is_organiser | is_leadership

rules.add_perm("accounts.manage_users", is_agency_admin)
rules.add_perm("accounts.see_personal_data", can_see_personal_data)
rules.add_perm("accounts.read_dashboard", can_read_dashboard)
rules.add_perm("accounts.view_access_log", is_agency_admin)

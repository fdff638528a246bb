"""Who may do what with the investment environment (django-rules named predicates)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import can_read_dashboard, is_organiser

rules.add_perm("environment.view_environment", can_read_dashboard)
rules.add_perm("environment.change_environment", is_organiser)

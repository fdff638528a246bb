"""Who may do what in the pipeline (django-rules named predicates)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import can_read_dashboard, is_leadership, is_organiser

can_read_deals = is_organiser | is_leadership
can_change_deals = is_organiser
can_manage_aftercare = is_organiser

rules.add_perm("pipeline.view_dashboard", can_read_dashboard)
rules.add_perm("pipeline.view_deals", can_read_deals)
rules.add_perm("pipeline.change_deals", can_change_deals)
rules.add_perm("pipeline.manage_aftercare", can_manage_aftercare)

"""Who may do what with industry chains (django-rules named predicates)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import can_read_dashboard, is_organiser

rules.add_perm("chains.view_chains", can_read_dashboard)
rules.add_perm("chains.change_chains", is_organiser)
rules.add_perm("chains.make_leads", is_organiser)
rules.add_perm("chains.review_placements", is_organiser)

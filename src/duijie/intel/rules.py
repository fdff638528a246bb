"""Who may read news documents and review their facts (django-rules named predicates)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import is_organiser

rules.add_perm("intel.view_documents", is_organiser)
rules.add_perm("intel.review_facts", is_organiser)

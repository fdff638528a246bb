"""Who may do what with parks, corridors and site suggestions (django-rules named predicates).

Every signed-in user reads platforms, innovations and corridors (investors choose a site
too); agency staff edit them, import them and rank sites; only staff see contact people.
"""

from __future__ import annotations

import rules

from duijie.accounts.rules import is_logged_in, is_organiser

rules.add_perm("parks.view_parks", is_logged_in)
rules.add_perm("parks.change_parks", is_organiser)
rules.add_perm("parks.suggest_sites", is_organiser)

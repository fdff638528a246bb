"""Entity resolution: one organisation (or person) however the sources write it.

Typical use by an importer (plain dataclasses in, plain dataclasses out)::

    resolver = OrgResolver().fit(existing_records)
    for resolution in resolver.resolve(incoming_records):
        ...  # "existing" → link to resolution.existing_key; "new" → create one per group;
             # "review" → show resolution.candidates with describe_match(...)
    suspects = resolver.duplicates()       # pairs among the existing records, with evidence
    problems = check_merge(record_a, record_b)   # [] when staff may merge them

The rules and scores are documented in :mod:`.orgs` and :mod:`.people` and in
docs/resolution.md.
"""

from duijie_core.resolution.messages import describe_evidence, describe_match, describe_problem
from duijie_core.resolution.model import (
    Cluster,
    Evidence,
    Match,
    OrgRecord,
    Outcome,
    PersonRecord,
    Resolution,
)
from duijie_core.resolution.orgs import OrgResolver, check_merge
from duijie_core.resolution.people import PersonResolver
from duijie_core.resolution.regions import (
    DEFAULT_REGIONS,
    Regions,
    load_regions,
    province_from_legal_name,
)

__all__ = [
    "DEFAULT_REGIONS",
    "Cluster",
    "Evidence",
    "Match",
    "OrgRecord",
    "OrgResolver",
    "Outcome",
    "PersonRecord",
    "PersonResolver",
    "Regions",
    "Resolution",
    "check_merge",
    "describe_evidence",
    "describe_match",
    "describe_problem",
    "load_regions",
    "province_from_legal_name",
]

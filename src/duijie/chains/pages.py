"""What the chain pages show, built from one core analysis (no queries per row).

Labels, recommendations, target reasons and the core's problems become sentences in the
reader's language here (the core's phrases for codes, gettext for the page's own words).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie import localised
from duijie.chains.adapters import divisions
from duijie.directory.models import Affiliation, FinancingEvent, IntroductionPath, Organisation
from duijie.directory.privacy import may_read, record_access
from duijie.localised import reader_language
from duijie.tradeweek.matching import MEETING_TIE_STATUSES
from duijie.tradeweek.models import Meeting
from duijie_core.chains import model as core
from duijie_core.chains.phrases import describe
from duijie_core.chains.strength import LinkStrength, Reason, Target
from duijie_core.locale import list_separator
from duijie_core.problems import Problem

LABELS = {
    "strong": gettext_lazy("strong"),
    "weak": gettext_lazy("weak"),
    "missing": gettext_lazy("missing"),
}
ACTIONS = {
    "strong": gettext_lazy("Strengthen"),
    "weak": gettext_lazy("Fill"),
    "missing": gettext_lazy("Build"),
}


TRENDS = {
    "rising": gettext_lazy("rising"),
    "falling": gettext_lazy("falling"),
    "flat": gettext_lazy("flat"),
    "none": gettext_lazy("no local round"),
}
METHODS = {
    "industry": gettext_lazy("industry classification"),
    "product": gettext_lazy("main products"),
    "text": gettext_lazy("words of the description"),
    "embedding": gettext_lazy("similar meaning (text model)"),
}


def placement_method(evidence: Iterable[dict[str, Any]]) -> str:
    """How a placement was found (its evidence kinds), in the reader's language."""
    kinds = dict.fromkeys(item["kind"] for item in evidence)
    separator = "、" if reader_language().startswith("zh") else ", "
    return separator.join(str(METHODS.get(kind, kind)) for kind in kinds)


def problem_sentences(problems: Iterable[Problem]) -> list[str]:
    """The core's problems (cycles, dangling links …) in the reader's language."""
    language = reader_language()
    return [describe(p.code, dict(p.params), language) for p in problems]


def link_sentence(strength: LinkStrength, chain: core.Chain) -> str:
    """The 強鏈/補鏈/建鏈 recommendation with the numbers behind it."""
    language = reader_language()
    separator = list_separator(language)
    quotient = strength.location_quotient
    params: dict[str, str | int] = {
        "link": chain.link(strength.link).names.in_language(language),
        "local": strength.local_firms,
        "national": strength.national_firms,
        "lq": "—" if quotient is None else f"{quotient:.2f}",
        "leaders": separator.join(f.name for f in strength.leaders[:3]) or "—",
        "targets": separator.join(t.firm.name for t in strength.targets[:3]),
    }
    code = strength.recommendation
    if code != "strengthen" and not strength.targets:
        code += "_none"
    return describe(code, params, language)


def reason_text(reason: Reason, organisation: Organisation | None = None) -> str:
    """One reason a firm is a target, in the reader's language (its stock code as listed)."""
    params = dict(reason.params)
    if reason.code == "revenue_share":
        params["share"] = localised.percent(float(params["share"]))
    if reason.code == "listed" and organisation is not None:
        params["code"] = organisation.stock_code
    if "province" in params:
        code = str(params["province"])
        params["province"] = divisions().provinces.get(code, code)
    return describe(reason.code, params, reader_language())


@dataclass(frozen=True)
class WarmPath:
    """A way in: a person of the network at the firm, or a meeting already held with it."""

    organisation_id: int
    text: str


def momentum(organisation_ids: Sequence[int]) -> dict[int, list[str]]:
    """Recent financing rounds of each firm (from the deal history), newest first."""
    found: dict[int, list[str]] = {}
    rounds = FinancingEvent.objects.filter(company_id__in=organisation_ids).order_by("-occurred_on")
    for event in rounds.only("company_id", "round", "occurred_on", "amount_text"):
        text = " ".join(t for t in (event.round, event.amount_text) if t) or _("financing round")
        found.setdefault(event.company_id, []).append(text)
    return found


def warm_paths(*, user: Any, organisation_ids: Sequence[int], where: str) -> dict[int, list[str]]:
    """Warm introductions to each firm, for roles that may read personal data only.

    Side effect: one access record naming every person shown (none if nobody is shown).
    Returns {} for other roles, without reading anything.
    """
    if not may_read(user) or not organisation_ids:
        return {}
    found: dict[int, list[str]] = {}
    people: set[int] = set()
    current = Affiliation.objects.filter(organisation_id__in=organisation_ids, ended_on=None)
    for row in current.select_related("person"):
        found.setdefault(row.organisation_id, []).append(
            _("%(person)s (%(title)s) works there")
            % {"person": row.person.name, "title": row.title or "—"}
        )
        people.add(row.person_id)
    paths = IntroductionPath.objects.filter(organisation_id__in=organisation_ids)
    for path in paths.select_related("person"):
        found.setdefault(path.organisation_id, []).append(
            _("%(person)s can introduce (%(relationship)s)")
            % {"person": path.person.name, "relationship": path.relationship or "—"}
        )
        people.add(path.person_id)
    for organisation_id, names in _met(organisation_ids).items():
        found.setdefault(organisation_id, []).append(
            _("Met at the trade week: %(names)s") % {"names": "、".join(sorted(names))}
        )
    if people:
        record_access(user=user, person_ids=people, fields=("affiliations",), where=where)
    return found


def _met(organisation_ids: Sequence[int]) -> dict[int, set[str]]:
    met: dict[int, set[str]] = {}
    a, b = "request__requester__organisation", "request__recipient__organisation"
    meetings = Meeting.objects.filter(status__in=MEETING_TIE_STATUSES)
    for side, other in ((a, b), (b, a)):
        rows = meetings.filter(**{f"{side}_id__in": organisation_ids})
        for firm, name in rows.values_list(f"{side}_id", f"{other}__name"):
            if name:
                met.setdefault(firm, set()).add(name)
    return met


def target_rows(targets: Sequence[Target], *, user: Any, where: str) -> list[dict[str, Any]]:
    """Targets with their reasons, momentum and (for allowed roles) warm paths."""
    ids = [int(t.firm.code) for t in targets]
    organisations = Organisation.objects.in_bulk(ids)
    rounds = momentum(ids)
    warm = warm_paths(user=user, organisation_ids=ids, where=where)
    return [
        {
            "organisation": organisations.get(int(t.firm.code)),
            "score": t.score,
            "reasons": [reason_text(r, organisations.get(int(t.firm.code))) for r in t.reasons],
            "momentum": rounds.get(int(t.firm.code), []),
            "warm": warm.get(int(t.firm.code), []),
        }
        for t in targets
    ]

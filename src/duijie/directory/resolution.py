"""Adapter between the directory's models and the pure entity-resolution core.

Records are loaded in bulk (``values()``, no model instances), the core is called once,
and callers save the outcome in one transaction. Keys given to the core are database
ids as strings; incoming rows use ``"row:N"``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from duijie.directory.models import (
    DuplicateStatus,
    Organisation,
    Person,
    PersonDuplicate,
    SuspectedDuplicate,
)
from duijie.localised import reader_language
from duijie.reference.loaders import DATA_DIR
from duijie.reference.models import AdminDivision, DivisionLevel
from duijie.reference.names import names_in
from duijie_core.problems import Problem
from duijie_core.resolution import (
    Evidence,
    Match,
    OrgRecord,
    OrgResolver,
    PersonRecord,
    PersonResolver,
    Regions,
    describe_evidence,
    describe_problem,
    load_regions,
)
from duijie_core.resolution.names import english_words
from duijie_core.resolution.orgkeys import prepare_org, short_trades, substrings
from duijie_core.text import normalise, to_simplified, to_traditional

PLACE_PARAMS = frozenset({"province", "hometown"})
PLACE_RULES = frozenset({"region_differ"})  # whose ``a`` and ``b`` are provinces
"""Evidence parameters holding reference place names (shown in the reader's language)."""

ORG_FIELDS = (
    "pk", "name", "short_name", "name_en", "aliases", "credit_code", "hk_cr_no", "stock_code",
    "hq_division__code",
)  # fmt: skip


def core_language() -> str:
    """The active interface language as the core names it (zh-Hant, zh-Hans, en)."""
    return reader_language()


@functools.cache
def regions() -> Regions:
    """The gazetteer with every province, prefecture-level city and county (reference data)."""
    return load_regions(DATA_DIR / "provinces.csv", DATA_DIR / "cities.csv", DATA_DIR / "areas.csv")


def province_names() -> dict[str, str]:
    """{two-digit code: name} of every province, Hong Kong, Macao and Taiwan (one query)."""
    provinces = AdminDivision.objects.filter(level=DivisionLevel.PROVINCE)
    return dict(provinces.values_list("code", "name"))


def headquarters_region(division_code: str | None, provinces: dict[str, str]) -> str | None:
    """The region the core reads for a headquarters: the division's province.

    The core's gazetteer knows provinces and prefecture-level cities only, so a county or
    district (芙蓉区, 灣仔區) would tell it nothing; the first two digits of every division
    code are its province's code.
    """
    return provinces.get((division_code or "")[:2]) or None


def org_record_from_values(key: str, row: dict[str, Any]) -> OrgRecord:
    """An :class:`OrgRecord` from a dict with the organisation's field names and ``region``."""
    return OrgRecord(
        key=key,
        names=tuple(n for n in (row.get("name", ""), row.get("short_name", "")) if n),
        english_names=tuple(n for n in (row.get("name_en", ""),) if n),
        credit_code=row.get("credit_code") or None,
        hk_cr_no=row.get("hk_cr_no") or None,
        stock_codes=tuple(c for c in (row.get("stock_code", ""),) if c),
        region=row.get("region") or None,
        aliases=tuple(row.get("aliases") or ()),
    )


def organisation_record(org: Organisation) -> OrgRecord:
    """The core record of one organisation."""
    row = {f: getattr(org, f) for f in ORG_FIELDS if f not in ("pk", "hq_division__code")}
    code = org.hq_division.code if org.hq_division else ""
    return org_record_from_values(str(org.pk), row | {"region": region_of_code(code)})


def region_of_code(code: str) -> str | None:
    """:func:`headquarters_region` of one division code (one query)."""
    return headquarters_region(code, province_names()) if code else None


def organisation_records(queryset: QuerySet[Organisation] | None = None) -> list[OrgRecord]:
    """Core records of all organisations (or of ``queryset``), loaded in two queries."""
    rows = (queryset if queryset is not None else Organisation.objects.all()).values(*ORG_FIELDS)
    provinces = province_names()
    return [
        org_record_from_values(
            str(row["pk"]),
            row | {"region": headquarters_region(row["hq_division__code"], provinces)},
        )
        for row in rows.order_by("pk")
    ]


def fitted_org_resolver(records: Sequence[OrgRecord] | None = None) -> OrgResolver:
    """An :class:`OrgResolver` fitted on ``records`` (default: every organisation)."""
    existing = organisation_records() if records is None else records
    return OrgResolver(regions=regions()).fit(existing)


def name_lookalikes(org: Organisation, prefix: str = "") -> Q:
    """Organisations entity resolution may take for ``org`` (a database pre-filter).

    Through the resolver's keys, not the exact name: the same name key (any script, width,
    case); a short name held inside ``org``'s registered name (时代电气 for
    株洲中车时代电气股份有限公司: the 2–4 character substrings of the name without legal
    form); a name holding one of ``org``'s cores or short names (other legal form, place or
    parent group, Traditional or Simplified, found in ``search_key``); the same English
    words. ``prefix`` is the lookup path to the organisation (``"investor"``).
    """
    path = f"{prefix}__" if prefix else ""
    prepared = prepare_org(organisation_record(org), regions())
    hosted = {key for host in prepared.hosts for key in substrings(host)}
    query = Q(**{f"{path}pk": org.pk}) | Q(**{f"{path}match_key__in": prepared.name_keys | hosted})
    terms = {core for core in prepared.cores if len(core) >= 2}
    terms |= {trade.core for trade in short_trades(prepared)}
    terms |= {normalise(" ".join(words)) for words in map(english_words, _latin(org)) if words}
    for term in sorted(terms):
        query |= Q(**{f"{path}search_key__contains": term})
    return query


def _latin(org: Organisation) -> list[str]:
    return [n for n in (org.name, org.short_name, org.name_en, *org.aliases) if n and n.isascii()]


def resolved_as_same(org: Organisation, others: Iterable[Organisation]) -> set[int]:
    """The ids of ``others`` that entity resolution pairs with ``org`` (merge or review level).

    The resolver is fitted on these records only (a handful), so the context (which firms
    share a short name) is theirs; an ambiguous short name still scores review level.
    """
    records = {o.pk: organisation_record(o) for o in [org, *others]}
    if len(records) < 2:
        return set()
    own = str(org.pk)
    pairs = OrgResolver(regions=regions()).fit(list(records.values())).duplicates()
    return {int(m.b if m.a == own else m.a) for m in pairs if own in (m.a, m.b)}


PERSON_FIELDS = ("pk", "name", "phone", "email", "birth_year", "hometown__name")


def person_record_from_values(key: str, row: dict[str, Any], affiliation: str) -> PersonRecord:
    """A :class:`PersonRecord` from a dict with the person's field names."""
    return PersonRecord(
        key=key,
        name=row["name"],
        phones=tuple(p for p in (row.get("phone", ""),) if p),
        emails=tuple(e for e in (row.get("email", ""),) if e),
        birth_year=row.get("birth_year"),
        hometown=row.get("hometown__name") or None,
        affiliation=affiliation or None,
    )


def person_records() -> list[PersonRecord]:
    """Core records of every person (current affiliation by name), in two queries."""
    from duijie.directory.models import Affiliation

    current = dict(
        Affiliation.objects.filter(ended_on__isnull=True)
        .order_by("person_id", "-pk")
        .values_list("person_id", "organisation_name")
    )
    rows = Person.objects.values(*PERSON_FIELDS).order_by("pk")
    return [person_record_from_values(str(r["pk"]), r, current.get(r["pk"], "")) for r in rows]


def fitted_person_resolver(records: Sequence[PersonRecord] | None = None) -> PersonResolver:
    """A :class:`PersonResolver` fitted on ``records`` (default: every person)."""
    existing = person_records() if records is None else records
    return PersonResolver(regions=regions(), phone_region=settings.PHONE_REGION).fit(existing)


def evidence_to_json(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    """Evidence as JSON-storable dicts."""
    return [{"rule": e.rule, "weight": e.weight, "params": dict(e.params)} for e in evidence]


def evidence_from_json(items: Iterable[dict[str, Any]]) -> list[Evidence]:
    """Evidence back from :func:`evidence_to_json`."""
    return [Evidence(i["rule"], i["weight"], tuple(sorted(i["params"].items()))) for i in items]


def evidence_sentences(items: Iterable[dict[str, Any]]) -> list[SafeString]:
    """Stored evidence as sentences in the active language, strongest first.

    Place names read in the reader's language; other Chinese values (names, or the
    normalised keys the resolver compares, which are Simplified) are shown in the reader's
    script (Traditional for English readers) and marked as data (``translate="no"``):
    they are names, not interface text.
    """
    language = core_language()
    places = names_in(translation.get_language() or "zh-hant")
    ordered = sorted(evidence_from_json(items), key=lambda e: -abs(e.weight))
    return [_marked_sentence(e, language, places) for e in ordered]


def _marked_sentence(evidence: Evidence, language: str, places: dict[str, str]) -> SafeString:
    marks = {key: f"\x00{i}\x00" for i, (key, _v) in enumerate(evidence.params)}
    sentence = describe_evidence(
        Evidence(evidence.rule, evidence.weight, tuple(marks.items())), language
    )
    out = str(escape(sentence))
    for key, value in evidence.params:
        place = key in PLACE_PARAMS or evidence.rule in PLACE_RULES
        out = out.replace(marks[key], _shown_value(value, language, places, place=place))
    return mark_safe(out)


def _shown_value(value: object, language: str, places: dict[str, str], *, place: bool) -> str:
    text = str(value)
    if not any("\u3400" <= char <= "\u9fff" for char in text):
        return str(escape(text))
    if place:
        return str(escape("、".join(places.get(p, p) for p in text.split("、"))))
    # The compared keys are Simplified; zh-Hant (the default) and English readers get
    # Traditional, as the agency writes names for Hong Kong.
    text = to_simplified(text) if language == "zh-Hans" else to_traditional(text)
    return str(format_html('<span translate="no">{}</span>', text))


def problem_sentence(problem: Problem) -> str:
    """A merge or identifier problem as a sentence in the active language."""
    return describe_problem(problem, core_language())


def _pair(match: Match) -> tuple[int, int]:
    a, b = sorted((int(match.a), int(match.b)))
    return a, b


@transaction.atomic
def refresh_duplicates(
    matches: Iterable[Match] | None = None, *, model: type[Model] = SuspectedDuplicate
) -> int:
    """Replace the open suspected duplicates with what the resolver finds now.

    ``model`` is :class:`SuspectedDuplicate` (organisations; ``matches`` default to
    ``fitted_org_resolver().duplicates()``) or :class:`PersonDuplicate` (people; default
    ``fitted_person_resolver().duplicates()``). Pairs staff dismissed stay dismissed.
    Side effects: deletes open pairs of ``model``, creates new ones. Returns how many are open.
    """
    if matches is None:
        people = model is PersonDuplicate
        resolver = fitted_person_resolver() if people else fitted_org_resolver()
        matches = resolver.duplicates()
    dismissed = set(
        model._default_manager.filter(status=DuplicateStatus.DISMISSED).values_list("a", "b")
    )
    model._default_manager.filter(status=DuplicateStatus.OPEN).delete()
    fresh = {_pair(m): m for m in matches if _pair(m) not in dismissed}
    model._default_manager.bulk_create(_pair_rows(model, fresh), batch_size=1000)
    return len(fresh)


def _pair_rows(model: type[Model], pairs: dict[tuple[int, int], Match]) -> list[Model]:
    return [
        model(a_id=a, b_id=b, score=m.score, evidence=evidence_to_json(m.evidence))
        for (a, b), m in sorted(pairs.items())
    ]


def record_suspects(matches: Iterable[Match], *, model: type[Model] = SuspectedDuplicate) -> int:
    """Store suspected pairs (e.g. an import's review candidates) unless already known."""
    known = set(model._default_manager.values_list("a", "b"))
    fresh = {_pair(m): m for m in matches if _pair(m) not in known and m.a != m.b}
    model._default_manager.bulk_create(_pair_rows(model, fresh), batch_size=1000)
    return len(fresh)

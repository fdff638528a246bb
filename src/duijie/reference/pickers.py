"""Search-as-you-type pickers for big lists (organisations, places, participants).

One widget for every select over thousands of records: a search field above a short
``<select>``. The select renders the chosen value(s) and the first natural defaults
(Hunan's cities first for places); typing asks the source's endpoint (HTMX,
``reference:pick``) for the best matches, which replace the select's options. Without
JavaScript the select still works with what it shows. Validation is the form field's,
over its whole queryset, so a value the search offered is always accepted and nothing
else is.

Each app registers its *sources* (``register_picker`` in its ``AppConfig.ready``): who may
search it, the records a user may see, how text finds and ranks them, and how an option
is labelled so that namesakes are told apart ("長沙市 · 市轄區"). This module sits in the
lowest layer so every form can use it; the directory's and catalogue's sources register
themselves from above.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duijie.reference.models import AdminDivision, DivisionLevel, Industry, IndustryLevel
from duijie_core.text import normalise, to_traditional

SHOWN = 30
"""Options a picker renders at once (defaults, or the best matches of a search)."""
SEPARATOR = " · "


@dataclass(frozen=True)
class PickerSource:
    """What a picker searches.

    ``allowed(user)``: who may search it (the endpoint answers 403 otherwise);
    ``records(user, params)``: what that user may see (``params``: the picker's fixed
    parameters, e.g. the edition whose participants are offered); ``find(records, text)``:
    matches, best first; ``defaults(records)``: what is shown before anything is typed;
    ``label(record)``: the option's text, with what tells namesakes apart; ``hint``: the
    search field's placeholder (default: a name in any script or Pinyin).
    """

    name: str
    allowed: Callable[[Any], bool]
    records: Callable[[Any, Mapping[str, str]], QuerySet[Any]]
    find: Callable[[QuerySet[Any], str], list[Any]]
    defaults: Callable[[QuerySet[Any]], QuerySet[Any]]
    label: Callable[[Any], str]
    on_read: Callable[[Any, Sequence[Any], str], None] | None = None
    hint: Any = ""


SOURCES: dict[str, PickerSource] = {}


def register_picker(source: PickerSource) -> None:
    """Make ``source`` available to :class:`Picker` widgets and the endpoint."""
    SOURCES[source.name] = source


def rank(text: str, keys: Iterable[str]) -> tuple[int, int, int]:
    """Sort key of a match: a key equal to the query first, then one starting with it, then
    where in a key the query occurs (earlier is better), then the shorter key."""
    query = normalise(text).strip()
    best = (3, 10_000, 10_000)
    for key in keys:
        key = normalise(key).strip()
        at = key.find(query)
        if at < 0:
            continue
        kind = 0 if key == query else 1 if at == 0 else 2
        best = min(best, (kind, at, len(key)))
    return best


def ranked(records: Iterable[Any], text: str, keys: Callable[[Any], Iterable[str]]) -> list[Any]:
    """``records`` best first for ``text`` (see :func:`rank`), at most :data:`SHOWN`."""
    order = sorted(records, key=lambda r: (rank(text, keys(r)), str(r)))
    return order[:SHOWN]


# -- places -------------------------------------------------------------------------------


def home_province() -> str:
    """The province whose places come first (code prefix; ``DUIJIE_HOME_PROVINCE``)."""
    return str(getattr(settings, "HOME_PROVINCE", "43"))


def division_keys(division: AdminDivision) -> list[str]:
    return [division.name, division.name_hant, division.name_en, division.code]


def find_divisions(records: QuerySet[AdminDivision], text: str) -> list[AdminDivision]:
    """Divisions whose name (either script), English / Pinyin name or code has ``text``."""
    query = normalise(text).strip()
    if not query:
        return list(division_defaults(records)[:SHOWN])
    words = Q(name__contains=query) | Q(name_hant__contains=text.strip())
    words |= Q(name_en__icontains=query) | Q(code__startswith=query)
    spaced = query.replace(" ", "")
    if spaced != query:
        words |= Q(name_en__icontains=spaced)
    found = records.filter(words).select_related("parent")[:500]
    return ranked(found, text, division_keys)


def division_defaults(records: QuerySet[AdminDivision]) -> QuerySet[AdminDivision]:
    """The home province's places first (in code order), then the others."""
    home = records.filter(code__startswith=home_province())
    return (home.order_by("code") if home.exists() else records.order_by("code")).select_related(
        "parent"
    )


def division_label(division: AdminDivision) -> str:
    """The place with its parent in front, so the two 市轄區 differ: 長沙市 · 市轄區."""
    own = division.display_name()
    parent = division.parent if division.level != DivisionLevel.PROVINCE else None
    return f"{parent.display_name()}{SEPARATOR}{own}" if parent is not None else own


def _anyone(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def places(user: Any, params: Mapping[str, str]) -> QuerySet[AdminDivision]:
    """Provinces, prefecture-level cities and the home province's counties and districts
    (what people's hometowns and firms' headquarters are chosen from)."""
    home = Q(level__lte=DivisionLevel.CITY) | Q(code__startswith=home_province())
    return AdminDivision.objects.filter(home).exclude(name="市辖区")


def regions(user: Any, params: Mapping[str, str]) -> QuerySet[AdminDivision]:
    """Provinces and prefecture-level cities (regions a mandate wants or excludes)."""
    return AdminDivision.objects.filter(level__lte=DivisionLevel.CITY)


def cities(user: Any, params: Mapping[str, str]) -> QuerySet[AdminDivision]:
    """Prefecture-level cities (where a deal or a project is)."""
    return AdminDivision.objects.filter(level=DivisionLevel.CITY)


def counties(user: Any, params: Mapping[str, str]) -> QuerySet[AdminDivision]:
    """Counties and districts, all of China (the county of a catalogue project)."""
    return AdminDivision.objects.filter(level=DivisionLevel.COUNTY)


for _name, _records in (
    ("places", places), ("regions", regions), ("cities", cities), ("counties", counties)
):  # fmt: skip
    register_picker(
        PickerSource(
            name=_name, allowed=_anyone, records=_records, find=find_divisions,
            defaults=division_defaults, label=division_label,
        )
    )  # fmt: skip

# -- industries ----------------------------------------------------------------------------


def industries(user: Any, params: Mapping[str, str]) -> QuerySet[Industry]:
    """Every GB/T 4754 industry: section, division, group and class."""
    return Industry.objects.all()


def find_industries(records: QuerySet[Industry], text: str) -> list[Industry]:
    """Industries whose code starts with ``text`` or whose name has it, in either script or
    (three letters or more) in English; the code or name equal to it first.

    Names are stored in Simplified Chinese; the query is normalised (Traditional →
    Simplified, full-width → half-width, casefold), so 電池 finds 电池制造 and
    ``medicines`` finds 27 医药制造业 (English names: sections and divisions).
    """
    key = normalise(text).strip()
    if not key:
        return list(industry_defaults(records)[:SHOWN])
    matches = Q(code__istartswith=key) | Q(name__contains=key)
    if len(key) >= 3 and not key.isdigit():  # "c" is the section letter, not every English name
        matches |= Q(name_en__icontains=key)
    found = records.filter(matches).order_by("code")[:500]
    return ranked(found, text, lambda i: [i.code, i.name, i.name_hant, i.name_en])


def industry_defaults(records: QuerySet[Industry]) -> QuerySet[Industry]:
    """Before anything is typed: the 97 divisions (two-digit codes), in code order."""
    return records.filter(level=IndustryLevel.DIVISION).order_by("code")


def industry_label(industry: Industry) -> str:
    """``code name``, the name in the reader's language (English where the industry has
    one, else Traditional)."""
    return f"{industry.code} {industry.display_name() or to_traditional(industry.name)}"


# -- the sources of this app ------------------------------------------------------------------

register_picker(
    PickerSource(
        name="industries", allowed=_anyone, records=industries, find=find_industries,
        defaults=industry_defaults, label=industry_label,
        hint=_("Code or name, e.g. 3841 or 電池"),
    )
)  # fmt: skip

# -- the widget ---------------------------------------------------------------------------


class Picker(forms.Select):
    """A search field and a short select; the options come from the source as you type.

    ``source`` names a registered :class:`PickerSource`; ``params`` are sent with every
    search (the source narrows its records by them); ``to_field`` is the field the option
    values carry (the form field's ``to_field_name``); ``also``: records the form field
    accepts beyond the source's (a person's current district outside the home province),
    shown when chosen, never offered; ``follow``: other fields of the page whose current
    values are filters of the source (parameter name → element id, e.g. the deal form's
    edition), sent with every search instead of a fixed value, and whose change asks again.
    """

    template_name = "reference/picker.html"
    allow_multiple_selected = False

    def __init__(
        self, source: str, *, to_field: str = "pk", params: Mapping[str, str] | None = None,
        user: Any = None, also: QuerySet[Any] | None = None,
        follow: Mapping[str, str] | None = None, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.source, self.to_field = source, "pk" if to_field in ("id", "pk") else to_field
        self.params, self.user, self.also = dict(params or {}), user, also
        self.follow = dict(follow or {})

    def _shown(self, value: list[str]) -> list[Any]:
        source = SOURCES[self.source]
        records = source.records(self.user, self.params)
        shown = shown_records(source, records, value, self.to_field)
        if self.also is None:
            return shown
        found = {value_of(r, self.to_field) for r in shown}
        missing = [v for v in value if v and v not in found]
        return chosen_records(self.also, missing, self.to_field) + shown

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        shown = self._shown(self.format_value(value))
        blank = [] if self.allow_multiple_selected else [("", "—")]
        self.choices = blank + [
            (value_of(r, self.to_field), SOURCES[self.source].label(r)) for r in shown
        ]
        context = super().get_context(name, value, attrs)
        fixed = {k: v for k, v in self.params.items() if k not in self.follow}
        query = {"field": name, "to": self.to_field, **fixed}
        if self.allow_multiple_selected:
            query["multiple"] = "1"
        context["picker"] = {
            "hint": SOURCES[self.source].hint,
            "url": reverse("reference:pick", args=[self.source]),
            "vals": json.dumps(query, ensure_ascii=False),
            "include": "".join(f", #{element}" for element in self.follow.values()),
            "trigger": "".join(f", change from:#{element}" for element in self.follow.values()),
        }
        return context


class MultiPicker(Picker):
    """:class:`Picker` for several values (a multiple select; chosen options stay)."""

    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter is not None else data.get(name)


def shown_records(
    source: PickerSource, records: QuerySet[Any], chosen: Iterable[str], to_field: str,
    text: str = "",
) -> list[Any]:  # fmt: skip
    """The chosen records first, then the matches of ``text`` (or the defaults)."""
    picked = chosen_records(records, chosen, to_field)
    found = source.find(records, text) if text.strip() else list(source.defaults(records)[:SHOWN])
    return picked + [r for r in found if r not in picked][: max(SHOWN - len(picked), 0)]


def chosen_records(records: QuerySet[Any], values: Iterable[str], to_field: str) -> list[Any]:
    """The records of ``values`` (ids, or ``to_field`` values); anything else is ignored."""
    wanted = [v for v in values if v and (to_field != "pk" or v.isdigit())]
    return list(records.filter(**{f"{to_field}__in": wanted})) if wanted else []


def value_of(record: Model, to_field: str) -> str:
    """The option value of ``record`` (its id, or the form field's ``to_field_name``)."""
    return str(getattr(record, "pk" if to_field == "pk" else to_field))


def use_picker(
    form: forms.BaseForm, field: str, source: str, *, user: Any = None,
    params: Mapping[str, str] | None = None, follow: Sequence[str] = (),
) -> None:  # fmt: skip
    """Give ``form``'s model choice ``field`` a picker over ``source``.

    The field's queryset still validates; the source should offer the same records.
    ``follow``: fields of the same form whose values filter the source (``params`` holds
    their values for the first rendering; searches send what the page shows).
    """
    model_field = form.fields[field]
    assert isinstance(model_field, forms.ModelChoiceField)
    multiple = isinstance(model_field, forms.ModelMultipleChoiceField)
    widget = (MultiPicker if multiple else Picker)(
        source, to_field=model_field.to_field_name or "pk", params=params, user=user,
        attrs=model_field.widget.attrs,
        follow={form.add_prefix(name): form[name].auto_id for name in follow},
    )  # fmt: skip
    widget.is_required = model_field.required
    model_field.widget = widget

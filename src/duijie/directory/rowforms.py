"""Forms for one spreadsheet row (organisations, people): all input goes through forms.

Reference columns are looked up by code or by name in either script (:class:`Lookup`,
built once per file). List cells (aliases, schools, key industries …) are separated by
``;``, ``；``, ``、``, ``|`` or line breaks.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from duijie.directory.models import Consent, OrganisationKind, OrganisationSize
from duijie.directory.resolution import core_language
from duijie.interchange.choices import choice_lookup, choice_value
from duijie.interchange.problems import accepted
from duijie.reference.models import AdminDivision, KeyIndustry
from duijie_core.identifiers import (
    credit_code_problems,
    describe,
    hk_cr_no_problems,
    stock_code_problems,
)
from duijie_core.text import normalise

LIST_SEPARATORS = re.compile(r"[;；、|\n]+")
NAME_AND_CODE = re.compile(r"(?P<name>.+?)\s*[(（]\s*(?P<code>\d{2,12})\s*[)）]")


def split_list(text: str) -> list[str]:
    """The items of a list cell, stripped, without empties or repeats."""
    return list(dict.fromkeys(p.strip() for p in LIST_SEPARATORS.split(text or "") if p.strip()))


class ChoiceTable:
    """A choice column: its code or label in any language and script, or a short form.

    A short form is a part of exactly one value's label (商會 → 協會或商會, 同意 → 已同意).
    """

    def __init__(self, choices: type[Any]) -> None:
        self.choices = choices
        self.keys = choice_lookup(choices)

    def value(self, text: str) -> str:
        found = choice_value(text, self.keys)
        if found is not None:
            return found
        labels = accepted([str(label) for label in self.choices.labels])
        raise ValidationError(
            _("unknown value “%(value)s”. Accepted values: %(values)s")
            % {"value": text, "values": labels}
        )


PLACE_SUFFIXES = ("特别行政区", "自治州", "自治区", "自治县", "地区", "省", "市", "区", "县")


def short_place(key: str) -> str:
    """A place name without its administrative suffix (香港特别行政区 → 香港), or ""."""
    for suffix in PLACE_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key.removesuffix(suffix)
    return ""


class Lookup:
    """Reference data by code and by normalised name, loaded once for a whole file."""

    def __init__(self) -> None:
        divisions = list(
            AdminDivision.objects.values_list("pk", "code", "name", "name_hant", "name_en", "level")
        )
        self.division_by_code = {code: pk for pk, code, *_rest in divisions}
        self.divisions_by_name: dict[str, list[tuple[int, int]]] = {}
        self.divisions_by_short: dict[str, list[tuple[int, int]]] = {}
        for pk, _code, name, name_hant, name_en, level in divisions:
            for key in {normalise(name), normalise(name_hant), normalise(name_en)} - {""}:
                self.divisions_by_name.setdefault(key, []).append((level, pk))
                if short := short_place(key):
                    self.divisions_by_short.setdefault(short, []).append((level, pk))
        self.industries = {}
        self.industry_names = []
        for industry in KeyIndustry.objects.order_by("pk"):
            names = (industry.code, industry.name, industry.name_hant, industry.name_en)
            self.industries |= {normalise(n): industry.pk for n in names if n}
            self.industry_names.append(str(industry))
        self.kinds = ChoiceTable(OrganisationKind)
        self.sizes = ChoiceTable(OrganisationSize)
        self.consents = ChoiceTable(Consent)

    def division(self, text: str) -> int:
        """The division written as a code, a name (the highest level wins a tie), a name
        without its suffix (香港 → 香港特別行政區) or “name (code)”."""
        if text in self.division_by_code:
            return self.division_by_code[text]
        named = NAME_AND_CODE.fullmatch(text.strip())
        if named and named["code"] in self.division_by_code:
            return self.division_by_code[named["code"]]
        key = normalise(text)
        found = sorted(self.divisions_by_name.get(key) or self.divisions_by_short.get(key, []))
        if not found:
            raise ValidationError(
                _("unknown place “%(value)s”: write its full name (e.g. 長沙市 or "
                  "香港特別行政區) or its code") % {"value": text}
            )  # fmt: skip
        if len(found) > 1 and found[0][0] == found[1][0]:
            raise ValidationError(
                _("ambiguous place “%(value)s”: write its code") % {"value": text}
            )
        return found[0][1]

    def key_industries(self, text: str) -> list[int]:
        """Key industries written as codes or names."""
        unknown = [item for item in split_list(text) if normalise(item) not in self.industries]
        if unknown:
            raise ValidationError(
                _("unknown key industry “%(value)s”. Accepted values: %(values)s")
                % {"value": unknown[0], "values": accepted(self.industry_names)}
            )
        return [self.industries[normalise(item)] for item in split_list(text)]

    def choice(self, table: ChoiceTable, text: str) -> str:
        """A choice value written as its code, its label in any language, or a short form."""
        return table.value(text)


def identifier_error(problems: tuple[Any, ...]) -> None:
    """Raise the first identifier problem as a ValidationError in the user's language."""
    if problems:
        raise ValidationError(describe(problems[0], core_language()))


class RowForm(forms.Form):
    """A row form that reads reference columns through a shared :class:`Lookup`."""

    def __init__(self, data: dict[str, str], *, lookup: Lookup) -> None:
        super().__init__(data)
        self.lookup = lookup

    def rebind(self, data: dict[str, str]) -> RowForm:
        """Validate another row with this form (field copies are made once per file)."""
        self.data, self.is_bound, self._errors = data, True, None
        return self

    def _optional(self, name: str, reader: Any) -> Any:
        value = self.cleaned_data.get(name, "")
        return reader(value) if value else None


class OrganisationRowForm(RowForm):
    """One organisation row."""

    name = forms.CharField(max_length=300)
    kind = forms.CharField()
    short_name = forms.CharField(max_length=100, required=False)
    name_en = forms.CharField(max_length=300, required=False)
    aliases = forms.CharField(required=False)
    credit_code = forms.CharField(required=False)
    hk_cr_no = forms.CharField(required=False)
    stock_code = forms.CharField(required=False)
    hq_division = forms.CharField(required=False)
    key_industries = forms.CharField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    size = forms.CharField(required=False)
    description = forms.CharField(required=False)

    def clean_kind(self) -> str:
        return self.lookup.choice(self.lookup.kinds, self.cleaned_data["kind"])

    def clean_size(self) -> str:
        return self._optional("size", lambda v: self.lookup.choice(self.lookup.sizes, v)) or ""

    def clean_aliases(self) -> list[str]:
        return split_list(self.cleaned_data["aliases"])

    def clean_credit_code(self) -> str:
        identifier_error(self._optional("credit_code", credit_code_problems) or ())
        return self.cleaned_data["credit_code"]

    def clean_hk_cr_no(self) -> str:
        identifier_error(self._optional("hk_cr_no", hk_cr_no_problems) or ())
        return self.cleaned_data["hk_cr_no"]

    def clean_stock_code(self) -> str:
        identifier_error(self._optional("stock_code", stock_code_problems) or ())
        return self.cleaned_data["stock_code"]

    def clean_hq_division(self) -> int | None:
        return self._optional("hq_division", self.lookup.division)

    def clean_key_industries(self) -> list[int]:
        return self._optional("key_industries", self.lookup.key_industries) or []


class PersonRowForm(RowForm):
    """One person row of the hometown network."""

    name = forms.CharField(max_length=200)
    name_en = forms.CharField(max_length=200, required=False)
    other_names = forms.CharField(required=False)
    birth_year = forms.IntegerField(min_value=1900, max_value=2030, required=False)
    hometown = forms.CharField(required=False)
    location = forms.CharField(required=False)
    schools = forms.CharField(required=False)
    languages = forms.CharField(required=False)
    key_industries = forms.CharField(required=False)
    organisation = forms.CharField(max_length=300, required=False)
    title = forms.CharField(max_length=200, required=False)
    phone = forms.CharField(max_length=50, required=False)
    email = forms.EmailField(required=False)
    wechat = forms.CharField(max_length=100, required=False)
    address = forms.CharField(max_length=300, required=False)
    consent = forms.CharField(required=False)
    consent_purpose = forms.CharField(max_length=300, required=False)

    def clean_hometown(self) -> int | None:
        return self._optional("hometown", self.lookup.division)

    def clean_location(self) -> int | None:
        return self._optional("location", self.lookup.division)

    def clean_other_names(self) -> list[str]:
        return split_list(self.cleaned_data["other_names"])

    def clean_schools(self) -> list[str]:
        return split_list(self.cleaned_data["schools"])

    def clean_languages(self) -> list[str]:
        return split_list(self.cleaned_data["languages"])

    def clean_key_industries(self) -> list[int]:
        return self._optional("key_industries", self.lookup.key_industries) or []

    def clean_consent(self) -> str:
        value = self._optional("consent", lambda v: self.lookup.choice(self.lookup.consents, v))
        return value or Consent.UNKNOWN

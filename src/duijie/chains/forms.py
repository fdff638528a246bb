"""The chain editor: the chain's names and one row per link (its upstream links included)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.chains.services import ChainDraft
from duijie.chains.spreadsheet import CODE, split
from duijie_core.chains import model as core


class ChainForm(forms.Form):
    name = forms.CharField(label=_("Name (Simplified)"), max_length=100)
    name_hant = forms.CharField(label=_("Name (Traditional)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=150)


class LinkForm(forms.Form):
    code = forms.RegexField(
        label=_("Code"),
        regex=CODE,
        max_length=60,
        error_messages={"invalid": _("Use lowercase letters, digits and hyphens only.")},
    )
    name = forms.CharField(label=_("Name (Simplified)"), max_length=100)
    name_hant = forms.CharField(label=_("Name (Traditional)"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=150, required=False)
    gbt = forms.CharField(label=_("GB/T 4754 codes"), required=False)
    shenwan = forms.CharField(label=_("Shenwan industry codes"), required=False)
    keywords = forms.CharField(
        label=_("Product keywords"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    io_sector = forms.CharField(label=_("Input–output sector"), max_length=4, required=False)
    upstream = forms.CharField(
        label=_("Upstream links (codes)"),
        required=False,
        help_text=_("The links that supply this one, separated by commas."),
    )

    def as_link(self) -> core.Link:
        data = self.cleaned_data
        return core.Link(
            id=data["code"],
            names=core.Names(
                data["name_hant"] or data["name"], data["name"], data["name_en"] or data["name"]
            ),
            gbt=split(data["gbt"]),
            shenwan=split(data["shenwan"]),
            keywords=split(data["keywords"]),
            io_sector=data["io_sector"],
            upstream=split(data["upstream"]),
        )


LinkFormSet = forms.formset_factory(LinkForm, extra=2, can_delete=True)


def link_initial(chain: core.Chain) -> list[dict[str, Any]]:
    """The link rows of `chain` as the formset's initial data."""
    return [
        {
            "code": link.id,
            "name": link.names.zh_hans,
            "name_hant": link.names.zh_hant,
            "name_en": link.names.en,
            "gbt": "、".join(link.gbt),
            "shenwan": "、".join(link.shenwan),
            "keywords": "、".join(link.keywords),
            "io_sector": link.io_sector,
            "upstream": "、".join(link.upstream),
        }
        for link in chain.links
    ]


def draft_from(code: str, chain_form: ChainForm, links: Any, kinds: tuple[str, ...]) -> ChainDraft:
    """The chain as the (valid) forms describe it; deleted and empty rows left out."""
    data = chain_form.cleaned_data
    kept = [
        form.as_link()
        for form in links.forms
        if form.has_changed() or form.initial
        if not form.cleaned_data.get("DELETE") and form.cleaned_data.get("code")
    ]
    return ChainDraft(
        code, core.Names(data["name_hant"], data["name"], data["name_en"]), tuple(kept), kinds
    )

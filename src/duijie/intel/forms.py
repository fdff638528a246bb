"""Forms of the news-intelligence pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duijie.directory.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})
PASTED_NAME = "pasted.txt"


class DocumentForm(forms.Form):
    """A news document: a file (PDF, web page, text) or pasted text, with where it came from."""

    file = forms.FileField(
        label=_("File (PDF, saved web page or text)"),
        required=False,
        help_text=_("Or paste the text below."),
    )
    text = forms.CharField(
        label=_("Pasted text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False,
        help_text=_("Left empty: the document's own title or first line."),
    )  # fmt: skip
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    url = forms.URLField(
        label=_("Web address"), max_length=500, required=False, assume_scheme="https"
    )
    published_on = forms.DateField(label=_("Published on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("published_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file, text = data.get("file"), (data.get("text") or "").strip()
        if has_file and text:
            raise forms.ValidationError(_("Give a file or pasted text, not both."))
        if not has_file and not text:
            raise forms.ValidationError(_("Choose a file or paste the text."))
        if text:
            data["file"] = SimpleUploadedFile(PASTED_NAME, text.encode("utf-8"), "text/plain")
            data["pasted"] = True
        return data


class AcceptForm(forms.Form):
    """The record an organisation is, or the investor of a project's lead, when accepting."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, choices: list[Organisation] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in choices or []])

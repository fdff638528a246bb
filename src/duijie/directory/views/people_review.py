"""People pages for staff: suspected duplicate people (merge / dismiss), introduction paths."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.directory.forms import IntroductionForm
from duijie.directory.merging import describe_moves
from duijie.directory.merging_people import (
    CHOOSABLE,
    PREVIEW_FIELDS,
    dismiss_person_duplicate,
    merge_people,
    person_field_rows,
    planned_person_moves,
)
from duijie.directory.models import DuplicateStatus, IntroductionPath, Person, PersonDuplicate
from duijie.directory.privacy import read_people
from duijie.directory.resolution import (
    evidence_from_json,
    evidence_sentences,
    refresh_duplicates,
)
from duijie.directory.services import add_introduction, delete_introduction
from duijie.directory.views.access import page_of


@permission_required("directory.manage")
def person_duplicates(request: HttpRequest) -> HttpResponse:
    """People the resolver was unsure about, side by side with the evidence."""
    pairs = PersonDuplicate.objects.filter(status=DuplicateStatus.OPEN).select_related(
        "a__hometown", "b__hometown"
    )
    page = page_of(request, pairs)
    page.object_list = list(page.object_list)
    people = [p for pair in page.object_list for p in (pair.a, pair.b)]
    read_people(user=request.user, people=people, where=request.path,
                fields=("birth_year", "hometown"))  # fmt: skip
    for pair in page.object_list:
        pair.sentences = evidence_sentences(pair.evidence)
    return render(request, "directory/person_duplicates.html", {"page": page, "query": ""})


@require_POST
@permission_required("directory.manage")
def person_duplicates_refresh(request: HttpRequest) -> HttpResponse:
    """Run person resolution over the whole network again."""
    count = refresh_duplicates(model=PersonDuplicate)
    messages.success(request, _("%(count)s suspected duplicates.") % {"count": count})
    return redirect("directory:person_duplicates")


@permission_required("directory.manage")
def person_duplicate_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the preview (both people side by side, the values to choose, what will move;
    a logged read of their personal fields); POST: merge with the chosen values."""
    related = ("a__hometown", "a__location", "b__hometown", "b__location")
    pair = get_object_or_404(PersonDuplicate.objects.select_related(*related), pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    keep, other = (pair.b, pair.a) if data.get("keep") == "b" else (pair.a, pair.b)
    if request.method == "POST":
        take = [f for f in CHOOSABLE if request.POST.get(f"choose_{f}") == "other"]
        merge_people(keep=keep, other=other, user=request.user, take=take,
                     evidence=evidence_from_json(pair.evidence))  # fmt: skip
        messages.success(request, _("Merged into %(name)s.") % {"name": keep.name})
        return redirect("directory:person", keep.pk)
    read_people(user=request.user, people=[keep, other], where=request.path,
                fields=PREVIEW_FIELDS)  # fmt: skip
    context = {
        "pair": pair, "keep": keep, "other": other, "people": True,
        "keep_side": "b" if keep == pair.b else "a",
        "rows": person_field_rows(keep, other),
        "moves": describe_moves(planned_person_moves(other)),
        "action": reverse("directory:person_duplicate_merge", args=[pair.pk]),
        "choosable": CHOOSABLE,
        "back": reverse("directory:person_duplicates"),
    }  # fmt: skip
    return render(request, "directory/merge_preview.html", context)


@require_POST
@permission_required("directory.manage")
def person_duplicate_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a pair of people as two different people (stays dismissed on later scans)."""
    dismiss_person_duplicate(pair=get_object_or_404(PersonDuplicate, pk=pk))
    return redirect("directory:person_duplicates")


@require_POST
@permission_required("directory.manage")
def introduction_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that person ``pk`` can introduce us to an organisation (warm introduction)."""
    person = get_object_or_404(Person, pk=pk)
    form = IntroductionForm(request.POST)
    if form.is_valid():
        add_introduction(person=person, **form.cleaned_data)
        messages.success(request, _("Introduction path saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("directory:person", pk=pk)


@require_POST
@permission_required("directory.manage")
def introduction_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an introduction path."""
    path = get_object_or_404(IntroductionPath, pk=pk)
    delete_introduction(path=path)
    return redirect("directory:person", pk=path.person_id)

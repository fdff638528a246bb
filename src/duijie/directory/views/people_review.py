"""People pages for staff: suspected duplicate people (merge / dismiss), introduction paths."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.directory.forms import IntroductionForm
from duijie.directory.merging_people import dismiss_person_duplicate, merge_people
from duijie.directory.models import DuplicateStatus, IntroductionPath, Person, PersonDuplicate
from duijie.directory.privacy import read_people
from duijie.directory.resolution import evidence_sentences, refresh_duplicates
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


@require_POST
@permission_required("directory.manage")
def person_duplicate_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a suspected pair of people, keeping the record the user chose."""
    pair = get_object_or_404(PersonDuplicate.objects.select_related("a", "b"), pk=pk)
    keep, other = (pair.b, pair.a) if request.POST.get("keep") == "b" else (pair.a, pair.b)
    merge_people(keep=keep, other=other, user=request.user)
    messages.success(request, _("Merged into %(name)s.") % {"name": keep.name})
    return redirect("directory:person_duplicates")


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

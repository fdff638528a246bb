"""Merging with a preview (staff), the merged record's old address, undo: organisations
here, people in :mod:`duijie.directory.views.people_review` on the same records."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.directory.merging import (
    CHOOSABLE,
    MergeRefused,
    describe_moves,
    field_rows,
    merge_organisations,
    merge_problems,
    planned_moves,
)
from duijie.directory.models import MergeRecord, Organisation, Person, SuspectedDuplicate
from duijie.directory.resolution import evidence_from_json, problem_sentence
from duijie.directory.unmerging import UnmergeRefused, unmerge, unmerge_problems
from duijie_core.problems import Problem

UNMERGE_PHRASES = {
    "unmerge_no_rows": gettext_lazy(
        "This merge was made before merges listed the records they moved; it cannot be undone."
    ),
    "unmerge_id_taken": gettext_lazy("The merged record exists again; nothing to undo."),
    "unmerge_later_merge": gettext_lazy(
        "This record was merged with another one later; undo the later merge first."
    ),
}


def unmerge_sentence(problem: Problem) -> str:
    return str(UNMERGE_PHRASES.get(problem.code, problem.code))


def _sides(request: HttpRequest, pair: SuspectedDuplicate):  # type: ignore[no-untyped-def]
    data = request.POST if request.method == "POST" else request.GET
    return (pair.b, pair.a) if data.get("keep") == "b" else (pair.a, pair.b)


@permission_required("directory.manage")
def duplicate_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the preview (side by side, the values to choose, what will move); POST: merge."""
    pair = get_object_or_404(SuspectedDuplicate.objects.select_related("a", "b"), pk=pk)
    keep, other = _sides(request, pair)
    if request.method == "POST":
        return _merge(request, pair, keep, other)
    context = {
        "pair": pair, "keep": keep, "other": other,
        "keep_side": "b" if keep == pair.b else "a",
        "rows": field_rows(keep, other),
        "moves": describe_moves(planned_moves(other)),
        "problems": [problem_sentence(p) for p in merge_problems(keep, other)],
        "action": reverse("directory:duplicate_merge", args=[pair.pk]),
        "choosable": CHOOSABLE,
        "back": reverse("directory:duplicates"),
    }  # fmt: skip
    return render(request, "directory/merge_preview.html", context)


def _merge(request: HttpRequest, pair, keep, other) -> HttpResponse:  # type: ignore[no-untyped-def]
    take = [f for f in CHOOSABLE if request.POST.get(f"choose_{f}") == "other"]
    try:
        merge_organisations(
            keep=keep, other=other, user=request.user, take=take,
            evidence=evidence_from_json(pair.evidence),
        )  # fmt: skip
    except MergeRefused as refused:
        for problem in refused.problems:
            messages.error(request, problem_sentence(problem))
        return redirect("directory:duplicates")
    messages.success(request, _("Merged into %(name)s.") % {"name": keep.name})
    return redirect("directory:organisation", keep.pk)


@require_POST
@permission_required("directory.manage")
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a merge where the data allows it (see :mod:`duijie.directory.unmerging`)."""
    record = get_object_or_404(MergeRecord.objects.select_related("kept", "kept_person"), pk=pk)
    page = "directory:person" if record.kept_person_id else "directory:organisation"
    try:
        merged = unmerge(record=record, user=request.user)
    except UnmergeRefused as refused:
        for problem in refused.problems:
            messages.error(request, unmerge_sentence(problem))
        return redirect(page, record.survivor.pk)
    messages.success(request, _("%(name)s is a record of its own again.") % {"name": merged.name})
    return redirect(page, merged.pk)


def survivor_redirect(
    request: HttpRequest, pk: int, model: type[Organisation] | type[Person] = Organisation
) -> HttpResponse | None:
    """For the address of a merged-away organisation (or person): a redirect to the record
    it became (following later merges)."""
    kind = "kept_person" if model is Person else "kept"
    record = MergeRecord.objects.filter(merged_pk=pk, **{f"{kind}__isnull": False}).first()
    if record is None:
        return None
    messages.info(
        request,
        _("%(old)s was merged into %(new)s.") % {"old": record.merged_name, "new": record.survivor},
    )
    page = "directory:person" if model is Person else "directory:organisation"
    return redirect(page, record.survivor.pk, permanent=False)


def merge_lines(survivor: Organisation | Person) -> list[dict[str, object]]:
    """The survivor's merges for its page: whom, when, what moved, what was dropped."""
    meta = type(survivor)._meta
    return [
        {
            "record": record,
            "moves": describe_moves(record.moved),
            "dropped": sum(record.dropped.values()),
            "chosen": [str(meta.get_field(f).verbose_name) for f in record.chosen],
            "undo_problems": [unmerge_sentence(p) for p in unmerge_problems(record)],
        }
        for record in survivor.merges.select_related("merged_by")[:20]
    ]

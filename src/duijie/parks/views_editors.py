"""Staff editors, imports and exports of ports, corridors (with their legs) and policy
innovations. History is kept by django-simple-history on every model; the edit pages show
it below the form. Imports go through the one interchange flow (``ImportView``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.accounts.access import permission_required
from duijie.history.services import history_sentences
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import Preview
from duijie.interchange.problems import problem_text
from duijie.interchange.reader import SheetError, Table, read_table
from duijie.interchange.views import ImportView
from duijie.interchange.writer import write_xlsx
from duijie.localised import reader_language
from duijie.parks import sheets
from duijie.parks.forms import CorridorForm, InnovationForm, LegFormSet, PortForm
from duijie.parks.models import Corridor, PolicyInnovation, Port

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHANGE = "parks.change_parks"


def _history(request: HttpRequest, obj: Any) -> list[Any]:
    if obj.pk is None:
        return []
    return history_sentences(obj, user=request.user, language=reader_language())


@permission_required("parks.view_parks")
def port_list(request: HttpRequest) -> HttpResponse:
    """Every port, hub and crossing legs may start or end at."""
    return render(request, "parks/port_list.html", {"ports": Port.objects.all()})


@permission_required(CHANGE)
def port_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Create a port, or change one (its history below the form)."""
    port = get_object_or_404(Port, code=code) if code else Port()
    form = PortForm(request.POST or None, instance=port)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Port saved."))
        return redirect("parks:ports")
    context = {"form": form, "port": port, "history": _history(request, port)}
    return render(request, "parks/port_form.html", context)


@permission_required(CHANGE)
def corridor_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Create a corridor or change one, with its legs (history of both below the form)."""
    corridor = get_object_or_404(Corridor, code=code) if code else Corridor()
    form = CorridorForm(request.POST or None, instance=corridor)
    legs = LegFormSet(request.POST or None, instance=corridor, prefix="legs")
    if request.method == "POST" and form.is_valid() and legs.is_valid():
        with transaction.atomic():
            saved = form.save()
            legs.instance = saved
            legs.save()
        messages.success(request, _("Corridor saved."))
        return redirect(f"{reverse('parks:corridors')}#{saved.code}")
    context = {
        "form": form,
        "legs": legs,
        "corridor": corridor,
        "history": _history(request, corridor),
    }
    return render(request, "parks/corridor_form.html", context)


@permission_required(CHANGE)
def innovation_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Create a policy innovation or change one (its history below the form)."""
    innovation = get_object_or_404(PolicyInnovation, code=code) if code else PolicyInnovation()
    form = InnovationForm(request.POST or None, instance=innovation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Policy innovation saved."))
        return redirect("parks:innovations")
    context = {"form": form, "innovation": innovation, "history": _history(request, innovation)}
    return render(request, "parks/innovation_form.html", context)


class _SheetImport(ImportView):
    """An import of one of the sheets of :mod:`duijie.parks.sheets`."""

    planner: Callable[[Table], sheets.SheetPlan]

    def make_plan(self, pending: PendingUpload) -> sheets.SheetPlan:
        try:
            table = read_table(bytes(pending.content), pending.filename)
        except SheetError as error:
            return sheets.SheetPlan(problems=[problem_text(p) for p in error.problems])
        return type(self).planner(table)

    def make_preview(self, plan: sheets.SheetPlan) -> Preview:
        return plan.preview()

    def commit(self, plan: sheets.SheetPlan, pending: PendingUpload) -> dict[str, int]:
        return {"count": sheets.commit(plan)}


SHEET_WORDS: dict[str, tuple[Promise, Promise, Promise]] = {
    # sheet: (title, intro, "done" message); kind parks.<sheet>, list page parks:<sheet>
    "ports": (
        gettext_lazy("Import ports"),
        gettext_lazy(
            "Upload an .xlsx or .csv file with one row per port (the export has the columns). "
            "A row whose code exists changes that port; a new code adds one."
        ),
        gettext_lazy("Imported %(count)s ports."),
    ),
    "corridors": (
        gettext_lazy("Import trade corridors"),
        gettext_lazy(
            "Upload an .xlsx or .csv file with one row per leg (the export has the columns): "
            "from and to are port codes or division codes, the mode is rail, sea, road, air or "
            "river, a cost needs its currency and unit. A corridor in the file gets exactly the "
            "file's legs."
        ),
        gettext_lazy("Imported %(count)s corridors."),
    ),
    "innovations": (
        gettext_lazy("Import policy innovations"),
        gettext_lazy(
            "Upload an .xlsx or .csv file with one row per policy innovation (the export has "
            "the columns); platforms are listed by their codes."
        ),
        gettext_lazy("Imported %(count)s policy innovations."),
    ),
}


def _sheet_import(name: str, sheet: str, planner: Callable[[Table], Any]) -> type[_SheetImport]:
    """The staff-only import view of one sheet of :mod:`duijie.parks.sheets`."""
    title, intro, done = SHEET_WORDS[sheet]
    attributes = {
        "kind": f"parks.{sheet}", "title": title, "intro": intro, "done": done,
        "planner": staticmethod(planner), "success_url": f"parks:{sheet}", "__module__": __name__,
    }  # fmt: skip
    view = type(name, (_SheetImport,), attributes)
    return method_decorator(permission_required(CHANGE), name="dispatch")(view)


PortImportView = _sheet_import("PortImportView", "ports", sheets.plan_ports)
CorridorImportView = _sheet_import("CorridorImportView", "corridors", sheets.plan_corridors)
InnovationImportView = _sheet_import("InnovationImportView", "innovations", sheets.plan_innovations)


def _export(
    columns: Mapping[str, Promise], rows: Iterable[list[object]], title: str, name: str
) -> HttpResponse:
    content = write_xlsx(sheets.header(columns), rows, title=title)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@permission_required(CHANGE)
def export_ports(request: HttpRequest) -> HttpResponse:
    """Every port as the spreadsheet the import reads."""
    rows = sheets.port_rows(Port.objects.order_by("code"))
    return _export(sheets.PORT_COLUMNS, rows, _("Ports"), "ports")


@permission_required(CHANGE)
def export_corridors(request: HttpRequest) -> HttpResponse:
    """Every corridor, one row per leg, as the spreadsheet the import reads."""
    rows = sheets.corridor_rows(Corridor.objects.order_by("code").prefetch_related("legs"))
    return _export(sheets.CORRIDOR_COLUMNS, rows, _("Trade corridors"), "corridors")


@permission_required(CHANGE)
def export_innovations(request: HttpRequest) -> HttpResponse:
    """Every policy innovation as the spreadsheet the import reads."""
    found = PolicyInnovation.objects.order_by("code").prefetch_related("platforms")
    rows = sheets.innovation_rows(found)
    return _export(sheets.INNOVATION_COLUMNS, rows, _("Policy innovations"), "innovations")

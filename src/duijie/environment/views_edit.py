"""Staff pages that change the investment environment: profiles, import and export of values."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duijie.accounts.access import permission_required
from duijie.environment import services
from duijie.environment.forms import ItemForm, RoleForm
from duijie.environment.models import (
    IndicatorValue,
    OperationProfile,
    ProfileItem,
    ProfileRole,
    Role,
)
from duijie.environment.pages import error_text
from duijie.environment.spreadsheet import (
    ValuePlan,
    changed_fields,
    header_row,
    plan_values,
    value_rows,
)
from duijie.history.services import history_sentences
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import NEW, UNCHANGED, UPDATED, Change, Preview, RowPreview
from duijie.interchange.problems import problem_text
from duijie.interchange.reader import SheetError, read_table
from duijie.interchange.views import ImportView
from duijie.interchange.writer import write_xlsx
from duijie.localised import reader_language
from duijie_core import costs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@permission_required("environment.view_environment")
def profiles(request: HttpRequest) -> HttpResponse:
    """The operation profiles and their yearly needs."""
    rows = OperationProfile.objects.prefetch_related("items__indicator")
    return render(request, "environment/profiles.html", {"profiles": rows})


@require_http_methods(["GET", "POST"])
@permission_required("environment.view_environment")
def profile_edit(request: HttpRequest, code: str) -> HttpResponse:
    """A profile's items and headcount by role; staff add or change an item or a role (POST:
    ``form=role`` for a role) or remove one (``remove`` an item, ``remove_role`` a role)."""
    profile = get_object_or_404(OperationProfile, code=code)
    can_edit = request.user.has_perm("environment.change_environment")
    posted = request.POST if request.method == "POST" else None
    is_role = posted is not None and posted.get("form") == "role"
    form = ItemForm(None if is_role else posted)
    role_form = RoleForm(posted if is_role else None)
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        if "remove" in request.POST or "remove_role" in request.POST:
            if "remove" in request.POST:
                ProfileItem.objects.filter(
                    profile=profile, indicator__code=request.POST["remove"]
                ).delete()
            else:
                ProfileRole.objects.filter(
                    profile=profile, role=request.POST["remove_role"]
                ).delete()
            messages.success(request, _("Item removed."))
            return redirect("environment:profile", code=code)
        chosen = role_form if is_role else form
        if chosen.is_valid():
            try:
                if is_role:
                    services.save_role(profile=profile, **role_form.cleaned_data)
                else:
                    services.save_item(profile=profile, **form.cleaned_data)
            except costs.CostError as error:
                chosen.add_error("indicator" if is_role else "unit", error_text(error))
            else:
                messages.success(request, _("Item saved."))
                return redirect("environment:profile", code=code)
    context = {
        "profile": profile, "form": form, "role_form": role_form, "can_edit": can_edit,
        "items": profile.items.select_related("indicator"),
        "roles": Role.in_order(profile.roles.select_related("indicator")),
        "history": history_sentences(profile, user=request.user, language=reader_language()),
    }  # fmt: skip
    return render(request, "environment/profile.html", context)


@method_decorator(permission_required("environment.change_environment"), name="dispatch")
class ValueImportView(ImportView):
    """Indicator values from a spreadsheet: upload → preview → confirm (all or nothing)."""

    kind = "environment.values"
    title = gettext_lazy("Import indicator values")
    intro = gettext_lazy(
        "Upload an .xlsx or .csv file with one row per value: place code, indicator code, date, "
        "value, unit, currency, source, status (official, estimated or sample), and optionally "
        "publisher and publication date (the export has the columns). A row for a place, "
        "indicator and date already stored replaces it. You will see a preview first; nothing "
        "is saved until you confirm, and nothing at all if any row is wrong."
    )
    success_url = "environment:indicators"
    done = gettext_lazy("Imported %(created)s new values and updated %(updated)s.")

    def make_plan(self, pending: PendingUpload) -> ValuePlan:
        try:
            table = read_table(bytes(pending.content), pending.filename)
        except SheetError as error:
            return ValuePlan(problems=[problem_text(p) for p in error.problems])
        return plan_values(table, today=timezone.localdate())

    def make_preview(self, plan: ValuePlan) -> Preview:
        if plan.problems:
            return Preview.of([], plan.problems)
        rows = []
        for row in plan.rows:
            label = f"{row.value.place} · {row.value.indicator} · {row.value.on.isoformat()}"
            if row.existing is None:
                rows.append(RowPreview(row.number, label, NEW))
                continue
            changes = changed_fields(row.existing, row.value)
            found = tuple(
                Change(str(IndicatorValue._meta.get_field(name).verbose_name), before, after)
                for name, (before, after) in changes.items()
            )
            rows.append(
                RowPreview(row.number, label, UPDATED if found else UNCHANGED, changes=found)
            )
        return Preview.of(rows)

    def commit(self, plan: ValuePlan, pending: PendingUpload) -> dict[str, int]:
        created, updated = services.import_values(plan=plan, user=pending.owner)
        return {"created": created, "updated": updated}


@require_GET
@permission_required("environment.view_environment")
def export_values(request: HttpRequest) -> HttpResponse:
    """Every stored value (or those of ``?place=code``) as the spreadsheet the import reads."""
    values = IndicatorValue.objects.select_related("indicator", "place").order_by(
        "place__code", "indicator__code", "on"
    )
    if request.GET.get("place"):
        values = values.filter(place__code=request.GET["place"])
    content = write_xlsx(header_row(), value_rows(list(values)), title=_("Indicator values"))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="indicator-values.xlsx"'
    return response

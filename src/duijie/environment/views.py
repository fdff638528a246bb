"""Pages that read the investment environment: comparison, indicators per place, report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from duijie.accounts.access import permission_required
from duijie.environment.forms import ReportForm, place_choices
from duijie.environment.models import IndicatorValue
from duijie.environment.report import JOB_KIND, charts, item_tables
from duijie.environment.services import max_age
from duijie.environment.study import study_page
from duijie.jobs.models import Job
from duijie.jobs.services import enqueue
from duijie.reference.models import AdminDivision


@require_GET
@permission_required("environment.view_environment")
def compare(request: HttpRequest) -> HttpResponse:
    """A profile's cost across places: totals, ten years, index, items, what-if, matrix."""
    page = study_page(request.GET, today=timezone.localdate())
    context = {"page": page, "form": page.form, **page.context}
    template = "environment/compare.html" + ("#results" if request.htmx else "")  # type: ignore[attr-defined]
    return render(request, template, context)


@require_GET
@permission_required("environment.view_environment")
def indicators(request: HttpRequest) -> HttpResponse:
    """Every stored value of one place, newest first per indicator, each with its source."""
    choices = place_choices()
    code = request.GET.get("place") or (choices[0][0] if choices else "")
    place = AdminDivision.objects.filter(code=code).first()
    values = (
        IndicatorValue.objects.filter(place=place).select_related("indicator")
        .order_by("indicator__kind", "indicator__order", "indicator__code", "-on")
    )  # fmt: skip
    today = timezone.localdate()
    oldest = today - max_age()
    rows = [(value, value.on < oldest) for value in values]
    context = {"choices": choices, "place": place, "rows": rows, "code": code}
    return render(request, "environment/indicators.html", context)


@require_GET
@permission_required("environment.view_environment")
def report(request: HttpRequest) -> HttpResponse:
    """The investment-environment report as a web page (the PDF has the same content)."""
    page = study_page(request.GET, today=timezone.localdate())
    context = {"page": page, "form": page.form, "report_form": ReportForm(), **page.context}
    if page.study is not None:
        context["charts"] = charts(page.context)
        context["item_tables"] = item_tables(page.context)
    return render(request, "environment/report.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("environment.view_environment")
def report_pdf(request: HttpRequest) -> HttpResponse:
    """Start the report job (POST: the comparison's query and a language); list recent ones."""
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            query = QueryDict(request.POST.get("query", "")).urlencode()
            params = {"query": query, "language": form.cleaned_data["language"]}
            job = enqueue(kind=JOB_KIND, params=params, user=request.user)
            return redirect(f"{request.path}?job={job.pk}")
    recent = Job.objects.filter(kind=JOB_KIND, created_by=request.user).order_by("-created_at")[:10]
    current = next((job for job in recent if str(job.pk) == request.GET.get("job")), None)
    return render(request, "environment/report_pdf.html", {"jobs": recent, "current": current})

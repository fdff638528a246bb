from django.contrib import admin

from duijie.pipeline.models import AftercareIssue, AftercareVisit, Deal, ExchangeRate


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["base", "quote", "rate", "on", "source"]
    list_filter = ["base", "quote"]


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    """Read-mostly: stage fields are derived from events by the services."""

    list_display = ["title", "investor", "stage", "signed_on", "duplicate_status", "owner"]
    list_filter = ["stage", "duplicate_status", "edition"]
    search_fields = ["title", "title_en"]
    readonly_fields = [
        "stage", "negotiating_on", "signed_on", "registered_on", "land_acquired_on",
        "construction_started_on", "topped_out_on", "operating_on", "last_progress_on",
        "amount_cny", "amount_rate", "arrived_cny", "duplicate_status", "duplicate_of",
    ]  # fmt: skip
    raw_id_fields = ["investor", "project", "enterprise", "owner"]


admin.site.register(AftercareVisit)
admin.site.register(AftercareIssue)

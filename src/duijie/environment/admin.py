"""Indicator definitions and profiles in the admin (values come in through the import)."""

from django.contrib import admin

from duijie.environment.models import Indicator, OperationProfile


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_hant", "name_en", "unit", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_hant", "name_en"]


@admin.register(OperationProfile)
class OperationProfileAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_hant", "name_en", "order"]

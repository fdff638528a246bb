from django.contrib import admin

from duijie.reference.models import AdminDivision, Edition, Industry, KeyIndustry, PromotionMethod


@admin.register(AdminDivision)
class AdminDivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_hant", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_hant"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(KeyIndustry)
class KeyIndustryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_hant", "name", "name_en", "order", "active"]
    filter_horizontal = ["industries"]


@admin.register(PromotionMethod)
class PromotionMethodAdmin(admin.ModelAdmin):
    list_display = ["code", "name_hant", "name", "name_en", "order", "active"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_hant", "starts_on", "ends_on", "is_current"]

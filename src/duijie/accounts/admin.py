from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from duijie.accounts.models import PersonalDataAccess, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "language", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "name", "role", "language", "organisation_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "role", "password1", "password2")}),)


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "subject", "purpose"]
    list_filter = ["action"]
    readonly_fields = ["at", "user", "action", "subject", "fields", "purpose"]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

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


class AppendOnlyAdmin(admin.ModelAdmin):
    """An append-only log in the admin: read-only for everyone, administrators included."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(AppendOnlyAdmin):
    """The personal-data access log (the people concerned: ``directory.AccessedPerson``)."""

    list_display = ["at", "user", "action", "subject_shown", "purpose"]
    list_filter = ["action"]
    readonly_fields = ["at", "user", "action", "subject_shown", "fields", "purpose"]

    @admin.display(description=_("subject"), ordering="subject")
    def subject_shown(self, access: PersonalDataAccess) -> str:
        return access.subject_label

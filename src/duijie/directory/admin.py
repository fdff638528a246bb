"""The directory in the Django admin (agency administrators; day-to-day work uses the pages).

Foreign keys to organisations and people use raw id inputs: a select list of 100,000
organisations would not load. Saving an organisation or person here refreshes its
matching and search keys like the pages do.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duijie.accounts.admin import AppendOnlyAdmin
from duijie.directory import models as m
from duijie.directory.erasure import erase_person
from duijie.directory.forms import OrganisationForm
from duijie.directory.privacy import logged_ids, may_read, read_people, read_person
from duijie.directory.services import fill_person_keys, save_organisation

ADMIN_ERASURE = "deleted in the admin"


@admin.register(m.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit_code", "stock_code", "hq_division", "needs_review"]
    list_filter = ["kind", "needs_review", "is_demo"]
    search_fields = ["name", "short_name", "name_en", "credit_code", "stock_code", "search_key"]
    raw_id_fields = ["hq_division"]
    filter_horizontal = ["key_industries"]
    readonly_fields = ["match_key", "search_key", "created_at", "updated_at"]
    exclude = ["industries", "aliases"]
    form = OrganisationForm  # identifiers checked (check digit …), aliases one per line
    show_full_result_count = False

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        save_organisation(org=obj)


class ItemAdmin(admin.ModelAdmin):
    """Mandates and buying needs: listed with their organisation."""

    list_display = ["__str__", "organisation", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation"]
    list_select_related = ["organisation"]


@admin.register(m.Mandate)
class MandateAdmin(ItemAdmin):
    filter_horizontal = ["key_industries", "regions_wanted", "regions_excluded"]
    exclude = ["industries"]


@admin.register(m.BuyingNeed)
class BuyingNeedAdmin(ItemAdmin):
    filter_horizontal = ["delivery_regions"]


@admin.register(m.Person)
class PersonAdmin(admin.ModelAdmin):
    """People through the privacy boundary: only roles that may read personal data, every
    list page and form logged, contacts hidden when consent is withheld, deletion = erasure.
    """

    list_display = ["name", "birth_year", "hometown", "location", "consent"]
    list_filter = ["consent", "is_demo"]
    search_fields = ["name", "name_en", "match_key"]
    raw_id_fields = ["hometown", "location"]
    readonly_fields = ["match_key", "created_at", "updated_at"]
    show_full_result_count = False

    def has_module_permission(self, request: Any) -> bool:
        return may_read(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return may_read(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return may_read(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return may_read(request.user) and super().has_delete_permission(request, obj)

    def get_exclude(self, request: Any, obj: Any = None) -> list[str]:
        return list(m.CONTACT_FIELDS) if obj is not None and obj.consent_withheld else []

    def changelist_view(self, request: Any, extra_context: Any = None) -> Any:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            fields = ("birth_year", "hometown", "location")
            read_people(user=request.user, people=changelist.result_list,
                        where=request.path, fields=fields)  # fmt: skip
        return response

    def change_view(self, request: Any, object_id: str, *args: Any, **kwargs: Any) -> Any:
        person = self.get_object(request, object_id)
        if person is not None and self.has_view_or_change_permission(request, person):
            read_person(user=request.user, person=person, where=request.path)
        return super().change_view(request, object_id, *args, **kwargs)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        fill_person_keys(obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request: Any, obj: Any) -> None:
        erase_person(person=obj, user=request.user, reason=ADMIN_ERASURE)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for person in queryset:
            erase_person(person=person, user=request.user, reason=ADMIN_ERASURE)


@admin.register(m.AccessedPerson)
class AccessedPersonAdmin(AppendOnlyAdmin):
    """The people an access record covers: read-only, like the access log itself."""

    list_display = ["access", "person_id"]
    list_select_related = ["access__user"]
    search_fields = ["person_id"]
    search_help_text = _(
        "A person's id: the records of their data, those of the people merged into them included."
    )

    def get_search_results(
        self, request: HttpRequest, queryset: Any, search_term: str
    ) -> tuple[Any, bool]:
        """The rows naming any id of the person searched for (their :func:`logged_ids`)."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if not term.isdigit():
            return queryset.none(), False
        return queryset.filter(person_id__in=logged_ids(int(term))), False


@admin.register(m.FinancingEvent)
class FinancingEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_on", "company", "round", "amount_text"]
    search_fields = ["headline", "company__name", "investors_text"]
    raw_id_fields = ["company", "investors"]
    list_select_related = ["company"]


@admin.register(m.Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organisation_name", "ended_on"]
    search_fields = ["person__name", "organisation_name"]
    raw_id_fields = ["person", "organisation"]
    list_select_related = ["person"]


@admin.register(m.IntroductionPath)
class IntroductionPathAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "relationship", "strength"]
    raw_id_fields = ["person", "organisation"]
    list_select_related = ["person", "organisation"]


@admin.register(m.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "title"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(m.Segment, m.Campaign)
class OutreachAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_demo"]


@admin.register(m.Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["happened_on", "kind", "person_label", "campaign", "organisation"]
    list_filter = ["kind"]
    raw_id_fields = ["person", "organisation", "campaign"]
    list_select_related = ["campaign", "organisation"]


@admin.register(m.SuspectedDuplicate, m.PersonDuplicate)
class PairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "score", "status"]
    list_filter = ["status"]
    raw_id_fields = ["a", "b"]


@admin.register(m.MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "kept", "kept_person", "merged_by", "merged_at"]
    raw_id_fields = ["kept", "kept_person", "merged_by"]
    readonly_fields = ["snapshot", "moved", "evidence"]
    PERSONAL = ("snapshot", "kept_before")  # a people merge's copies of personal fields

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """A people merge's snapshots stay out of the admin (read on no page, never logged)."""
        return list(self.PERSONAL) if obj is not None and obj.kept_person_id else []

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        hidden = self.get_exclude(request, obj)
        return [f for f in self.readonly_fields if f not in hidden]


@admin.register(m.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "created_by", "created_at", "imported_at"]
    readonly_fields = ["summary"]

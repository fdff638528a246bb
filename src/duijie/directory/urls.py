"""URLs of the directory (mounted at ``directory/``)."""

from django.urls import path

from duijie.directory.views import data, mandates, merges, organisations, people, people_review

app_name = "directory"

urlpatterns = [
    path("", organisations.organisation_list, name="organisations"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("mine/", organisations.my_organisation, name="my_organisation"),
    path("organisations/<int:pk>/mandates/new/", mandates.mandate_create, name="mandate_create"),
    path("mandates/<int:pk>/edit/", mandates.mandate_edit, name="mandate_edit"),
    path("mandates/<int:pk>/delete/", mandates.mandate_delete, name="mandate_delete"),
    path("organisations/<int:pk>/needs/new/", mandates.need_create, name="need_create"),
    path("needs/<int:pk>/edit/", mandates.need_edit, name="need_edit"),
    path("needs/<int:pk>/delete/", mandates.need_delete, name="need_delete"),
    path("organisations/<int:pk>/supply/", mandates.supply_terms, name="supply_terms"),
    path(
        "organisations/<int:pk>/products/new/",
        mandates.item_create,
        {"kind": "product"},
        name="product_create",
    ),
    path("products/<int:pk>/edit/", mandates.item_edit, {"kind": "product"}, name="product_edit"),
    path(
        "products/<int:pk>/delete/",
        mandates.item_delete,
        {"kind": "product"},
        name="product_delete",
    ),
    path(
        "organisations/<int:pk>/deliveries/new/",
        mandates.item_create,
        {"kind": "delivery"},
        name="delivery_create",
    ),
    path(
        "deliveries/<int:pk>/edit/", mandates.item_edit, {"kind": "delivery"}, name="delivery_edit"
    ),
    path(
        "deliveries/<int:pk>/delete/",
        mandates.item_delete,
        {"kind": "delivery"},
        name="delivery_delete",
    ),
    path("people/", people.people_list, name="people"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/consent/", people.person_consent, name="person_consent"),
    path("people/<int:pk>/interactions/", people.person_interaction, name="person_interaction"),
    path("people/<int:pk>/erase/", people.person_erase, name="person_erase"),
    path("people/<int:pk>/introductions/", people_review.introduction_add, name="introduction_add"),
    path(
        "introductions/<int:pk>/delete/",
        people_review.introduction_delete,
        name="introduction_delete",
    ),
    path("people/duplicates/", people_review.person_duplicates, name="person_duplicates"),
    path(
        "people/duplicates/refresh/",
        people_review.person_duplicates_refresh,
        name="person_duplicates_refresh",
    ),
    path(
        "people/duplicates/<int:pk>/merge/",
        people_review.person_duplicate_merge,
        name="person_duplicate_merge",
    ),
    path(
        "people/duplicates/<int:pk>/dismiss/",
        people_review.person_duplicate_dismiss,
        name="person_duplicate_dismiss",
    ),
    path("network/", people.network, name="network"),
    path("network/segments/", people.segment_save, name="segment_save"),
    path("network/campaigns/", people.campaign_create, name="campaign_create"),
    path("network/campaigns/<int:pk>/", people.campaign_detail, name="campaign"),
    path("duplicates/", data.duplicates, name="duplicates"),
    path("duplicates/refresh/", data.duplicates_refresh, name="duplicates_refresh"),
    path("duplicates/<int:pk>/merge/", merges.duplicate_merge, name="duplicate_merge"),
    path("merges/<int:pk>/undo/", merges.merge_undo, name="merge_undo"),
    path("duplicates/<int:pk>/dismiss/", data.duplicate_dismiss, name="duplicate_dismiss"),
    path("import/", data.DirectoryImportView.as_view(), name="import"),
    path("export/", data.export, name="export"),
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "duijie.directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from duijie.accounts.navigation import STAFF, NavItem, register
        from duijie.accounts.roles import Role
        from duijie.directory import models as m
        from duijie.directory import pickers
        from duijie.directory.privacy import STORED_FIELDS
        from duijie.history.services import register_kin, register_personal_fields

        pickers.register()
        register_personal_fields(STORED_FIELDS)
        register_kin(
            m.Organisation,
            (m.Mandate, "organisation_id", "title"),
            (m.BuyingNeed, "organisation_id", "title"),
            (m.SupplyProduct, "organisation_id", "name"),
            (m.DeliveryTime, "organisation_id", "market"),
            (m.SupplierProfile, "organisation_id", "organisation"),
        )
        register_kin(
            m.Person,
            (m.SchoolAttended, "person_id", "school"),
            (m.Affiliation, "person_id", "organisation_name"),
        )

        readers = STAFF | {Role.LEADERSHIP}
        members = frozenset({Role.INVESTOR, Role.PROJECT_OWNER})
        for item in (
            NavItem("directory:organisations", _("Organisations"), readers,
                    _("Investors, enterprises, buyers and suppliers"), order=20),
            NavItem("directory:people", _("People"), STAFF, _("The hometown network"), order=21),
            NavItem("directory:network", _("Hometown network"), STAFF,
                    _("Segments and outreach campaigns"), order=22),
            NavItem("directory:duplicates", _("Duplicates"), STAFF,
                    _("Suspected duplicate organisations"), order=23),
            NavItem("directory:person_duplicates", _("Duplicate people"), STAFF,
                    _("People the resolver could not tell apart"), order=23),
            NavItem("directory:import", _("Import"), STAFF,
                    _("Import organisations and people from spreadsheets"), order=24),
            NavItem("directory:my_organisation", _("My organisation"), members,
                    _("Your organisation's profile and mandate"), order=25),
        ):  # fmt: skip
            register(item)

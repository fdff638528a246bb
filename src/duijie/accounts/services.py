"""Domain functions of the accounts app: every write goes through here."""

from __future__ import annotations

from django.db import transaction

from duijie.accounts.models import PersonalDataAccess, User


def change_language(*, user: User, language: str) -> None:
    """Store ``language`` as the user's interface language. Side effect: saves the user."""
    user.language = language
    user.save(update_fields=["language"])


@transaction.atomic
def log_personal_data_access(
    *,
    user: User,
    action: str,
    subject: str,
    fields: list[str] | tuple[str, ...] = (),
    purpose: str = "",
) -> PersonalDataAccess:
    """Record that ``user`` viewed or exported personal data of ``subject``.

    Side effect: writes one :class:`PersonalDataAccess` row (and a log line).
    """
    import logging

    logging.getLogger("duijie.personal_data").info(
        "personal data %s by %s: %s [%s] %s", action, user.pk, subject, ",".join(fields), purpose
    )
    return PersonalDataAccess.objects.create(
        user=user,
        action=action,
        subject=subject[:200],
        fields=",".join(fields)[:500],
        purpose=purpose[:500],
    )

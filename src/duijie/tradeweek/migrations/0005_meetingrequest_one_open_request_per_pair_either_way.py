"""One open request per pair per edition, whichever side asked.

Rows written before this rule may hold two open requests for the same two people
(one in each direction, the bug of issue 13). Before the index is built, each such
pair keeps one request: the one with a live meeting, else the accepted one, else the
oldest; the others are cancelled and their meetings cancelled with seats released.
"""

import django.db.models.functions.comparison
from django.db import migrations, models

OPEN = ("pending", "accepted")


def _rank(request, live_meetings):  # type: ignore[no-untyped-def]
    return (request.pk not in live_meetings, request.status != "accepted", request.created_at, request.pk)


def keep_one_open_request_per_pair(apps, schema_editor):  # type: ignore[no-untyped-def]
    MeetingRequest = apps.get_model("tradeweek", "MeetingRequest")
    Meeting = apps.get_model("tradeweek", "Meeting")
    MeetingSeat = apps.get_model("tradeweek", "MeetingSeat")
    pairs: dict[tuple[int, int, int], list] = {}
    for request in MeetingRequest.objects.filter(status__in=OPEN).order_by("pk"):
        low, high = sorted((request.requester_id, request.recipient_id))
        pairs.setdefault((request.edition_id, low, high), []).append(request)
    live = set(
        Meeting.objects.exclude(status="cancelled").values_list("request_id", flat=True)
    )
    extra = [
        request.pk
        for found in pairs.values()
        if len(found) > 1
        for request in sorted(found, key=lambda r: _rank(r, live))[1:]
    ]
    MeetingSeat.objects.filter(meeting__request_id__in=extra).delete()
    Meeting.objects.filter(request_id__in=extra).update(status="cancelled")
    MeetingRequest.objects.filter(pk__in=extra).update(status="cancelled")


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_english_and_traditional_names"),
        ("tradeweek", "0004_standby_one_open_offer_per_seat"),
    ]

    operations = [
        migrations.RunPython(keep_one_open_request_per_pair, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="meetingrequest",
            name="one_open_request_per_pair",
        ),
        migrations.AddConstraint(
            model_name="meetingrequest",
            constraint=models.UniqueConstraint(
                models.F("edition"),
                django.db.models.functions.comparison.Least("requester", "recipient"),
                django.db.models.functions.comparison.Greatest("requester", "recipient"),
                condition=models.Q(("status__in", ["pending", "accepted"])),
                name="one_open_request_per_pair_either_way",
                violation_error_message="There is already an open request between you two.",
            ),
        ),
    ]

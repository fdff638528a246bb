"""Each item of the agenda PDF stays on one page (issue 13: items split across pages).

A real agenda of fourteen meetings is rendered by WeasyPrint and read back page by page
(text with pypdf, images drawn on each page with ``pdfimages -list``): every meeting's
time, heading, organisation, project, venue and table are on the page that holds its
heading, and every page draws as many QR codes as it has meetings, so no code is
separated from its meeting either.
"""

from __future__ import annotations

import io
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from duijie.catalogue.models import Project
from duijie.directory.models import Organisation
from duijie.tradeweek.services import placement
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db

MEETINGS = 14


def _agenda_of_many(edition):  # type: ignore[no-untyped-def]
    alice = make_participant(edition, name="Alice Investor")
    alice.user.language = "en"
    alice.user.save(update_fields=["language"])
    venue = make_venue(edition, tables=MEETINGS, name="Harbour Hall")
    for number, slot in enumerate(make_slots(edition, venue, n=MEETINGS, minutes=30), 1):
        other = make_participant(edition, kind="project_owner", name=f"Owner {number:02d}")
        other.organisation = Organisation.objects.create(name=f"Firm {number:02d}")
        other.project = Project.objects.create(
            edition=edition, code=f"P{number:04d}", name_en=f"Plant {number:02d}"
        )
        other.save()
        placement.seat_meeting(request=make_request(alice, other), slot=slot, table=number)
    return alice


def _pages(pdf: bytes, folder: Path) -> list[tuple[str, int]]:
    """Each page's text and the number of images it draws."""
    path = folder / "agenda.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    drawn = Counter(int(line.split()[0]) for line in listing if line.strip())
    reader = PdfReader(io.BytesIO(pdf))
    return [(page.extract_text() or "", drawn[n]) for n, page in enumerate(reader.pages, 1)]


def test_no_meeting_of_the_agenda_pdf_is_split_across_pages(client, edition, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client.force_login(_agenda_of_many(edition).user)
    response = client.get(reverse("tradeweek:agenda_pdf"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    pages = _pages(response.content, tmp_path)
    assert len(pages) >= 3  # long enough that a block could be cut
    for number in range(1, MEETINGS + 1):
        holding = [text for text, _ in pages if f"Meeting with Owner {number:02d}" in text]
        assert len(holding) == 1, number
        text = holding[0]
        start = 10 * 60 + 30 * (number - 1)
        block = (
            f"{start // 60:02d}:{start % 60:02d}",
            f"Firm {number:02d}",
            f"Plant {number:02d}",
            "Harbour Hall",
            f"Table {number}",
        )
        assert [piece for piece in block if piece not in text] == [], number
    headings = [text.count("Meeting with Owner") for text, _ in pages]
    assert [images for _, images in pages] == headings
    assert sum(headings) == MEETINGS

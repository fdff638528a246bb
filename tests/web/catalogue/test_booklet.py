"""The booklet PDF: fonts per language, Traditional title text, rendered pages, QR, job and command.

Checks use poppler (pdffonts, pdftotext, pdftoppm) on a small booklet of 3 projects.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus

from duijie.catalogue.booklet import (
    project_page,
    qr_data_uri,
    render_booklet,
    render_roadshow_deck,
)
from duijie.catalogue.models import Status
from duijie.catalogue.services import save_roadshow
from duijie.jobs.services import enqueue
from tests.web.catalogue import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet_projects(edition):  # type: ignore[no-untyped-def]
    return [
        factories.project(
            edition,
            code="B1",
            name_hant="長沙儲能電站項目",
            name_hans="长沙储能电站项目",
            name_en="Changsha storage plant",
            technology_hant="固態電解質技術",
            technology_hans="固态电解质技术",
            technology_en="Solid-state electrolyte",
        ),
        factories.project(
            edition,
            code="B2",
            name_hant="湘潭體外診斷試劑項目",
            name_hans="湘潭体外诊断试剂项目",
            key_industry=None,
        ),
        factories.project(edition, code="B3", name_hant="未發布", status=Status.DRAFT),
    ]


SITE = "http://duijie.lan/"


def _booklet(tmp_path: Path, edition, language: str) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{language}.pdf"
    path.write_bytes(render_booklet(edition=edition, language=language, site=SITE))
    return path


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _png(pdf: Path, page: int) -> bytes:
    prefix = pdf.with_suffix("")
    _run(
        "pdftoppm",
        "-f",
        str(page),
        "-l",
        str(page),
        "-r",
        "30",
        "-gray",
        "-singlefile",
        "-png",
        str(pdf),
        str(prefix),
    )
    return prefix.with_suffix(".png").read_bytes()


def test_booklet_in_three_languages(tmp_path, edition, booklet_projects):
    files = {
        language: _booklet(tmp_path, edition, language) for language in ("zh-hant", "zh-hans", "en")
    }
    fonts = {language: _run("pdffonts", str(path)) for language, path in files.items()}
    assert "Noto-Sans-CJK-HK" in fonts["zh-hant"] and "Noto-Sans-CJK-SC" not in fonts["zh-hant"]
    assert "Noto-Sans-CJK-SC" in fonts["zh-hans"] and "Noto-Sans-CJK-HK" not in fonts["zh-hans"]
    text = {
        language: _run("pdftotext", "-layout", str(path), "-") for language, path in files.items()
    }
    assert "投融資需求項目資料冊" in text["zh-hant"] and "長沙儲能電站項目" in text["zh-hant"]
    assert "投融资需求项目信息册" in text["zh-hans"] and "长沙储能电站项目" in text["zh-hans"]
    assert "Investment and Financing" in text["en"] and "Changsha storage plant" in text["en"]
    assert "未發布" not in text["zh-hant"]
    assert "湘潭體外診斷試劑項目" in text["en"]  # no English name: falls back to Traditional
    assert "Some texts of this project are not available in this language" in text["en"]
    pages = {
        language: int(_run("pdfinfo", str(path)).split("Pages:")[1].split()[0])
        for language, path in files.items()
    }
    assert pages == {"zh-hant": 5, "zh-hans": 5, "en": 5}  # cover, foreword, contents, 2 projects
    covers = {language: _png(path, 1) for language, path in files.items()}
    blank = _png_of_blank(tmp_path)
    assert all(cover != blank for cover in covers.values())
    assert len(set(covers.values())) == 3


def _png_of_blank(tmp_path: Path) -> bytes:
    from duijie.pdf import render_pdf

    blank = tmp_path / "blank.pdf"
    blank.write_bytes(render_pdf("<html><body></body></html>", stylesheets=["@page { size: A4; }"]))
    return _png(blank, 1)


def test_contents_page_numbers_point_at_project_pages(tmp_path, edition, booklet_projects):
    text = _run("pdftotext", "-layout", str(_booklet(tmp_path, edition, "zh-hant")), "-")
    contents = text.split("\f")[2]
    lines = [line for line in contents.splitlines() if "B1" in line or "B2" in line]
    assert [line.split()[-1].strip(".").rsplit(".", 1)[-1] for line in lines] == ["4", "5"]


def test_qr_code_is_an_svg_data_uri_for_the_project_url():
    uri = qr_data_uri("http://127.0.0.1:8000/projects/hunan-gba-2025/B1/")
    assert uri.startswith("data:image/svg+xml")


def test_booklet_job_produces_a_downloadable_pdf(edition, organiser, booklet_projects):
    done = enqueue(
        kind="catalogue.booklet",
        params={"edition": edition.slug, "language": "zh-hant", "site": SITE},
        user=organiser,
    )
    assert (done.status, done.progress, done.result_name) == (
        TaskResultStatus.SUCCESSFUL,
        100,
        f"booklet-{edition.slug}-zh-hant.pdf",
    )
    assert done.result_file.read(5) == b"%PDF-"


def test_booklet_command(tmp_path, edition, booklet_projects):
    out = tmp_path / "b.pdf"
    call_command(
        "booklet", "--edition", edition.slug, "--language", "zh-hans", "--out", str(out),
        "--site", SITE,
    )  # fmt: skip
    assert out.read_bytes()[:5] == b"%PDF-"


def test_booklet_command_needs_the_sites_address(tmp_path, edition, settings):
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="--site"):
        call_command("booklet", "--edition", edition.slug, "--out", str(tmp_path / "b.pdf"))


def test_booklet_qr_codes_link_to_the_project_page_on_the_site(settings, edition, booklet_projects):
    project = booklet_projects[0]
    page = project_page(project, "en", "http://duijie.lan/")
    assert page.url == f"http://duijie.lan/projects/{edition.slug}/{project.code}/"
    settings.SITE_URL = "https://duijie.example"
    page = project_page(project, "en", "http://duijie.lan/")
    assert page.url == f"https://duijie.example/projects/{edition.slug}/{project.code}/"
    assert page.qr_data_uri == qr_data_uri(page.url)


def test_roadshow_deck_one_page_per_project(tmp_path, edition, booklet_projects):
    roadshow = save_roadshow(edition=edition, title="路演", held_on=None, codes=["B2", "B1"])
    deck = tmp_path / "deck.pdf"
    deck.write_bytes(render_roadshow_deck(roadshow=roadshow, language="zh-hant", site=SITE))
    text = _run("pdftotext", str(deck), "-")
    assert int(_run("pdfinfo", str(deck)).split("Pages:")[1].split()[0]) == 2
    assert text.index("湘潭體外診斷試劑項目") < text.index("長沙儲能電站項目")

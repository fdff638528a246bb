"""Reading PDF, HTML and text documents, and the ``duijie intel`` command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from duijie_core.intel import ingest
from duijie_core.intel.cli import main
from duijie_core.intel.errors import IntelError
from duijie_core.intel.phrases import describe

ARTICLE = (
    "湖南與香港簽約的項目共有八十個，總投資額超過一千億元，"
    "涵蓋先進製造業、現代服務業和農業等多個領域。"
)


def pdf_of(html: str) -> bytes:
    import weasyprint

    page = (
        "<html><head><style>body{font-family:'Noto Sans CJK TC';font-size:11pt}"
        ".col{width:9em}</style></head><body>" + html + "</body></html>"
    )
    return weasyprint.HTML(string=page).write_pdf()


@pytest.fixture(scope="module")
def column_pdf() -> bytes:
    return pdf_of(f'<div class="col">{ARTICLE}</div>')


def test_pdf_text_layer_is_read_and_its_column_wraps_repaired(
    column_pdf: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = ingest.read_document(column_pdf, "page.pdf")
    assert document.kind == ingest.PDF and document.pages == 1
    assert "\n" in document.text.strip()  # the narrow column broke the lines
    path = tmp_path / "page.pdf"
    path.write_bytes(column_pdf)
    assert main(["repair", str(path)]) == 0
    assert capsys.readouterr().out == ARTICLE


def test_encrypted_pdf_is_refused(column_pdf: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(column_pdf)).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(IntelError) as raised:
        ingest.read_document(out.getvalue(), "locked.pdf")
    assert raised.value.problem.code == "encrypted_pdf"


def test_scanned_pdf_without_text_is_refused() -> None:
    blank = pdf_of('<div style="width:5cm;height:5cm;background:#888"></div>')
    with pytest.raises(IntelError) as raised:
        ingest.read_document(blank, "scan.pdf")
    assert raised.value.problem.code == "no_text_layer"
    assert "OCR" in describe("no_text_layer", raised.value.problem.params, "zh-Hant")


def test_damaged_pdf_is_refused() -> None:
    with pytest.raises(IntelError) as raised:
        ingest.read_document(b"%PDF-1.7\n" + b"\x00garbage" * 50, "bad.pdf")
    assert raised.value.problem.code == "broken_pdf"


def test_html_main_text_without_navigation() -> None:
    page = (
        "<html><head><title>經貿合作周</title></head><body><nav><a href='/'>首頁</a>"
        "<a href='/news'>新聞中心</a></nav><article><h1>經貿合作周開幕</h1>"
        f"<p>{ARTICLE}</p><p>{ARTICLE[:30]}。</p></article>"
        "<footer>版權所有 聯絡我們</footer></body></html>"
    )
    document = ingest.read_document(page.encode("utf-8"), "news.html")
    assert document.kind == ingest.HTML
    assert ARTICLE in document.text
    assert "版權所有" not in document.text and "新聞中心" not in document.text


def test_navigation_only_html_is_refused() -> None:
    page = "<html><body><nav><a href='/'>首頁</a><a href='/a'>新聞</a></nav></body></html>"
    with pytest.raises(IntelError) as raised:
        ingest.read_document(page.encode(), "index.html")
    assert raised.value.problem.code == "no_article"


@pytest.mark.parametrize(
    ("encoding", "expected"), [("gb18030", "gb18030"), ("big5hkscs", "big5hkscs")]
)
def test_text_in_chinese_encodings_is_read(encoding: str, expected: str) -> None:
    document = ingest.read_document(ARTICLE.encode(encoding), "news.txt")
    assert document.text == ARTICLE
    assert document.encoding == expected
    assert [n.code for n in document.notices] == ["decoded_as"]


def test_utf8_with_bom_and_utf16() -> None:
    assert ingest.read_document("\ufeff".encode() + ARTICLE.encode(), "a.txt").text == ARTICLE
    assert ingest.read_document(ARTICLE.encode("utf-16"), "a.txt").text == ARTICLE


def test_too_large_and_empty_are_refused_before_reading() -> None:
    with pytest.raises(IntelError) as raised:
        ingest.read_document(b"%PDF-" + b" " * (ingest.MAX_BYTES + 1), "huge.pdf")
    assert raised.value.problem.code == "too_large"
    assert describe("too_large", raised.value.problem.params, "en").startswith("the file is 20 MB")
    with pytest.raises(IntelError) as raised:
        ingest.read_document(b"  \n", "empty.txt")
    assert raised.value.problem.code == "empty_file"


def test_cli_extract_json(
    tmp_path: Path, small_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "55月月1515日日，，三一重工的董事長張明表示，公司將在長沙市投資120億元建設三一智能產業園項目，明年開工。",
        "utf-8",
    )
    code = main(
        ["extract", str(path), "--json", "--date", "2025-05-16", "--model", str(small_model)]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    text = out["text"]
    assert text.startswith("5月15日，三一重工")
    assert set(out) == {"text", "entities", "amounts", "events"}
    for item in [*out["entities"], *out["amounts"], *out["events"]]:
        assert text[item["start"] : item["end"]] == item["text"]
    assert {"type": "company", "text": "三一重工"} in [
        {k: e[k] for k in ("type", "text")} for e in out["entities"]
    ]
    assert out["amounts"][0] | {} == {
        "text": "120億元",
        "start": text.index("120"),
        "end": text.index("120") + 5,
        "value": 12000000000.0,
        "unit": "money",
        "currency": "CNY",
    }
    assert [(e["type"], e["project"], e["date"]) for e in out["events"]] == [
        ("construction_started", "三一智能產業園項目", "2026")
    ]


def test_cli_ner_writes_cluener_format(tmp_path: Path, small_model: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": 0, "text": "中聯重科的副總裁王芳"}\n{"id": "x", "text": "好"}\n', "utf-8"
    )
    out = tmp_path / "out.jsonl"
    assert (
        main(["ner", "--input", str(source), "--out", str(out), "--model", str(small_model)]) == 0
    )
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert rows[0]["id"] == 0 and rows[1] == {"id": "x", "label": {}}
    assert rows[0]["label"]["company"] == {"中聯重科": [[0, 3]]}


def test_cli_train_and_evaluate(
    tmp_path: Path, small_cluener: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "m.crfsuite"
    scores = tmp_path / "scores.json"
    assert (
        main(
            [
                "train",
                "--cluener",
                str(small_cluener),
                "--model",
                str(model),
                "--held-out",
                "0.2",
                "--out",
                str(scores),
            ]
        )
        == 0
    )
    report = json.loads(scores.read_text("utf-8"))
    assert (report["training"], report["held_out"]) == (48, 12)
    overall = report["scores"][-1]
    assert overall["type"] == "all" and overall["f1"] > 0.9
    capsys.readouterr()
    assert (
        main(
            [
                "evaluate",
                "--cluener",
                str(small_cluener),
                "--model",
                str(model),
                "--held-out",
                "0.2",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["scores"] == report["scores"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["repair", "missing.txt"], "找不到檔案"),
        (
            ["--language", "en", "extract", "x.txt", "--json", "--date", "15/5/2025"],
            "is not a date",
        ),
        (
            [
                "--language",
                "zh-Hans",
                "ner",
                "--input",
                "in.jsonl",
                "--out",
                "o.jsonl",
                "--model",
                "none.crfsuite",
            ],
            "请先运行 duijie intel train",
        ),
    ],
)
def test_cli_errors_are_sentences_with_status_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("文字", "utf-8")
    (tmp_path / "in.jsonl").write_text('{"id": 1, "text": "好"}\n', "utf-8")
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()

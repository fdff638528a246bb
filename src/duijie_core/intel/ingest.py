"""Read a news document — PDF (its text layer), HTML (its main text) or plain text — into text.

Kept libraries do the reading: pypdf for PDF text layers, trafilatura for the main text of
an HTML page (navigation, footers and adverts left out), charset-normalizer for text files
whose encoding is not UTF-8 (GB18030, Big5 …). What cannot be read is refused with an
:class:`~duijie_core.intel.errors.IntelError` that says why, before anything is kept.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import Final

from duijie_core.intel.errors import IntelError
from duijie_core.problems import Problem

#: Larger documents are refused before they are parsed (a newspaper page is well under 5 MB).
MAX_BYTES: Final = 20 * 1024 * 1024
#: A PDF whose text layer holds fewer characters than this per page was scanned, not typeset.
MIN_CHARS_PER_PAGE: Final = 20
#: An HTML page whose main text is shorter than this is navigation, not an article.
MIN_ARTICLE_CHARS: Final = 80

PDF: Final = "pdf"
HTML: Final = "html"
TEXT: Final = "text"


@dataclass(frozen=True, slots=True)
class Document:
    """The text of a document and how it was read."""

    text: str
    kind: str
    encoding: str = "utf-8"
    pages: int = 1
    title: str = ""
    notices: tuple[Problem, ...] = field(default=())


def kind_of(data: bytes, name: str = "") -> str:
    """PDF, HTML or text, by content first and the file name second."""
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-") or name.lower().endswith(".pdf"):
        return PDF
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return HTML
    if name.lower().endswith((".html", ".htm")):
        return HTML
    return TEXT


def read_document(data: bytes, name: str = "") -> Document:
    """The text of ``data`` (the bytes of a file called ``name``)."""
    if len(data) > MAX_BYTES:
        raise IntelError("too_large", size=len(data), limit=MAX_BYTES)
    if not data.strip():
        raise IntelError("empty_file", where=name)
    kind = kind_of(data, name)
    if kind == PDF:
        return read_pdf(data, name)
    if kind == HTML:
        return read_html(data, name)
    return read_text(data, name)


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """Text and encoding: UTF-8 (with or without BOM) or UTF-16 by BOM, else detected."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding), encoding.removesuffix("-sig")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5hkscs", "big5", "utf_16"]).best()
    if best is None:
        raise IntelError("unreadable_text", where=name)
    # the supersets: GB18030 reads GB2312 and GBK; Big5-HKSCS reads Big5 and Hong Kong characters
    encoding = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}.get(
        best.encoding, best.encoding
    )
    return data.decode(encoding, errors="strict"), encoding


def read_text(data: bytes, name: str = "") -> Document:
    text, encoding = decode(data, name)
    notices = () if encoding == "utf-8" else (Problem("decoded_as", {"encoding": encoding}),)
    return Document(text, TEXT, encoding=encoding, notices=notices)


def read_pdf(data: bytes, name: str = "") -> Document:
    """The text layer of a PDF, page by page (pages separated by a blank line)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IntelError("encrypted_pdf", where=name)
        pages = [page.extract_text() or "" for page in reader.pages]
    except IntelError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        if "encrypt" in str(error).lower() or "decrypt" in str(error).lower():
            raise IntelError("encrypted_pdf", where=name) from error
        raise IntelError("broken_pdf", where=name, message=str(error)[:200]) from error
    text = "\n\n".join(page.strip("\n") for page in pages)
    if len(text.strip()) < MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise IntelError("no_text_layer", where=name, pages=len(pages))
    title = str(reader.metadata.get("/Title") or "") if reader.metadata else ""
    return Document(text, PDF, pages=len(pages), title=title)


def read_html(data: bytes, name: str = "") -> Document:
    """The main text of an HTML page (trafilatura), paragraphs kept."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    html, encoding = decode(data, name)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_precision=True
    )
    if not text or len(text.strip()) < MIN_ARTICLE_CHARS:
        raise IntelError("no_article", where=name)
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata is not None else None) or ""
    return Document(text, HTML, encoding=encoding, title=title)

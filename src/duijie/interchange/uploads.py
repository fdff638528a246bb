"""Files people upload and read back: checked by content, stored under unguessable names,
served only by views that first decide who may see them.

The one mechanism for every uploaded file (project attachments, deal evidence):

- :func:`checked_upload` (called by the upload forms) refuses a file over its cap before
  reading it, identifies its type by content (``filetype``, never the name or the
  declared type) against an allow-list of PDFs, raster images and office documents, and
  re-encodes images with Pillow (dropping anything hidden in them). HTML and SVG, which a
  browser would run as script, are refused with a message saying what to do instead.
- :class:`UnguessableName` is the ``upload_to`` of every upload field: a random name.
- :func:`file_response` serves a stored file: documents as attachments, images inline,
  always with ``nosniff`` and a policy that lets nothing in the file run.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    **IMAGE_TYPES,  # a photo of a signed page is a document too
}
CONTENT_TYPES = {extension: mime for mime, extension in DOCUMENT_TYPES.items()}
PILLOW_FORMATS = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}
MAX_PIXELS = 40_000_000  # larger images are refused before they are decoded
SNIFF_BYTES = 8192

MARKUP_REFUSED = _(
    "Web pages (HTML) and SVG drawings are not accepted: they could run in readers' "
    "browsers. Save the file as PDF or as a PNG or JPEG image and upload that."
)
DOCUMENT_REFUSED = _(
    "This kind of file is not accepted. Upload a PDF, an image (PNG, JPEG, WebP) "
    "or an office document (Word, Excel, PowerPoint, OpenDocument)."
)
IMAGE_REFUSED = _("This is not a PNG, JPEG or WebP image.")
TOO_LARGE = _("The file is too large (at most %(mb)s MB).")


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted upload: its content to store and the type its content showed."""

    content: ContentFile[bytes] | UploadedFile
    extension: str


def checked_upload(upload: UploadedFile, *, images_only: bool, max_bytes: int) -> CheckedUpload:
    """Accept ``upload`` or raise ``ValidationError`` with a message for the uploader.

    The size is checked before anything is read; the type is read from the first bytes.
    Images come back re-encoded (metadata and trailing data dropped); other documents as
    uploaded. Side effects: none (reads the upload, rewinds it).
    """
    if (upload.size or 0) > max_bytes:
        raise ValidationError(TOO_LARGE, code="too_large", params={"mb": max_bytes >> 20})
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    extension = _allowed_extension(head, images_only=images_only)
    if extension in PILLOW_FORMATS:
        return CheckedUpload(reencoded_image(upload, extension), extension)
    return CheckedUpload(upload, extension)


def _allowed_extension(head: bytes, *, images_only: bool) -> str:
    allowed = IMAGE_TYPES if images_only else DOCUMENT_TYPES
    kind = filetype.guess(head)
    if kind is not None and kind.mime in allowed:
        return allowed[kind.mime]
    if looks_like_markup(head):
        raise ValidationError(MARKUP_REFUSED, code="markup")
    raise ValidationError(IMAGE_REFUSED if images_only else DOCUMENT_REFUSED, code="type")


def looks_like_markup(head: bytes) -> bool:
    """Whether the bytes start like HTML, XML or SVG (after a BOM and white space)."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").replace(b"\x00", b"")
    return text[:1] == b"<" or b"<svg" in head.lower() or b"<html" in head.lower()


def reencoded_image(upload: UploadedFile, extension: str) -> ContentFile[bytes]:
    """The image decoded and written again in its own format, without metadata.

    Raises ``ValidationError`` when Pillow cannot decode it or it has too many pixels.
    """
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(IMAGE_REFUSED, code="too_many_pixels")
            image.load()
            clean = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(IMAGE_REFUSED, code="undecodable") from error
    finally:
        upload.seek(0)
    if extension == "jpg":
        clean = clean.convert("RGB")
    buffer = io.BytesIO()
    clean.save(buffer, format=PILLOW_FORMATS[extension])
    return ContentFile(buffer.getvalue(), name=f"image.{extension}")


@deconstructible
class UnguessableName:
    """``upload_to``: ``<folder>/<32 random hex digits>.<extension of the stored content>``."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: object, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        extension = extension if extension in CONTENT_TYPES else "bin"
        return f"{self.folder}/{secrets.token_hex(16)}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnguessableName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def file_response(stored: FieldFile, *, download_name: str) -> FileResponse:
    """A stored upload for a reader who may see it: images inline, anything else downloaded.

    The type comes from the stored extension (set from the checked content), never from
    the request; ``nosniff`` and a sandboxing policy keep the browser from running it.
    """
    extension = PurePosixPath(stored.name or "").suffix.lower().lstrip(".")
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    inline = extension in PILLOW_FORMATS
    name = (
        download_name
        if download_name.lower().endswith(f".{extension}")
        else (f"{download_name}.{extension}")
    )
    response = FileResponse(
        stored.open("rb"), as_attachment=not inline, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response

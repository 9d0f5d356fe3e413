"""Uploaded documents are checked by what they contain, never by their names.

`document_type` reads the first bytes (and, for ZIP containers, the table of contents) and
answers with the short type of the file ("pdf", "docx", "png", ...). The stored file is named
after that type, so that a page saved as "notes.pdf" is never served as a web page. Pictures
are re-encoded by Pillow in their own format, which drops their metadata (GPS positions).
"""

import io
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from planet.lib import images  # noqa: F401 (sets Pillow's limit against decompression bombs)

ACCEPTED = gettext_lazy(
    "PDF, OpenDocument (odt, ods, odp, odg), Word, Excel or PowerPoint (docx, xlsx, pptx), "
    "ZIP archives, PNG, JPEG or WebP pictures, and plain text or Markdown in UTF-8"
)
ACCEPT_ATTRIBUTE = (
    "application/pdf,.odt,.ods,.odp,.odg,.docx,.xlsx,.pptx,.zip,"
    "image/png,image/jpeg,image/webp,text/plain,text/markdown,.md,.txt"
)
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/vnd.oasis.opendocument.graphics": "odg",
}
OFFICE_OPEN_XML = {  # main part of each kind, as [Content_Types].xml names it
    b"wordprocessingml.document.main+xml": "docx",
    b"spreadsheetml.sheet.main+xml": "xlsx",
    b"presentationml.presentation.main+xml": "pptx",
}
PICTURES = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
MARKUP = ("<html", "<!doctype", "<script", "<svg", "<?xml", "<iframe", "<body", "<object")
MAX_LISTED_BYTES = 1024 * 1024  # the zip entries read to tell the type: small by nature


class Refused(Exception):
    """The content is not one of the accepted types (the message, when given, says why)."""


def _zip_type(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names:
            info = archive.getinfo("mimetype")
            if info.file_size <= 200:
                kind = OPENDOCUMENT.get(archive.read(info).strip())
                if kind:
                    return kind
        if "[Content_Types].xml" in names:
            info = archive.getinfo("[Content_Types].xml")
            types = archive.read(info) if info.file_size <= MAX_LISTED_BYTES else b""
            if b"macroEnabled" in types or any(name.endswith("vbaProject.bin") for name in names):
                raise Refused(  # macros run code on the reader's computer
                    _(
                        "Office files with macros are refused: save the file without macros "
                        "(as .docx, .xlsx or .pptx) and upload it again."
                    )
                )
            for part, kind in OFFICE_OPEN_XML.items():
                if part in types:
                    return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError):
        raise Refused from None
    return "zip"


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text) or "\x7f" in text:
        return False
    start = text.lstrip().lower()
    lowered = text.lower()
    return not start.startswith(("#!", "<")) and not any(tag in lowered for tag in MARKUP)


def document_type(data: bytes) -> str:
    """The short type of `data`, or raise Refused."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_type(data)
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    ):
        return "picture"
    if _is_plain_text(data):
        return "txt"
    raise Refused


def _reencoded_picture(data: bytes) -> tuple[bytes, str]:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = PICTURES.get(picture.format or "")
            if kind is None:
                raise Refused
            picture.load()
            upright = ImageOps.exif_transpose(picture)
            if kind == "jpg" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            buffer = io.BytesIO()
            upright.save(buffer, format=picture.format, quality=90)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise Refused from None
    return buffer.getvalue(), kind


def checked_document(upload, *, limit: int) -> ContentFile:
    """The upload as a file named after its real type (with `file_type` set), or raise
    ValidationError with a message that says what is accepted."""
    if upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    try:
        kind = document_type(data)
        if kind == "picture":
            data, kind = _reencoded_picture(data)
    except Refused as refused:
        message = str(refused) or _(
            "This file is not of a type we accept. Upload one of: %(accepted)s."
        ) % {"accepted": ACCEPTED}
        raise ValidationError(message, code="refused_type") from None
    stem, _dot, extension = (upload.name or "").rpartition(".")
    if kind == "txt" and extension.lower() in ("md", "markdown"):
        kind = "md"  # the name only tells which kind of plain text it is
    stem = slugify(stem)[:60] or "material"
    checked = ContentFile(data, name=f"{stem}.{kind}")
    checked.file_type = kind
    return checked


class DocumentUploadField(forms.FileField):
    """A form field for documents: size checked first, then content; the cleaned value is a
    file named after its real type, with `file_type` and `size`."""

    widget = forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE})

    def __init__(self, *, max_bytes: int | None = None, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        limit = self.max_bytes or settings.MAX_MATERIAL_UPLOAD_BYTES
        return checked_document(upload, limit=limit)

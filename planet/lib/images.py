"""Uploaded images are checked by content and re-encoded: what is stored is ours."""

import io

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

Image.MAX_IMAGE_PIXELS = 40_000_000  # larger images are refused as decompression bombs


def reencode_image(upload, *, max_side: int) -> ContentFile:
    """Return the upload re-encoded as WebP (no metadata), or raise ValidationError."""
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            image.thumbnail((max_side, max_side))
            buffer = io.BytesIO()
            image.save(buffer, format="WEBP", quality=85)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP picture."),
            code="not_an_image",
        ) from None
    return ContentFile(buffer.getvalue(), name="image.webp")


class ImageUploadField(forms.FileField):
    """A form field for pictures: size checked first, then content, then re-encoded to WebP.

    Use on a model ImageField with `formfield_callback` or by declaring it on the form.
    """

    widget = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"})

    def __init__(self, *, max_side: int, **kwargs):
        self.max_side = max_side
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return reencode_image(upload, max_side=self.max_side)

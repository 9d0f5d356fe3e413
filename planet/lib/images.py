"""Uploaded images are checked by content and re-encoded: what is stored is ours.

Each stored image also gets a thumbnail beside it (`covers/x.webp` -> `covers/x.thumb.webp`),
made when the image is saved, at the size lists and cards show it: use
`ThumbnailedImageField(thumbnail=COVER_THUMBNAIL, ...)` on the model and
`{{ obj.cover.thumbnail.url }}` (with `.width` and `.height`) in templates.
"""

import io
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models
from django.db.models.fields.files import ImageFieldFile
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


@dataclass(frozen=True)
class ThumbnailShape:
    """The size of a field's thumbnails: cropped to fill it, or (`crop=False`, for logos,
    which must stay whole) fitted inside it on a transparent background."""

    width: int
    height: int
    crop: bool = True


COVER_THUMBNAIL = ThumbnailShape(400, 225)  # cards: full width of a ~16-25rem card, 16:9
LOGO_THUMBNAIL = ThumbnailShape(128, 128, crop=False)  # shown at 48-64 px, sharp on 2x screens
AVATAR_THUMBNAIL = ThumbnailShape(128, 128)  # shown at 32-64 px


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int


def thumbnail_name(name: str) -> str:
    """Where the thumbnail of the stored file `name` is kept: beside it."""
    stem, dot, _extension = name.rpartition(".")
    return f"{stem if dot else name}.thumb.webp"


def make_thumbnail(picture, shape: ThumbnailShape) -> ContentFile:
    """A WebP of exactly `shape`'s size made from the open image file `picture`."""
    size = (shape.width, shape.height)
    with Image.open(picture) as image:
        image.load()
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        if shape.crop:
            image = ImageOps.fit(image, size, Image.Resampling.LANCZOS)
        else:
            transparent = (0, 0, 0, 0)
            image = ImageOps.pad(image.convert("RGBA"), size, Image.Resampling.LANCZOS, transparent)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=80)
    return ContentFile(buffer.getvalue())


def delete_image(storage: Storage, name: str) -> None:
    """Delete a stored image and its thumbnail: neither stays reachable at its address."""
    storage.delete(name)
    storage.delete(thumbnail_name(name))


class ThumbnailedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        super().save(name, content, save=save)
        if self.field.thumbnail:
            self.write_thumbnail()

    def delete(self, save=True):
        if self.name:
            self.storage.delete(thumbnail_name(self.name))
        super().delete(save=save)

    def write_thumbnail(self) -> None:
        """(Re)make the thumbnail from the stored image."""
        target = thumbnail_name(self.name)
        with self.storage.open(self.name, "rb") as stored:
            thumbnail = make_thumbnail(stored, self.field.thumbnail)
        self.storage.delete(target)  # so that the storage keeps the name, not a variant of it
        self.storage.save(target, thumbnail)

    @property
    def thumbnail(self) -> Thumbnail:
        shape = self.field.thumbnail
        return Thumbnail(self.storage.url(thumbnail_name(self.name)), shape.width, shape.height)


class ThumbnailedImageField(models.ImageField):
    """An ImageField whose files get a thumbnail of `thumbnail`'s shape when saved.

    The column is the same as an ImageField's, and so are its migrations: the migration
    framework sees an ImageField (its copies of the field have no `thumbnail`)."""

    attr_class = ThumbnailedImageFieldFile

    def __init__(self, *args, thumbnail: ThumbnailShape | None = None, **kwargs):
        self.thumbnail = thumbnail
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

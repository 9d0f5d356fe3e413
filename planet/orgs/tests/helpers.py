"""Small helpers for the organisation tests."""

import io
import os
import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import make_image
from planet.orgs.models import Invitation, Membership, Organisation

INVITATION_LINK = re.compile(r"https?://\S+/orgs/invitations/(?P<token>[\w-]+)/")


def org_data(**overrides) -> dict:
    """A valid POST for the organisation form."""
    data = {
        "name": "Rivers Network",
        "kind": "network",
        "country": "BR",
        "website": "https://rivers.example.org",
        "description": "We adopt **rivers** with schools.",
    }
    return data | overrides


def png_upload(name="logo.png", size=(900, 600)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_image("PNG", size=size), content_type="image/png")


def noisy_png(side=200) -> bytes:
    """A PNG that does not compress, to go over a size limit."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def token_from_outbox(address: str) -> str:
    message = next(m for m in reversed(mail.outbox) if address.lower() in m.to)
    return INVITATION_LINK.search(message.body)["token"]


def snapshot():
    """Everything an organisation action may change, to assert that nothing did."""
    return (
        sorted(Organisation.objects.values_list("pk", "name", "kind", "country", "slug", "logo")),
        sorted(Membership.objects.values_list("organisation_id", "user_id", "role")),
        sorted(Invitation.objects.values_list("pk", "email", "role", "accepted_at", "declined_at")),
    )


def files_under(root, folder: str) -> list:
    path = root / folder
    return sorted(path.iterdir()) if path.exists() else []

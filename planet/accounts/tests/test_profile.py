"""The profile: editing every field, the avatar upload, and who sees which group of fields."""

import hashlib
import io
import os
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import client_for, make_image, make_user
from planet.accounts.models import Profile

pytestmark = pytest.mark.django_db


def profile_data(**overrides) -> dict:
    data = {
        "display_name": "  Awa   Diop ",
        "bio": "I teach river ecology to ten-year-olds.",
        "about_visibility": "public",
        "country": "SN",
        "city": "Saint-Louis",
        "location_visibility": "members",
        "languages": ["fr", "wo"],
        "skills": "facilitation, Citizen science,  facilitation , citizen SCIENCE, ,mapping",
        "sdgs": ["4", "14"],
        "interests_visibility": "private",
        "timezone": "Africa/Dakar",
    }
    return data | overrides


def png_upload(name="me.png", size=(900, 600)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_image("PNG", size=size), content_type="image/png")


def noisy_png(side=200) -> bytes:
    """A PNG that does not compress, to go over a size limit."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def awa(db):
    return make_user("awa@example.org", "Awa")


def test_the_settings_page_requires_login(client):
    response = client.get("/accounts/settings/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/settings/"
    assert client.post("/accounts/settings/", profile_data()).status_code == 302


def test_every_field_is_saved(awa):
    client = client_for(awa)
    assert client.get("/accounts/settings/").status_code == 200
    response = client.post("/accounts/settings/", profile_data())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/settings/"
    profile = Profile.objects.get(user=awa)
    assert profile.display_name == "Awa Diop"
    assert profile.bio == "I teach river ecology to ten-year-olds."
    assert profile.country == "SN"
    assert profile.city == "Saint-Louis"
    assert profile.languages == ["fr", "wo"]
    assert profile.skills == ["facilitation", "Citizen science", "mapping"]
    assert sorted(profile.sdgs.values_list("number", flat=True)) == [4, 14]
    assert profile.timezone == "Africa/Dakar"
    assert (profile.about_visibility, profile.location_visibility) == ("public", "members")
    assert profile.interests_visibility == "private"
    page = client.get("/accounts/settings/").content.decode()
    assert "Your profile is saved." in page
    assert 'value="facilitation, Citizen science, mapping"' in page


def test_the_time_zone_is_used_for_dates(awa):
    client = client_for(awa)
    client.post("/accounts/settings/", profile_data(timezone="Asia/Tokyo"))
    response = client.get("/accounts/settings/")
    assert str(response.context["TIME_ZONE"]) == "Asia/Tokyo"


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"display_name": "   "}, "display_name", "This field is required."),
        ({"display_name": "x" * 81}, "display_name", "at most 80 characters"),
        ({"languages": ["fr", "xx"]}, "languages", "xx is not one of the available choices"),
        ({"languages": ["fra"]}, "languages", "not one of the available choices"),
        ({"sdgs": ["18"]}, "sdgs", "Select a valid choice"),
        ({"timezone": "Mars/Olympus"}, "timezone", "Select a valid choice"),
        ({"country": "XX"}, "country", "Select a valid choice"),
        ({"about_visibility": "friends"}, "about_visibility", "Select a valid choice"),
        ({"skills": ",".join(f"skill {n}" for n in range(31))}, "skills", "at most 30 skills"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(awa, overrides, field, message):
    client = client_for(awa)
    response = client.post("/accounts/settings/", profile_data(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and any(message in error for error in errors[field]), errors
    profile = Profile.objects.get(user=awa)
    assert (profile.display_name, profile.bio, profile.city) == ("Awa", "", "")
    # the page header still shows the saved name, not the refused one
    assert response.context["user"].display_name == "Awa"


def test_the_avatar_is_re_encoded_to_webp(awa, django_capture_on_commit_callbacks):
    client = client_for(awa)
    response = client.post("/accounts/settings/", profile_data(avatar=png_upload()))
    assert response.status_code == 302
    profile = Profile.objects.get(user=awa)
    assert profile.avatar.name.startswith(f"avatars/{awa.pk}-")
    assert profile.avatar.name.endswith(".webp")
    with profile.avatar.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "WEBP"
        assert max(image.size) == 512  # scaled down, proportions kept
        assert image.size == (512, 341)
    first = profile.avatar.name

    # a new picture replaces the old one, whose file is removed
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/settings/", profile_data(avatar=png_upload("other.jpg")))
    profile.refresh_from_db()
    assert profile.avatar.name != first
    assert not profile.avatar.storage.exists(first)
    assert profile.avatar.storage.exists(profile.avatar.name)

    # and "remove the picture" removes it
    second = profile.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/settings/", profile_data(remove_avatar="on"))
    profile.refresh_from_db()
    assert not profile.avatar
    assert not profile.avatar.storage.exists(second)


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            lambda: SimpleUploadedFile("big.png", noisy_png(), content_type="image/png"),
            "This file is too large",
        ),
        (
            lambda: SimpleUploadedFile("evil.png", b"<?php echo 1; ?>", content_type="image/png"),
            "Upload a valid image",
        ),
        (
            lambda: SimpleUploadedFile(
                "evil.png", b"GIF89a" + b"\x00" * 64, content_type="image/png"
            ),
            "Upload a valid image",
        ),
    ],
    ids=["too-large", "text-named-png", "truncated-gif"],
)
def test_a_bad_avatar_is_refused_and_the_old_one_stays(awa, settings, upload, message):
    client = client_for(awa)
    client.post("/accounts/settings/", profile_data(avatar=png_upload()))
    profile = Profile.objects.get(user=awa)
    previous = profile.avatar.name
    assert previous

    settings.MAX_IMAGE_UPLOAD_BYTES = 20_000
    response = client.post(
        "/accounts/settings/", profile_data(display_name="Changed", avatar=upload())
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    profile.refresh_from_db()
    assert profile.avatar.name == previous
    assert profile.avatar.storage.exists(previous)
    assert profile.display_name == "Awa Diop"


# The public profile page: each group of fields, at each level, for each kind of viewer.
GROUP_MARKERS = {
    "about": ["I teach river ecology", '<img class="avatar"'],
    "location": ["Saint-Louis", "Senegal"],
    "interests": ["Citizen science", "Wolof", "Quality education"],
}
SEES = {
    "public": {"anonymous", "other member", "owner"},
    "members": {"other member", "owner"},
    "private": {"owner"},
}


@pytest.fixture
def shown_profile(awa):
    profile = awa.profile
    profile.display_name = "Awa Diop"
    profile.bio = "I teach river ecology to ten-year-olds."
    profile.country = "SN"
    profile.city = "Saint-Louis"
    profile.languages = ["wo"]
    profile.skills = ["Citizen science"]
    profile.avatar.save("x.webp", ContentFile(make_image("WEBP")), save=False)
    profile.about_visibility = profile.location_visibility = "private"
    profile.interests_visibility = "private"
    profile.save()
    profile.sdgs.set([4])
    return profile


@pytest.mark.parametrize("viewer", ["anonymous", "other member", "owner"])
@pytest.mark.parametrize("level", ["public", "members", "private"])
@pytest.mark.parametrize("group", ["about", "location", "interests"])
def test_each_group_is_shown_only_to_whom_it_should(shown_profile, outsider, group, level, viewer):
    setattr(shown_profile, f"{group}_visibility", level)
    shown_profile.save()
    user = {"anonymous": None, "other member": outsider, "owner": shown_profile.user}[viewer]
    response = client_for(user).get(f"/people/{shown_profile.handle}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Awa Diop" in page  # the display name is always shown
    for name, markers in GROUP_MARKERS.items():
        expected = viewer in SEES[level] if name == group else viewer == "owner"
        for marker in markers:
            assert (marker in page) is expected, (name, marker)


def test_a_hidden_avatar_has_an_address_nobody_can_work_out(awa):
    client = client_for(awa)
    data = profile_data(about_visibility="private", avatar=png_upload())
    assert client.post("/accounts/settings/", data).status_code == 302
    name = Profile.objects.get(user=awa).avatar.name
    # formerly sha256("<user id>-image.webp"): anyone could fetch a picture shown to nobody
    guessable = hashlib.sha256(f"{awa.pk}-image.webp".encode()).hexdigest()[:12]
    assert guessable not in name
    assert re.fullmatch(rf"avatars/{awa.pk}-[0-9a-f]{{16}}\.webp", name)
    page = client_for(None).get(f"/people/{awa.profile.handle}/").content.decode()
    assert name not in page


def test_an_unknown_or_deactivated_profile_is_not_found(client, awa):
    assert client.get("/people/nobody/").status_code == 404
    awa.is_active = False
    awa.save()
    assert client.get(f"/people/{awa.profile.handle}/").status_code == 404


def test_skills_split_on_arabic_and_chinese_commas_too(outsider):
    client = client_for(outsider)
    data = profile_data(skills="تصميم، تيسير，设计、facilitation")
    assert client.post("/accounts/settings/", data).status_code == 302
    outsider.profile.refresh_from_db()
    assert outsider.profile.skills == ["تصميم", "تيسير", "设计", "facilitation"]

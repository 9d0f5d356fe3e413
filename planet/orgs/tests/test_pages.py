"""Organisation pages: create, edit, logo uploads, the directory, the detail page."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from conftest import client_for, make_image, make_organisation, make_user
from planet.lib.images import thumbnail_name
from planet.orgs.models import Membership, Organisation, Role
from planet.orgs.tests.helpers import files_under, noisy_png, org_data, png_upload, snapshot

pytestmark = pytest.mark.django_db


# Create and edit


def test_creating_an_organisation_makes_the_creator_its_admin(outsider):
    response = client_for(outsider).post("/orgs/new/", org_data(name="École  des  Rivières"))
    organisation = Organisation.objects.get()
    assert response.status_code == 302 and response["Location"] == "/orgs/ecole-des-rivieres/"
    assert organisation.name == "École des Rivières"
    assert organisation.kind == "network" and organisation.country.code == "BR"
    assert organisation.created_by == outsider
    assert Membership.objects.get(organisation=organisation).user == outsider
    assert organisation.role_of(outsider) == Role.ADMIN


def test_the_create_form_requires_login(client):
    response = client.get("/orgs/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "overrides, error",
    [
        ({"name": "   "}, "This field is required."),
        ({"kind": "castle"}, "Select a valid choice."),
        ({"country": "XX"}, "Select a valid choice."),
        ({"website": "not a url at all"}, "Enter a valid URL."),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(outsider, overrides, error):
    response = client_for(outsider).post("/orgs/new/", org_data(**overrides))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Organisation.objects.exists() and not Membership.objects.exists()


def test_names_in_any_script_get_a_slug_and_reserved_slugs_are_avoided(outsider):
    client = client_for(outsider)
    client.post("/orgs/new/", org_data(name="Москва учится"))
    client.post("/orgs/new/", org_data(name="学习之城"))
    client.post("/orgs/new/", org_data(name="Mine"))
    client.post("/orgs/new/", org_data(name="New"))
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert "moskva-uchitsia" in slugs
    assert "mine" not in slugs and "new" not in slugs and "mine-organisation" in slugs
    assert all(slugs)
    for slug in slugs:
        assert client.get(f"/orgs/{slug}/").status_code == 200


def test_the_slug_does_not_change_on_rename(organisation, org_admin):
    slug = organisation.slug
    response = client_for(org_admin).post(
        f"/orgs/{slug}/edit/", org_data(name="A Completely New Name")
    )
    assert response["Location"] == f"/orgs/{slug}/"
    organisation.refresh_from_db()
    assert organisation.name == "A Completely New Name" and organisation.slug == slug


def test_the_edit_form_shows_the_current_values(organisation, editor):
    organisation.website = "https://lycee.example.org"
    organisation.save()
    page = client_for(editor).get(f"/orgs/{organisation.slug}/edit/").content.decode()
    assert 'value="Lycée Planète"' in page and "https://lycee.example.org" in page


# Logos


def test_a_good_png_is_stored_as_a_small_webp(outsider, settings):
    response = client_for(outsider).post("/orgs/new/", org_data(logo=png_upload(size=(1200, 600))))
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.logo.name.startswith("logos/rivers-network-")
    assert organisation.logo.name.endswith(".webp")
    with Image.open(organisation.logo.path) as image:
        assert image.format == "WEBP" and max(image.size) == 400
    page = client_for(None).get(organisation.get_absolute_url()).content.decode()
    assert organisation.logo.url in page and 'alt="Logo of Rivers Network"' in page


def test_an_oversized_logo_is_refused(outsider, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 2048
    upload = SimpleUploadedFile("big.png", noisy_png(), content_type="image/png")
    response = client_for(outsider).post("/orgs/new/", org_data(logo=upload))
    assert response.status_code == 400
    assert "This file is too large" in response.content.decode()
    assert not Organisation.objects.exists()
    assert files_under(settings.MEDIA_ROOT, "logos") == []


def test_a_file_that_is_not_an_image_is_refused(outsider, settings):
    upload = SimpleUploadedFile("logo.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = client_for(outsider).post("/orgs/new/", org_data(logo=upload))
    assert response.status_code == 400
    assert "not an image we can read" in response.content.decode()
    assert not Organisation.objects.exists()
    assert files_under(settings.MEDIA_ROOT, "logos") == []


def test_a_bad_logo_on_edit_keeps_everything(organisation, org_admin, settings):
    organisation.logo.save("x.webp", ContentFile(make_image("WEBP")))
    before = snapshot()
    upload = SimpleUploadedFile("logo.png", b"nope", content_type="image/png")
    response = client_for(org_admin).post(
        f"/orgs/{organisation.slug}/edit/", org_data(name="Renamed", logo=upload)
    )
    assert response.status_code == 400
    assert snapshot() == before
    assert len(files_under(settings.MEDIA_ROOT, "logos")) == 2  # the logo and its thumbnail


def test_replacing_and_removing_the_logo_deletes_the_old_file(
    organisation, org_admin, settings, django_capture_on_commit_callbacks
):
    client = client_for(org_admin)
    url = f"/orgs/{organisation.slug}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, org_data(logo=png_upload()))
    first = Organisation.objects.get().logo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, org_data(logo=png_upload()))
    second = Organisation.objects.get().logo.name
    assert first != second
    kept = sorted(name.split("/")[1] for name in (second, thumbnail_name(second)))
    assert [p.name for p in files_under(settings.MEDIA_ROOT, "logos")] == kept
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, org_data())  # no upload: the logo stays
    assert Organisation.objects.get().logo.name == second
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, org_data(remove_logo="on"))
    assert not Organisation.objects.get().logo
    assert files_under(settings.MEDIA_ROOT, "logos") == []


# The directory


def test_the_list_filters_by_kind_and_country_and_keeps_them_in_the_url(db):
    make_organisation("Escola Rio", kind="school", country="BR")
    make_organisation("Rede Jovem", kind="youth_movement", country="BR")
    make_organisation("Lycée Seine", kind="school", country="FR")
    client = client_for(None)
    page = client.get("/orgs/?kind=school&country=BR").content.decode()
    assert "Escola Rio" in page and "Rede Jovem" not in page and "Lycée Seine" not in page
    page = client.get("/orgs/?country=BR").content.decode()
    assert "Escola Rio" in page and "Rede Jovem" in page and "Lycée Seine" not in page
    page = client.get("/orgs/?kind=castle").content.decode()  # a bad value is ignored
    assert "Escola Rio" in page and "Lycée Seine" in page
    page = client.get("/orgs/?q=seine").content.decode()
    assert "Lycée Seine" in page and "Escola Rio" not in page


def test_the_list_is_paginated_and_pages_keep_the_filters(db):
    for number in range(30):
        make_organisation(f"School {number:02}", kind="school", country="KE")
    make_organisation("A Company", kind="company", country="KE")
    page = client_for(None).get("/orgs/?kind=school").content.decode()
    assert "30 organisations" in page
    assert "School 23" in page and "School 24" not in page
    assert "?kind=school&amp;page=2" in page
    second = client_for(None).get("/orgs/?kind=school&page=2").content.decode()
    assert "School 24" in second and "A Company" not in second


def test_the_create_button_shows_for_signed_in_people_only(outsider):
    assert "/orgs/new/" in client_for(outsider).get("/orgs/").content.decode()
    assert "/orgs/new/" not in client_for(None).get("/orgs/").content.decode()


def test_htmx_gets_only_the_results(organisation):
    response = client_for(None).get("/orgs/?kind=school", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="org-results"' in content and "<html" not in content


# The detail page


def test_the_detail_page_shows_the_organisation_and_its_members(organisation, member, editor):
    organisation.website = "https://lycee.example.org"
    organisation.description = "We **teach** rivers.<script>alert(1)</script>"
    organisation.save()
    page = client_for(None).get(organisation.get_absolute_url()).content.decode()
    assert "Lycée Planète" in page and "School" in page and "France" in page
    assert 'href="https://lycee.example.org"' in page
    assert "<strong>teach</strong>" in page and "<script>alert" not in page
    assert page.index("Ada Admin") < page.index("Eddie Editor") < page.index("Mia Member")
    assert member.profile.get_absolute_url() in page
    assert "3 members" in page


def test_avatars_follow_the_profile_visibility(organisation, member, outsider):
    profile = member.profile
    profile.avatar.save("a.webp", ContentFile(make_image("WEBP")))
    profile.about_visibility = "private"
    profile.save()
    url = organisation.get_absolute_url()
    for viewer in (None, outsider):
        page = client_for(viewer).get(url).content.decode()
        assert "Mia Member" in page and profile.avatar.thumbnail.url not in page
    assert profile.avatar.thumbnail.url in client_for(member).get(url).content.decode()
    profile.about_visibility = "members"
    profile.save()
    assert profile.avatar.thumbnail.url in client_for(outsider).get(url).content.decode()
    assert profile.avatar.thumbnail.url not in client_for(None).get(url).content.decode()


def test_inactive_accounts_are_not_listed(organisation, member):
    member.is_active = False
    member.save()
    page = client_for(None).get(organisation.get_absolute_url()).content.decode()
    assert "Mia Member" not in page


# Fixed number of queries


def _add_members(organisation, count: int, start: int = 0):
    for number in range(start, start + count):
        user = make_user(f"person{number}@example.org", f"Person {number}")
        user.profile.avatar.save(f"{number}.webp", ContentFile(make_image("WEBP")))
        Membership.objects.create(organisation=organisation, user=user, role=Role.MEMBER)


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["anonymous", "member", "org_admin"])
def test_the_detail_and_members_pages_cost_the_same_for_2_or_20_members(
    cast, organisation, who, django_assert_num_queries
):
    client = client_for(cast[who])
    urls = [organisation.get_absolute_url()]
    if who == "org_admin":
        urls.append(f"/orgs/{organisation.slug}/members/")
    _add_members(organisation, 2)
    small = {url: _count_queries(client, url) for url in urls}
    _add_members(organisation, 18, start=2)
    for url in urls:
        with django_assert_num_queries(small[url]):
            response = client.get(url)
        assert response.content.decode().count("/people/") >= 20


def test_the_list_pages_cost_the_same_for_2_or_20_organisations(
    org_admin, django_assert_num_queries
):
    client = client_for(org_admin)
    for number in range(2):
        make_organisation(f"Org {number}", admin=org_admin, country="FR")
    small = {url: _count_queries(client, url) for url in ("/orgs/", "/orgs/mine/")}
    for number in range(2, 20):
        make_organisation(f"Org {number}", admin=org_admin, country="FR")
    for url, count in small.items():
        with django_assert_num_queries(count):
            response = client.get(url)
        assert "Org 19" in response.content.decode()

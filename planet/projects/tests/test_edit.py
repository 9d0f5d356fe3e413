import pytest

from conftest import client_for, make_image
from planet.projects.models import Project, ProjectSlug, Status
from planet.projects.tests.factories import form_data, make_project

pytestmark = pytest.mark.django_db


def _token(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"].initial["form_token"]


def test_member_creates_a_draft_project_with_everything(outsider, organisation, member):
    client = client_for(member)
    token = _token(client, "/projects/new/")
    data = form_data(form_token=token, organisations=[str(organisation.pk)])
    response = client.post("/projects/new/", data)
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.status == Status.DRAFT
    assert project.team.get().user == member and project.team.get().role == "owner"
    assert sorted(g.number for g in project.goals.all()) == [4, 6]
    assert [t.code for t in project.targets.all()] == ["6.3"]
    assert sorted(project.languages.values_list("code", flat=True)) == ["en", "pt"]
    assert project.locations.get().place_name == "Belém"
    assert project.links == [{"label": "Website", "url": "https://rivers.example.org"}]
    assert list(project.organisations.all()) == [organisation]
    page = client.get(project.get_absolute_url()).content.decode()
    assert "<h2>How it works</h2>" in page and "<strong>100 metres</strong>" in page
    # a draft is the team's alone
    assert client_for(outsider).get(project.get_absolute_url()).status_code == 404


def test_picking_a_target_implies_its_goal(member):
    client = client_for(member)
    data = form_data(form_token=_token(client, "/projects/new/"), goals=[], targets=["13.1"])
    client.post("/projects/new/", data)
    assert [g.number for g in Project.objects.get().goals.all()] == [13]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"title": "   "}, "title", ""),
        ({"targets": ["4.99"]}, "targets", "4.99"),
        ({"goals": [], "targets": []}, "goals", "at least one"),
        ({"locations-0-latitude": "95"}, None, "less than or equal to 90"),
        ({"locations-0-longitude": "-181"}, None, "greater than or equal to -180"),
        ({"links-0-url": "javascript:alert(1)"}, None, "valid URL"),
        ({"starts_on": "2026-09-01", "ends_on": "2026-06-30"}, "ends_on", "before the start"),
        ({"starts_on": "2026-13-45"}, "starts_on", "valid date"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(member, overrides, field, message):
    client = client_for(member)
    data = form_data(form_token=_token(client, "/projects/new/"), **overrides)
    response = client.post("/projects/new/", data)
    assert response.status_code == 400
    assert Project.objects.count() == 0
    if field:
        assert response.context["form"].errors[field]
    assert message in response.content.decode()


def test_a_10_mb_non_image_cover_is_refused(member, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(member)
    fake = SimpleUploadedFile("cover.png", b"\0" * (10 * 1024 * 1024), content_type="image/png")
    data = form_data(form_token=_token(client, "/projects/new/"), cover=fake)
    response = client.post("/projects/new/", data)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert Project.objects.count() == 0
    settings.MAX_IMAGE_UPLOAD_BYTES = 20 * 1024 * 1024
    fake.seek(0)
    data = form_data(form_token=_token(client, "/projects/new/"), cover=fake)
    response = client.post("/projects/new/", data)
    assert "not an image" in response.content.decode()
    assert Project.objects.count() == 0


def test_a_good_cover_is_reencoded(member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(member)
    cover = SimpleUploadedFile("c.jpg", make_image("JPEG", (2400, 1200)), content_type="image/jpeg")
    data = form_data(form_token=_token(client, "/projects/new/"), cover=cover, cover_alt="A river")
    client.post("/projects/new/", data)
    project = Project.objects.get()
    assert project.cover.name.endswith(".webp")
    assert project.cover.width == 1600


def test_a_second_submission_of_the_same_form_creates_nothing_more(member):
    client = client_for(member)
    data = form_data(form_token=_token(client, "/projects/new/"))
    first = client.post("/projects/new/", data)
    second = client.post("/projects/new/", data)
    assert Project.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_stale_edit_is_refused_and_keeps_the_text(member):
    project = make_project(member)
    first, second = client_for(member), client_for(member)
    form_a = first.get(f"/projects/{project.slug}/edit/").context["form"]
    form_b = second.get(f"/projects/{project.slug}/edit/").context["form"]
    data_a = form_data(form_token=form_a.initial["form_token"], version="1", summary="From A")
    data_b = form_data(form_token=form_b.initial["form_token"], version="1", summary="From B")
    assert first.post(f"/projects/{project.slug}/edit/", data_a).status_code == 302
    response = second.post(f"/projects/{project.slug}/edit/", data_b)
    assert response.status_code == 400
    assert "Someone else saved this project" in response.content.decode()
    assert "From B" in response.content.decode()  # nothing typed is lost
    project.refresh_from_db()
    assert project.summary == "From A" and project.version == 2


def test_renaming_moves_the_address_and_old_links_redirect(member):
    project = make_project(member, title="Rivers as classrooms")
    client = client_for(member)
    form = client.get(f"/projects/{project.slug}/edit/").context["form"]
    data = form_data(form_token=form.initial["form_token"], version="1", title="Des rivières")
    client.post(f"/projects/{project.slug}/edit/", data)
    project.refresh_from_db()
    assert project.slug == "des-rivieres"
    assert ProjectSlug.objects.filter(slug="rivers-as-classrooms", project=project).exists()
    response = client_for(None).get("/projects/rivers-as-classrooms/")
    assert response.status_code == 301 and response["Location"] == "/projects/des-rivieres/"


def test_slugs_work_for_every_script(member):
    assert make_project(member, title="Школа будущего").slug == "shkola-budushchego"
    assert make_project(member, title="学习星球").slug
    assert make_project(member, title="🌍🌍").slug  # falls back to a random id


def test_replacing_the_cover_removes_the_old_file(member, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    project = make_project(member)
    client = client_for(member)
    url = f"/projects/{project.slug}/edit/"
    for colour in [(200, 0, 0), (0, 200, 0)]:
        form = client.get(url).context["form"]
        cover = SimpleUploadedFile("c.png", make_image(colour=colour), content_type="image/png")
        project.refresh_from_db()
        data = form_data(form_token=form.initial["form_token"], version=str(project.version))
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, data | {"cover": cover})
        project.refresh_from_db()
        if colour == (200, 0, 0):
            first = project.cover.name
    storage = project.cover.storage
    assert project.cover.name != first
    assert storage.exists(project.cover.name) and not storage.exists(first)


def test_empty_extra_rows_are_ignored_and_the_language_follows_the_interface(member):
    client = client_for(member)
    response = client.get("/projects/new/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.context["form"]["content_language"].value() == "fr"
    data = form_data(form_token=response.context["form"].initial["form_token"])
    for field in ("place_name", "country", "latitude", "longitude"):
        data[f"locations-0-{field}"] = ""
    data["links-0-label"] = data["links-0-url"] = ""
    assert client.post("/projects/new/", data).status_code == 302
    project = Project.objects.get()
    assert not project.locations.exists() and project.links == []


def test_dates_are_saved_and_shown_on_the_project_page(member):
    client = client_for(member)
    data = form_data(
        form_token=_token(client, "/projects/new/"), starts_on="2026-09-01", ends_on="2027-06-30"
    )
    client.post("/projects/new/", data)
    project = Project.objects.get()
    assert str(project.starts_on) == "2026-09-01" and str(project.ends_on) == "2027-06-30"
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'datetime="2026-09-01"' in page and 'datetime="2027-06-30"' in page


def test_the_database_refuses_a_project_that_ends_before_it_starts(member):
    from datetime import date

    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(member, starts_on=date(2026, 9, 1), ends_on=date(2026, 1, 1))


def test_a_program_that_others_adapted_stays_a_program(member, outsider):
    from planet.programs.models import Replication

    program = make_project(member, title="Rivers as classrooms")
    copy = make_project(outsider, title="Rivers in Lyon")
    Replication.objects.create(project=copy, origin=program, root=program, path=f"/{program.pk}/")
    client = client_for(member)
    url = f"/projects/{program.slug}/edit/"
    token = _token(client, url)
    data = form_data(form_token=token, kind="campaign", version=program.version)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "stays a program" in response.content.decode()
    program.refresh_from_db()
    assert program.kind == "program"

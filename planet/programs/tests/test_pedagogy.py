"""A program's pedagogy: editing it with its phases, its materials, and its section on the
program page."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for, make_image
from planet.programs.models import Licence, Material, Pedagogy, Phase
from planet.projects.models import ProjectLanguage, ProjectMember, Status, TeamRole
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]
EDITORS = {"editor", "org_admin", "site_admin"}  # team owners and editors, and site admins


@pytest.fixture
def make_program(cast):
    def make(status=Status.PUBLISHED, **extra):
        program = make_project(
            cast["org_admin"], title=f"A {status} program", status=status, **extra
        )
        ProjectMember.objects.create(project=program, user=cast["editor"], role=TeamRole.EDITOR)
        ProjectMember.objects.create(project=program, user=cast["member"], role=TeamRole.MEMBER)
        return program

    return make


@pytest.fixture
def program(make_program):
    return make_program()


def phase_rows(*phases, initial=0) -> dict:
    data = {
        "phases-TOTAL_FORMS": str(len(phases)),
        "phases-INITIAL_FORMS": str(initial),
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "12",
    }
    for index, phase in enumerate(phases):
        data.update({f"phases-{index}-{key}": value for key, value in phase.items()})
    return data


THREE_PHASES = [
    {"name": "Engage", "description": "Meet the *river*.", "steps": "Walk\n\n Listen ",
     "ORDER": "1", "duration_hours": "4"},
    {"name": "Investigate", "description": "", "steps": "Sample the water\nCount the fish",
     "ORDER": "2", "duration_hours": "10.5"},
    {"name": "Act", "description": "Tell the town.", "steps": "", "ORDER": "3",
     "duration_hours": ""},
]  # fmt: skip


def pedagogy_data(*phases, initial=0, **overrides) -> dict:
    data = {
        "challenge": "Our rivers are **polluted**.",
        "learning_outcomes": "- measure water quality\n- speak in public",
        "duration_weeks": "6",
        "age_min": "9",
        "age_max": "12",
        "group_size_min": "10",
        "group_size_max": "30",
        "licence": Licence.CC_BY_SA,
        **phase_rows(*phases, initial=initial),
    }
    data.update(overrides)
    return data


def pedagogy_url(project):
    return f"/projects/{project.slug}/pedagogy/"


def materials_url(project):
    return f"/projects/{project.slug}/materials/"


# Who may edit


@pytest.mark.parametrize("who", CAST)
def test_team_owners_editors_and_site_admins_edit_the_pedagogy(program, cast, who):
    client = client_for(cast[who])
    response = client.get(pedagogy_url(program))
    post = client.post(pedagogy_url(program), pedagogy_data(*THREE_PHASES))
    if who == "anonymous":
        assert response.status_code == post.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif who not in EDITORS:  # they see the published program but may not edit it
        assert response.status_code == post.status_code == 403
    else:
        assert response.status_code == 200
        assert post.status_code == 302
        assert post["Location"] == f"/projects/{program.slug}/#pedagogy"
    assert Pedagogy.objects.exists() == (who in EDITORS)


@pytest.mark.parametrize("who", CAST)
def test_team_owners_editors_and_site_admins_manage_materials(program, cast, who):
    client = client_for(cast[who])
    response = client.get(materials_url(program))
    post = client.post(materials_url(program), {"title": "Kit", "url": "https://kit.example.org"})
    expected = {"anonymous": 302}.get(who, 200 if who in EDITORS else 403)
    assert response.status_code == expected
    assert post.status_code == (302 if who in EDITORS or who == "anonymous" else 403)
    assert Material.objects.exists() == (who in EDITORS)


def test_a_draft_program_is_hidden_from_outsiders(make_program, outsider, curator):
    draft = make_program(Status.DRAFT)
    material = Material.objects.create(
        pedagogy=Pedagogy.objects.create(project=draft), title="Kit", url="https://a.example"
    )
    client = client_for(outsider)
    assert client.get(pedagogy_url(draft)).status_code == 404
    assert client.get(materials_url(draft)).status_code == 404
    delete = f"/projects/{draft.slug}/materials/{material.pk}/delete/"
    assert client.post(delete).status_code == 404
    # curators see drafts, but editing is for the team
    assert client_for(curator).get(pedagogy_url(draft)).status_code == 403
    assert Material.objects.count() == 1


def test_only_programs_have_a_pedagogy(org_admin):
    tool = make_project(org_admin, title="A river app", kind="tool")
    client = client_for(org_admin)
    assert client.get(pedagogy_url(tool)).status_code == 404
    assert client.get(materials_url(tool)).status_code == 404
    page = client.get(f"/projects/{tool.slug}/").content.decode()
    assert "Edit the pedagogy" not in page and "Run this program here" not in page


def test_an_old_address_leads_to_the_pedagogy_page(program, org_admin):
    old = program.slug
    program.rename("Rivers everywhere")
    program.save()
    response = client_for(org_admin).get(f"/projects/{old}/pedagogy/")
    assert response.status_code == 301  # moved for good, like the project page
    assert response["Location"] == f"/projects/{program.slug}/pedagogy/"


# Saving and showing


def test_the_pedagogy_is_saved_and_shown_on_the_program_page(program, editor, outsider):
    ProjectLanguage.objects.create(project=program, code="pt")
    response = client_for(editor).post(pedagogy_url(program), pedagogy_data(*THREE_PHASES))
    assert response.status_code == 302
    pedagogy = Pedagogy.objects.get(project=program)
    assert (pedagogy.age_min, pedagogy.age_max, pedagogy.duration_weeks) == (9, 12, 6)
    assert pedagogy.licence == Licence.CC_BY_SA
    phases = list(pedagogy.phases.all())
    assert [p.name for p in phases] == ["Engage", "Investigate", "Act"]
    assert [p.position for p in phases] == [0, 1, 2]
    assert phases[0].steps == ["Walk", "Listen"] and phases[2].steps == []
    assert phases[1].duration_hours == Decimal("10.5") and phases[2].duration_hours is None

    page = client_for(outsider).get(f"/projects/{program.slug}/").content.decode()
    assert "<strong>polluted</strong>" in page
    assert "<li>measure water quality</li>" in page
    assert "6 weeks" in page and "14.5 hours of activities in all" in page
    assert "9 to 12 years" in page and "10 to 30 learners" in page
    assert page.index("Engage") < page.index("Investigate") < page.index(">Act<")
    assert "<li>Sample the water</li>" in page and "(10.5 hours)" in page
    assert "Portuguese" in page
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/"' in page
    assert "others may adapt this program" in page
    assert "Edit the pedagogy" not in page


def test_the_editor_sees_the_program_buttons(program, editor):
    page = client_for(editor).get(f"/projects/{program.slug}/").content.decode()
    assert "Edit the pedagogy" in page and materials_url(program) in page
    assert "Document the pedagogy" in page  # nothing documented yet


def test_phases_are_reordered_edited_and_deleted(program, editor):
    client = client_for(editor)
    client.post(pedagogy_url(program), pedagogy_data(*THREE_PHASES))
    engage, investigate, act = Phase.objects.order_by("position")
    rows = [
        {"id": engage.pk, "pedagogy": program.pk, "name": "Engage", "ORDER": "3",
         "duration_hours": "4", "steps": "Walk"},
        {"id": investigate.pk, "pedagogy": program.pk, "name": "Investigate", "ORDER": "2",
         "DELETE": "on"},
        {"id": act.pk, "pedagogy": program.pk, "name": "Act now", "ORDER": "1"},
        {"name": "Celebrate", "ORDER": "4", "duration_hours": "2"},
    ]  # fmt: skip
    response = client.post(pedagogy_url(program), pedagogy_data(*rows, initial=3))
    assert response.status_code == 302
    assert [(p.name, p.position) for p in Phase.objects.order_by("position")] == [
        ("Act now", 0),
        ("Engage", 1),
        ("Celebrate", 2),
    ]
    assert Pedagogy.objects.get().total_hours() == Decimal(6)


@pytest.mark.parametrize(
    ("overrides", "phases", "message"),
    [
        ({"age_min": "14", "age_max": "9"}, [], "The oldest age must not be below the youngest"),
        ({"group_size_max": "5"}, [], "The largest group must not be smaller than the smallest"),
        ({"duration_weeks": "0"}, [], "Ensure this value is greater than or equal to 1."),
        ({"age_max": "300"}, [], "Ensure this value is less than or equal to 120."),
        ({}, [{"name": "Engage", "duration_hours": "0.2"}], "greater than or equal to 0.5"),
        ({}, [{"name": "Engage", "duration_hours": "2001"}], "less than or equal to 2000"),
        ({"duration_weeks": "1"}, [{"name": "Engage", "duration_hours": "200"}],
         "The phases last 200 hours: more than 1 weeks."),
        ({}, [{"name": "Act"}, {"name": " act "}], "Another phase is called “act”"),
        ({}, [{"name": "", "steps": "A step without a phase"}], "This field is required."),
        ({}, [{"name": f"Phase {n}"} for n in range(13)], "Please submit at most 12 forms."),
        ({}, [{"name": "Long", "steps": "x" * 301}], "Keep each step under 300 characters."),
        ({"licence": "mine-only"}, [], "Select a valid choice."),
    ],
)  # fmt: skip
def test_bad_pedagogies_are_refused_and_change_nothing(program, editor, overrides, phases,
                                                       message):  # fmt: skip
    client = client_for(editor)
    client.post(pedagogy_url(program), pedagogy_data(THREE_PHASES[0]))
    before = list(Pedagogy.objects.values()), list(Phase.objects.values())
    response = client.post(pedagogy_url(program), pedagogy_data(*phases, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (list(Pedagogy.objects.values()), list(Phase.objects.values())) == before


def test_a_first_invalid_save_creates_no_pedagogy(program, editor):
    data = pedagogy_data({"name": "Engage", "duration_hours": "-1"}, age_min="12", age_max="3")
    response = client_for(editor).post(pedagogy_url(program), data)
    assert response.status_code == 400
    assert not Pedagogy.objects.exists() and not Phase.objects.exists()


def test_an_adaptation_forbidding_licence_is_said_on_the_page(program, editor, outsider):
    client_for(editor).post(pedagogy_url(program), pedagogy_data(licence=Licence.CC_BY_ND))
    page = client_for(outsider).get(f"/projects/{program.slug}/").content.decode()
    assert "others may not adapt this program" in page
    assert "does not allow adaptations" in page
    assert "Run this program here" not in page


# Materials


def pdf_bytes(size=400) -> bytes:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
    return (body + b"%" * size)[:size] + b"\n%%EOF\n"


def office_bytes(main_part="wordprocessingml.document.main+xml", extra=()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType='
            f'"application/vnd.openxmlformats-officedocument.{main_part}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        for name in extra:
            archive.writestr(name, b"\x00")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("worksheets/week1.txt", "Hello")
    return buffer.getvalue()


def upload(client, program, name, content, title="Facilitator guide", **extra):
    data = {"title": title, "file": SimpleUploadedFile(name, content), **extra}
    return client.post(materials_url(program), data)


@pytest.mark.parametrize(
    ("name", "content", "file_type"),
    [
        ("guide.pdf", pdf_bytes(), "pdf"),
        ("guide.docx", office_bytes(), "docx"),
        ("sheet.xlsx", office_bytes("spreadsheetml.sheet.main+xml"), "xlsx"),
        ("guide.odt", odt_bytes(), "odt"),
        ("kit.zip", zip_bytes(), "zip"),
        ("map.png", make_image("PNG"), "png"),
        ("photo.jpeg", make_image("JPEG"), "jpg"),
        ("notes.md", "# Séance 1\n\n- écouter la rivière\n".encode(), "md"),
        ("notes.pdf", b"Plain notes, named badly.\n", "txt"),
    ],
)
def test_materials_are_accepted_by_content(program, editor, name, content, file_type):
    response = upload(client_for(editor), program, name, content)
    assert response.status_code == 302
    assert response["Location"] == materials_url(program)
    material = Material.objects.get()
    assert material.file_type == file_type
    assert material.file.name.endswith(f".{file_type}")  # named after what it is
    assert material.file_size == material.file.size > 0
    if file_type not in ("png", "jpg"):
        assert material.file.read() == content


def test_an_uploaded_material_is_listed_on_the_program_page(program, editor, outsider):
    upload(client_for(editor), program, "guide.pdf", pdf_bytes(2000))
    client_for(editor).post(
        materials_url(program), {"title": "Video", "url": "https://video.example.org/river"}
    )
    page = client_for(outsider).get(f"/projects/{program.slug}/").content.decode()
    material = Material.objects.get(title="Facilitator guide")
    assert f'href="{material.file.url}"' in page and "(PDF, 2.0\xa0KB)" in page
    assert 'href="https://video.example.org/river"' in page and "(link)" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200),  # Windows program
        ("guide.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),  # Linux program
        ("guide.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("guide.pdf", b"  \n<html><body onload=alert(1)>"),
        ("guide.pdf", b"Hello <svg onload=alert(1)>"),
        ("guide.pdf", b"#!/bin/sh\nrm -rf ~\n"),
        ("guide.zip", b"PK\x03\x04 not really a zip"),
        ("image.png", b"\x89PNG\r\n\x1a\n broken"),
        ("image.gif", make_image("GIF")),
        ("notes.txt", "latin-1 café".encode("latin-1")),
    ],
)
def test_other_files_are_refused_by_content(program, editor, name, content):
    response = upload(client_for(editor), program, name, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert "This file is not of a type we accept. Upload one of: PDF, OpenDocument" in page
    assert not Material.objects.exists() and not Pedagogy.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        office_bytes("wordprocessingml.document.macroEnabled.main+xml"),
        office_bytes(extra=["word/vbaProject.bin"]),
    ],
)
def test_office_files_with_macros_are_refused(program, editor, content):
    response = upload(client_for(editor), program, "guide.docx", content)
    assert response.status_code == 400
    assert "Office files with macros are refused" in response.content.decode()
    assert not Material.objects.exists()


def test_materials_over_the_size_cap_are_refused(program, editor, settings):
    settings.MAX_MATERIAL_UPLOAD_BYTES = 2048
    response = upload(client_for(editor), program, "guide.pdf", pdf_bytes(4000))
    assert response.status_code == 400
    page = response.content.decode().replace("\xa0", " ")
    assert "This file is too large (3.9 KB); the limit is 2.0 KB." in page
    assert upload(client_for(editor), program, "guide.pdf", pdf_bytes(1000)).status_code == 302
    assert Material.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Nothing"}, "Upload a file or give a link."),
        ({"title": "Script", "url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"title": "", "url": "https://kit.example.org"}, "This field is required."),
    ],
)
def test_a_material_needs_a_title_and_a_file_or_a_link(program, editor, data, message):
    response = client_for(editor).post(materials_url(program), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Material.objects.exists()


def test_deleting_a_material_removes_its_file(
    program, editor, member, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    upload(client, program, "guide.pdf", pdf_bytes())
    material = Material.objects.get()
    storage, name = material.file.storage, material.file.name
    assert storage.exists(name)
    delete = f"/projects/{program.slug}/materials/{material.pk}/delete/"
    assert client.get(delete).status_code == 405
    assert client_for(member).post(delete).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete)
    assert response.status_code == 302 and response["Location"] == materials_url(program)
    assert not Material.objects.exists() and not storage.exists(name)


def test_a_material_of_another_program_cannot_be_deleted_from_here(make_program, editor):
    mine, other = make_program(), make_program()
    material = Material.objects.create(
        pedagogy=Pedagogy.objects.create(project=other), title="Theirs", url="https://a.example"
    )
    response = client_for(editor).post(f"/projects/{mine.slug}/materials/{material.pk}/delete/")
    assert response.status_code == 404 and Material.objects.exists()


# Queries


def _fill(program, count):
    pedagogy = Pedagogy.objects.create(project=program, duration_weeks=4)
    for n in range(count):
        Phase.objects.create(
            pedagogy=pedagogy, position=n, name=f"Phase {n}", steps=["a", "b"], duration_hours=2
        )
        Material.objects.create(
            pedagogy=pedagogy, title=f"Kit {n}", file=f"materials/kit-{n}.pdf", file_type="pdf"
        )
        Material.objects.create(pedagogy=pedagogy, title=f"Link {n}", url="https://a.example")


def test_the_program_page_costs_the_same_with_2_or_10_phases_and_materials(
    make_program, outsider, django_assert_num_queries
):
    few, many = make_program(), make_program()
    _fill(few, 2)
    _fill(many, 10)
    client = client_for(outsider)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(f"/projects/{few.slug}/").status_code == 200
    with django_assert_num_queries(len(baseline.captured_queries)):
        page = client.get(f"/projects/{many.slug}/").content.decode()
    assert "Phase 9" in page and "Kit 9" in page and "Link 9" in page

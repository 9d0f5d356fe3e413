"""Running a program elsewhere: a replication is a new draft project linked to its origin."""

import pytest

from conftest import client_for, make_organisation
from planet.programs.models import Adaptation, Licence, Pedagogy, Phase, Replication
from planet.projects.models import Project, ProjectMember, Stage, Status, TeamRole
from planet.projects.tests.factories import add_location, make_project

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.fixture
def make_program(org_admin):
    def make(status=Status.PUBLISHED, licence=Licence.CC_BY, title="Rivers as classrooms"):
        program = make_project(org_admin, title=title, status=status)
        add_location(program)
        pedagogy = Pedagogy.objects.create(project=program, licence=licence, duration_weeks=6)
        for position, name in enumerate(["Engage", "Investigate", "Act"]):
            Phase.objects.create(
                pedagogy=pedagogy, position=position, name=name, steps=[f"{name} step"],
                duration_hours=3,
            )  # fmt: skip
        return program

    return make


@pytest.fixture
def program(make_program):
    return make_program()


def replicate_url(project):
    return f"/projects/{project.slug}/replicate/"


def token_for(client, project) -> str:
    response = client.get(replicate_url(project))
    assert response.status_code == 200
    return response.context["form"].initial["form_token"]


def run_data(token: str, **overrides) -> dict:
    data = {
        "title": "Rivers as classrooms",
        "summary": "Pupils of Dakar adopt the shore.",
        "place-place_name": "Dakar",
        "place-country": "SN",
        "place-latitude": "14.69",
        "place-longitude": "-17.44",
        "starts_on": "2026-03-01",
        "ends_on": "2026-06-30",
        "language": "fr",
        "organisation": "",
        "phase_0": "",
        "phase_1": "We sample the sea instead of a river.",
        "phase_2": "  ",
        "form_token": token,
    }
    data.update(overrides)
    return data


def start_run(client, project, **overrides):
    return client.post(replicate_url(project), run_data(token_for(client, project), **overrides))


# Who may run a program elsewhere


@pytest.mark.parametrize("who", CAST)
def test_signed_in_members_who_see_a_published_program_may_run_it(program, cast, who):
    client = client_for(cast[who])
    if who == "anonymous":
        response = client.get(replicate_url(program))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert client.post(replicate_url(program), run_data("x")).status_code == 302
        assert not Replication.objects.exists()
        return
    response = start_run(client, program)
    replica = Project.objects.exclude(pk=program.pk).get()
    assert response.status_code == 302 and response["Location"] == replica.get_absolute_url()
    assert replica.status == Status.DRAFT
    assert ProjectMember.objects.get(project=replica).user == cast[who]


def test_a_draft_program_is_hidden_from_outsiders_and_cannot_be_run(make_program, outsider,
                                                                    curator, editor):  # fmt: skip
    draft = make_program(Status.DRAFT)
    assert client_for(outsider).get(replicate_url(draft)).status_code == 404
    assert client_for(outsider).post(replicate_url(draft), run_data("x")).status_code == 404
    # curators see it, and are told why it cannot be run yet
    page = client_for(curator).get(replicate_url(draft))
    assert page.status_code == 200
    assert "Only published programs can be run elsewhere." in page.content.decode()
    post = client_for(curator).post(replicate_url(draft), run_data("x"))
    assert post.status_code == 400
    assert "Only published programs can be run elsewhere." in post.content.decode()
    assert Project.objects.count() == 1 and not Replication.objects.exists()


def test_only_programs_can_be_run_elsewhere(org_admin, outsider):
    tool = make_project(org_admin, title="A river app", kind="tool")
    client = client_for(outsider)
    assert "Only programs can be run elsewhere." in client.get(replicate_url(tool)).content.decode()
    assert client.post(replicate_url(tool), run_data("x")).status_code == 400
    assert Project.objects.count() == 1


@pytest.mark.parametrize("licence", [Licence.CC_BY_ND, Licence.CC_BY_NC_ND,
                                     Licence.ALL_RIGHTS_RESERVED])  # fmt: skip
def test_a_licence_without_adaptations_is_explained_and_nothing_saved(make_program, outsider,
                                                                      licence):  # fmt: skip
    closed = make_program(licence=licence)
    client = client_for(outsider)
    page = client.get(replicate_url(closed))
    assert page.status_code == 200
    assert "does not allow adaptations" in page.content.decode()
    assert "form_token" not in page.content.decode()
    post = client.post(replicate_url(closed), run_data("x"))
    assert post.status_code == 403
    assert "does not allow adaptations" in post.content.decode()
    assert Project.objects.count() == 1 and not Replication.objects.exists()


# Starting a run


def test_a_run_is_a_draft_owned_by_its_starter_linked_to_the_program(program, member,
                                                                     organisation):  # fmt: skip
    client = client_for(member)
    response = start_run(client, program, organisation=str(organisation.pk))
    run = Project.objects.exclude(pk=program.pk).get()
    assert response.status_code == 302
    assert run.title == "Rivers as classrooms in Dakar"  # the program's title was kept
    assert run.summary == "Pupils of Dakar adopt the shore."
    assert (run.status, run.kind, run.content_language) == (Status.DRAFT, "program", "fr")
    assert str(run.starts_on) == "2026-03-01" and str(run.ends_on) == "2026-06-30"
    assert list(run.goals.all()) == list(program.goals.all())
    assert list(run.organisations.all()) == [organisation]
    location = run.locations.get()
    assert (location.place_name, location.country.code) == ("Dakar", "SN")
    assert (location.latitude, location.longitude) == (14.69, -17.44)
    assert list(run.languages.values_list("code", flat=True)) == ["fr"]
    assert ProjectMember.objects.get(project=run).role == TeamRole.OWNER

    replication = Replication.objects.get(project=run)
    assert (replication.origin, replication.root, replication.depth) == (program, program, 1)
    assert replication.path == f"/{program.pk}/"
    assert (replication.created_by, replication.organisation) == (member, organisation)
    assert [(a.phase_name, a.note) for a in replication.adaptations.all()] == [
        ("Investigate", "We sample the sea instead of a river.")
    ]
    copied = list(run.pedagogy.phases.values_list("name", "position", "steps"))
    assert copied == [("Engage", 0, ["Engage step"]), ("Investigate", 1, ["Investigate step"]),
                      ("Act", 2, ["Act step"])]  # fmt: skip
    assert Phase.objects.filter(pedagogy__project=program).count() == 3  # the origin keeps its

    page = client.get(run.get_absolute_url()).content.decode()
    assert "Your run is saved as a draft" in page


def test_a_chosen_title_is_kept(program, outsider):
    start_run(client_for(outsider), program, title="Sea as a classroom")
    assert Project.objects.filter(title="Sea as a classroom").exists()


def test_the_form_asks_what_changes_in_each_phase(program, outsider):
    page = client_for(outsider).get(replicate_url(program)).content.decode()
    for name in ["Engage", "Investigate", "Act"]:
        assert f"What do you change in “{name}”?" in page
    assert 'value="Rivers as classrooms"' in page  # the title is prefilled


def test_a_replication_of_a_replication_keeps_its_root(program, outsider, member, curator):
    start_run(client_for(outsider), program, title="Rivers in Dakar")
    first = Project.objects.get(title="Rivers in Dakar")
    first.status = Status.PUBLISHED
    first.save()
    response = start_run(client_for(member), first, title="Rivers in Thiès")
    assert response.status_code == 302
    second = Replication.objects.get(project__title="Rivers in Thiès")
    assert (second.origin, second.root, second.depth) == (first, program, 2)
    assert second.path == f"/{program.pk}/{first.pk}/"
    assert second.project.pedagogy.phases.count() == 3


def test_someone_elses_organisation_cannot_run_it(program, outsider, organisation):
    response = start_run(client_for(outsider), program, organisation=str(organisation.pk))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Replication.objects.exists()


def test_only_my_organisations_are_offered(program, member, organisation):
    make_organisation("Another school")
    page = client_for(member).get(replicate_url(program)).content.decode()
    assert "Lycée Planète" in page and "Another school" not in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"starts_on": "2026-06-01", "ends_on": "2026-05-01"}, "ends_on",
         "The end date comes before the start date."),
        ({"place-latitude": "91"}, "latitude", "Ensure this value is less than or equal to 90."),
        ({"place-latitude": "north"}, "latitude", "Enter a number."),
        ({"place-longitude": "-181"}, "longitude",
         "Ensure this value is greater than or equal to -180."),
        ({"place-country": "XX"}, "country", "Select a valid choice."),
        ({"starts_on": ""}, "starts_on", "This field is required."),
        ({"title": "   "}, "title", "This field is required."),
        ({"language": "xx"}, "language", "Select a valid choice."),
        ({"phase_1": "x" * 1001}, "phase_1", "Ensure this value has at most 1000 characters"),
    ],
)  # fmt: skip
def test_bad_runs_are_refused_and_change_nothing(program, outsider, overrides, field, message):
    response = start_run(client_for(outsider), program, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    forms = [response.context["form"], response.context["place"]]
    assert any(field in form.errors for form in forms)
    assert Project.objects.count() == 1
    assert not Replication.objects.exists() and not Adaptation.objects.exists()


def test_a_double_submission_makes_one_run(program, outsider):
    client = client_for(outsider)
    data = run_data(token_for(client, program))
    first = client.post(replicate_url(program), data)
    second = client.post(replicate_url(program), data)
    assert Replication.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert client.post(replicate_url(program), run_data("forged")).status_code == 302
    assert Replication.objects.count() == 1


def test_a_run_that_already_ended_is_completed(program, outsider):
    start_run(client_for(outsider), program, starts_on="2020-01-06", ends_on="2020-03-01")
    assert Project.objects.exclude(pk=program.pk).get().stage == Stage.COMPLETED


# The program page


def test_the_program_page_offers_to_run_it(program, outsider):
    page = client_for(outsider).get(f"/projects/{program.slug}/").content.decode()
    assert "Run this program here" in page and replicate_url(program) in page


def test_anonymous_visitors_are_asked_to_sign_in_to_run_it(program):
    page = client_for(None).get(f"/projects/{program.slug}/").content.decode()
    assert "Run this program here" not in page
    assert "Sign in to run this program" in page
    assert f"/accounts/login/?next=/projects/{program.slug}/replicate/" in page


def test_an_unpublished_program_offers_no_run(make_program, org_admin):
    draft = make_program(Status.DRAFT)
    page = client_for(org_admin).get(f"/projects/{draft.slug}/").content.decode()
    assert "Run this program here" not in page
    assert "Once the program is published, others can run it elsewhere." in page

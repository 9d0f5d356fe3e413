"""Creating and editing a challenge: who may, phase dates typed in the organiser's zone and
stored in UTC (clock changes refused), and changes that would break existing entries."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import client_for, make_organisation, make_user
from planet.challenges.models import Challenge, ChallengeStatus
from planet.challenges.tests.factories import (
    add_criteria,
    make_challenge,
    make_entry,
    review,
    seat_juror,
)
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
CREATORS = ["org_admin", "editor", "curator", "site_admin"]
ORGANISERS = ["owner", "org_admin", "editor", "curator", "site_admin"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


@pytest.fixture
def people(cast, owner):
    return {**cast, "owner": owner}


@pytest.fixture
def challenge(owner, organisation):
    return make_challenge(
        owner,
        organisation=organisation,
        opens_at=datetime.datetime(2026, 5, 1, 8, 0, tzinfo=UTC),
        closes_at=datetime.datetime(2026, 11, 30, 22, 59, tzinfo=UTC),
        review_ends_at=datetime.datetime(2026, 12, 31, 22, 59, tzinfo=UTC),
        results_at=datetime.datetime(2027, 1, 24, 9, 0, tzinfo=UTC),
    )


def form_data(organisation=None, **overrides) -> dict:
    """A valid form: “The Little Prince is back”, dates as typed in Paris."""
    data = {
        "kind": "contest",
        "title": "The Little Prince is back",
        "summary": "Write the Little Prince's return to a planet of today.",
        "description": "Stories of **2,000 words** at most.",
        "content_language": "en",
        "organisation": str(organisation.pk) if organisation else "",
        "timezone": "Europe/Paris",
        "opens_at": "2026-06-29T00:00",
        "closes_at": "2026-11-30T23:59",
        "review_ends_at": "2026-12-31T23:59",
        "results_at": "2027-01-24T10:00",
        "min_age": "10",
        "max_age": "18",
        "countries": ["FR", "SN"],
        "participation": "either",
        "prizes": "Publication in the anthology.",
        "max_entries_per_person": "1",
        "reviews_per_submission": "2",
        "scale_min": "0",
        "scale_max": "10",
        "voting_opens_at": "",
        "voting_closes_at": "",
        "goals": [str(goal.pk) for goal in Goal.objects.filter(number__in=[4, 16])],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def edit_data(challenge, **overrides) -> dict:
    """The edit form as it comes back, with `overrides`."""
    return form_data(challenge.organisation, **overrides)


# Creating ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CREATORS)
def test_curators_and_organisation_admins_and_editors_create_a_draft(people, organisation, name):
    client = client_for(people[name])
    assert client.get(reverse("challenges:create")).status_code == 200
    response = client.post(reverse("challenges:create"), form_data(organisation))
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("challenges:questions", args=[challenge.slug])
    assert challenge.status == ChallengeStatus.DRAFT
    assert challenge.created_by == people[name]
    assert challenge.organisation == organisation
    assert sorted(challenge.goals.values_list("number", flat=True)) == [4, 16]
    assert challenge.countries == ["FR", "SN"]


@pytest.mark.parametrize(
    ("name", "status"), [("anonymous", 302), ("outsider", 403), ("member", 403)]
)
def test_others_may_not_create(people, organisation, name, status):
    client = client_for(people[name])
    assert client.get(reverse("challenges:create")).status_code == status
    assert client.post(reverse("challenges:create"), form_data(organisation)).status_code == status
    assert not Challenge.objects.exists()


def test_dates_are_read_in_the_chosen_zone_and_stored_in_utc(org_admin, organisation):
    org_admin.profile.timezone = "Asia/Tokyo"  # the viewer's zone plays no part
    org_admin.profile.save()
    client_for(org_admin).post(reverse("challenges:create"), form_data(organisation))
    challenge = Challenge.objects.get()
    assert challenge.timezone == "Europe/Paris"
    assert challenge.opens_at == utc(2026, 6, 28, 22, 0)  # summer time, UTC+2
    assert challenge.closes_at == utc(2026, 11, 30, 22, 59)  # winter time, UTC+1
    assert challenge.results_at == utc(2027, 1, 24, 9, 0)


def test_the_same_times_in_another_zone_are_other_instants(org_admin, organisation):
    data = form_data(organisation, timezone="America/Sao_Paulo")
    client_for(org_admin).post(reverse("challenges:create"), data)
    challenge = Challenge.objects.get()
    assert challenge.closes_at == utc(2026, 12, 1, 2, 59)  # UTC-3


def test_the_zone_defaults_to_the_creators_profile(org_admin, organisation):
    org_admin.profile.timezone = "Africa/Dakar"
    org_admin.profile.save()
    page = client_for(org_admin).get(reverse("challenges:create")).content.decode()
    assert '<option value="Africa/Dakar" selected>' in page


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("2026-10-25T02:30", "happens twice in Europe/Paris"),  # clocks go back at 03:00
        ("2026-03-29T02:30", "does not exist in Europe/Paris"),  # clocks go forward at 02:00
    ],
)
def test_a_time_repeated_or_skipped_by_a_clock_change_is_refused(
    org_admin, organisation, typed, words
):
    data = form_data(organisation, opens_at=typed)
    response = client_for(org_admin).post(reverse("challenges:create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert words in form.errors["opens_at"][0]
    assert list(form.errors) == ["opens_at"]
    assert words in response.content.decode()
    assert not Challenge.objects.exists()


def test_times_next_to_a_clock_change_are_exact(org_admin, organisation):
    data = form_data(organisation, opens_at="2026-03-29T01:59", closes_at="2026-10-25T03:00")
    client_for(org_admin).post(reverse("challenges:create"), data)
    challenge = Challenge.objects.get()
    assert challenge.opens_at == utc(2026, 3, 29, 0, 59)
    assert challenge.closes_at == utc(2026, 10, 25, 2, 0)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"closes_at": "2026-06-29T00:00"}, "closes_at", "close after they open"),
        ({"review_ends_at": "2026-11-30T23:58"}, "review_ends_at", "before submissions close"),
        ({"results_at": "2026-12-31T23:00"}, "results_at", "before the review ends"),
        ({"voting_opens_at": "2026-07-01T00:00"}, "voting_closes_at", "both dates"),
        ({"voting_closes_at": "2026-07-01T00:00"}, "voting_opens_at", "both dates"),
        (
            {"voting_opens_at": "2026-07-02T00:00", "voting_closes_at": "2026-07-01T00:00"},
            "voting_closes_at",
            "close after it opens",
        ),
        ({"scale_min": "10", "scale_max": "10"}, "scale_max", "above the lowest"),
        ({"min_age": "18", "max_age": "10"}, "max_age", "below the minimum age"),
        ({"opens_at": "tomorrow"}, "opens_at", "Enter a valid date/time"),
        ({"timezone": "Mars/Olympus"}, "timezone", "Select a valid choice"),
        ({"title": "   "}, "title", "required"),
        ({"countries": ["XX"]}, "countries", "Select a valid choice"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    org_admin, organisation, overrides, field, words
):
    response = client_for(org_admin).post(
        reverse("challenges:create"), form_data(organisation, **overrides)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert "This field cannot be null." not in str(errors)
    assert words in " ".join(errors[field])
    assert not Challenge.objects.exists()


def test_a_public_voting_period_is_stored(org_admin, organisation):
    data = form_data(
        organisation, voting_opens_at="2026-12-01T09:00", voting_closes_at="2026-12-15T18:00"
    )
    client_for(org_admin).post(reverse("challenges:create"), data)
    challenge = Challenge.objects.get()
    assert challenge.voting_opens_at == utc(2026, 12, 1, 8, 0)
    assert challenge.voting_closes_at == utc(2026, 12, 15, 17, 0)


def test_an_editor_picks_only_organisations_they_run(editor, organisation, member):
    elsewhere = make_organisation("Another school")
    joined = make_organisation("A network")
    from planet.orgs.models import Membership, Role

    Membership.objects.create(organisation=joined, user=editor, role=Role.MEMBER)
    client = client_for(editor)
    page = client.get(reverse("challenges:create")).content.decode()
    assert "Lycée Planète" in page
    assert "Another school" not in page and "A network" not in page
    for other in (elsewhere, joined):
        response = client.post(reverse("challenges:create"), form_data(other))
        assert "organisation" in response.context["form"].errors
    response = client.post(reverse("challenges:create"), form_data(None))
    assert "organisation" in response.context["form"].errors
    assert not Challenge.objects.exists()


def test_a_curator_may_pick_any_organisation_or_none(curator):
    elsewhere = make_organisation("Another school")
    client = client_for(curator)
    client.post(reverse("challenges:create"), form_data(elsewhere, title="With"))
    client.post(reverse("challenges:create"), form_data(None, title="Without"))
    assert Challenge.objects.get(title="With").organisation == elsewhere
    assert Challenge.objects.get(title="Without").organisation is None


def test_markdown_is_cleaned_before_it_is_stored(org_admin, organisation):
    data = form_data(organisation, description="Hello\x07 world\r\n<script>x</script>")
    client_for(org_admin).post(reverse("challenges:create"), data)
    challenge = Challenge.objects.get()
    assert challenge.description == "Hello world\n<script>x</script>"
    page = client_for(None).get(challenge.get_absolute_url())  # a draft: not public
    assert page.status_code == 404
    page = client_for(org_admin).get(challenge.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in page


# Editing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ORGANISERS)
def test_organisers_edit(people, challenge, name):
    client = client_for(people[name])
    url = reverse("challenges:edit", args=[challenge.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, edit_data(challenge, title="The Little Prince returns"))
    assert response.status_code == 302
    assert Challenge.objects.get(pk=challenge.pk).title == "The Little Prince returns"


@pytest.mark.parametrize(
    ("name", "status"), [("anonymous", 302), ("outsider", 403), ("member", 403)]
)
def test_others_may_not_edit(people, challenge, name, status):
    client = client_for(people[name])
    url = reverse("challenges:edit", args=[challenge.slug])
    assert client.get(url).status_code == status
    assert client.post(url, edit_data(challenge, title="Hijacked")).status_code == status
    assert Challenge.objects.get(pk=challenge.pk).title == challenge.title


def test_others_do_not_even_see_a_draft_to_edit(owner, organisation, outsider):
    draft = make_challenge(owner, organisation=organisation, status="draft", title="Draft")
    url = reverse("challenges:edit", args=[draft.slug])
    assert client_for(outsider).get(url).status_code == 404


def test_a_juror_may_not_edit(challenge, outsider):
    seat_juror(challenge, outsider)
    url = reverse("challenges:edit", args=[challenge.slug])
    assert client_for(outsider).get(url).status_code == 403


def test_dates_come_back_in_the_challenges_zone_not_the_viewers(challenge, owner):
    owner.profile.timezone = "America/New_York"
    owner.profile.save()
    page = client_for(owner).get(reverse("challenges:edit", args=[challenge.slug]))
    html = page.content.decode()
    assert 'name="opens_at" value="2026-05-01T10:00"' in html  # 08:00 UTC, 10:00 in Paris
    assert 'name="closes_at" value="2026-11-30T23:59"' in html
    assert 'name="results_at" value="2027-01-24T10:00"' in html


def test_dates_round_trip_unchanged(challenge, owner):
    before = Challenge.objects.get(pk=challenge.pk)
    client = client_for(owner)
    data = edit_data(challenge, opens_at="2026-05-01T10:00", title="Renamed")
    assert client.post(reverse("challenges:edit", args=[challenge.slug]), data).status_code == 302
    after = Challenge.objects.get(pk=challenge.pk)
    fields = ("opens_at", "closes_at", "review_ends_at", "results_at")
    assert [getattr(after, f) for f in fields] == [getattr(before, f) for f in fields]


def test_changing_results_time_of_a_published_challenge_reschedules_publication(challenge, owner):
    url = reverse("challenges:edit", args=[challenge.slug])
    data = edit_data(challenge, opens_at="2026-05-01T10:00", results_at="2027-01-25T10:00")
    client_for(owner).post(url, data)
    task = DBTaskResult.objects.get(task_path__endswith="publish_results")
    assert task.run_after == utc(2027, 1, 25, 9, 0)
    assert task.args_kwargs["args"] == [challenge.pk]


def test_other_changes_do_not_reschedule(challenge, owner):
    url = reverse("challenges:edit", args=[challenge.slug])
    data = edit_data(challenge, opens_at="2026-05-01T10:00", title="Renamed")
    client_for(owner).post(url, data)
    assert not DBTaskResult.objects.exists()


def test_a_draft_is_not_scheduled(owner, organisation):
    draft = make_challenge(owner, organisation=organisation, status="draft")
    url = reverse("challenges:edit", args=[draft.slug])
    client_for(owner).post(url, edit_data(draft))
    assert Challenge.objects.get(pk=draft.pk).results_at == utc(2027, 1, 24, 9, 0)
    assert not DBTaskResult.objects.exists()


def test_a_failed_edit_changes_nothing_and_schedules_nothing(challenge, owner):
    url = reverse("challenges:edit", args=[challenge.slug])
    data = edit_data(challenge, results_at="2026-10-25T02:30", title="Renamed")
    response = client_for(owner).post(url, data)
    assert response.status_code == 400
    assert Challenge.objects.get(pk=challenge.pk).title == challenge.title
    assert not DBTaskResult.objects.exists()


def test_opening_cannot_move_after_the_first_entry(challenge, owner, outsider, clock):
    clock.move_to(utc(2026, 5, 20, 12, 0))
    make_entry(challenge, outsider)
    clock.move_to(NOW)
    url = reverse("challenges:edit", args=[challenge.slug])
    response = client_for(owner).post(url, edit_data(challenge, opens_at="2026-05-25T10:00"))
    assert response.status_code == 400
    assert "submissions cannot open later" in response.context["form"].errors["opens_at"][0]
    assert Challenge.objects.get(pk=challenge.pk).opens_at == challenge.opens_at
    ok = client_for(owner).post(url, edit_data(challenge, opens_at="2026-05-20T10:00"))
    assert ok.status_code == 302


def test_entry_limit_cannot_drop_below_what_someone_made(challenge, owner, outsider):
    challenge.max_entries_per_person = 3
    challenge.save()
    make_entry(challenge, outsider, title="One")
    make_entry(challenge, outsider, title="Two", submitted=False)
    url = reverse("challenges:edit", args=[challenge.slug])
    data = edit_data(challenge, opens_at="2026-05-01T10:00", max_entries_per_person="1")
    response = client_for(owner).post(url, data)
    assert "already made 2 entries" in response.context["form"].errors["max_entries_per_person"][0]
    data["max_entries_per_person"] = "2"
    assert client_for(owner).post(url, data).status_code == 302


def test_scale_cannot_shrink_below_scores_given(challenge, owner, outsider, member):
    add_criteria(challenge, 1)
    entry = make_entry(challenge, outsider)
    review(seat_juror(challenge, member), entry, [9])
    url = reverse("challenges:edit", args=[challenge.slug])
    data = edit_data(challenge, opens_at="2026-05-01T10:00", scale_max="5")
    response = client_for(owner).post(url, data)
    assert "scores outside this scale" in response.context["form"].errors["scale_max"][0]
    data["scale_max"] = "20"
    assert client_for(owner).post(url, data).status_code == 302


def test_blind_review_cannot_switch_once_entries_are_assigned(challenge, owner, outsider, member):
    add_criteria(challenge, 1)
    review(seat_juror(challenge, member), make_entry(challenge, outsider), [5], complete=False)
    url = reverse("challenges:edit", args=[challenge.slug])
    data = edit_data(challenge, opens_at="2026-05-01T10:00", blind_review="on")
    response = client_for(owner).post(url, data)
    assert "blind review can no longer change" in response.context["form"].errors["blind_review"][0]
    assert Challenge.objects.get(pk=challenge.pk).blind_review is False


def test_team_entries_keep_the_challenge_open_to_teams(challenge, owner, outsider):
    make_entry(challenge, outsider, team_name="The Foxes")
    url = reverse("challenges:edit", args=[challenge.slug])
    data = edit_data(challenge, opens_at="2026-05-01T10:00", participation="individual")
    response = client_for(owner).post(url, data)
    assert "participation" in response.context["form"].errors


def test_saving_the_form_unchanged_says_so(challenge, owner):
    url = reverse("challenges:edit", args=[challenge.slug])
    page = client_for(owner).get(url)
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(each) for each in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = field.widget.format_value(value) or ""
    response = client_for(owner).post(url, data, follow=True)
    assert "Nothing was changed." in response.content.decode()


def test_from_creation_to_a_public_page(org_admin, organisation):
    client = client_for(org_admin)
    client.post(reverse("challenges:create"), form_data(organisation))
    challenge = Challenge.objects.get()
    draft_page = client.get(challenge.get_absolute_url()).content.decode()
    assert "This challenge is a draft" in draft_page
    assert client_for(None).get(challenge.get_absolute_url()).status_code == 404
    questions = reverse("challenges:questions", args=[challenge.slug])
    client.post(questions, {"kind": "long_text", "label": "Your story", "required": "on"})
    client.post(reverse("challenges:publish", args=[challenge.slug]))
    public = client_for(None).get(challenge.get_absolute_url()).content.decode()
    assert "The Little Prince is back" in public and "Your story" in public
    assert "Submissions open in" in public  # opens on 29 June, four weeks ahead

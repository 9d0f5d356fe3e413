"""The submission-form builder: organisers add, edit, move and delete typed questions;
settings of one type are refused on another; submitted entries fix the form's shape."""

import pytest
from django.urls import reverse

from conftest import client_for, make_user
from planet.challenges.models import Question
from planet.challenges.question_forms import MAX_QUESTIONS
from planet.challenges.tests.factories import add_question, make_challenge, make_entry, seat_juror

pytestmark = pytest.mark.django_db

ORGANISERS = ["owner", "org_admin", "editor", "curator", "site_admin"]
DENIED = [("anonymous", 302), ("outsider", 403), ("member", 403)]


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


@pytest.fixture
def people(cast, owner):
    return {**cast, "owner": owner}


@pytest.fixture
def challenge(owner, organisation):
    return make_challenge(owner, organisation=organisation)


@pytest.fixture
def story(challenge):
    return add_question(challenge, "Your story", word_limit=2000)


def question_data(**overrides) -> dict:
    data = {
        "kind": "short_text",
        "label": "Your name as an author",
        "help_text": "",
        "required": "on",
    }
    data.update(overrides)
    return data


def url(name, challenge, question=None):
    args = [challenge.slug] + ([question.pk] if question else [])
    return reverse(f"challenges:{name}", args=args)


def labels(challenge) -> list[str]:
    return list(challenge.questions.order_by("position").values_list("label", flat=True))


# Who may -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ORGANISERS)
def test_organisers_add_a_question(people, challenge, name):
    client = client_for(people[name])
    assert client.get(url("questions", challenge)).status_code == 200
    response = client.post(url("questions", challenge), question_data())
    assert response.status_code == 302
    question = challenge.questions.get()
    assert (question.kind, question.label, question.required) == (
        "short_text",
        "Your name as an author",
        True,
    )


@pytest.mark.parametrize(("name", "status"), DENIED)
def test_others_may_not_touch_the_form(people, challenge, story, name, status):
    client = client_for(people[name])
    assert client.get(url("questions", challenge)).status_code == status
    assert client.post(url("questions", challenge), question_data()).status_code == status
    assert client.get(url("question_edit", challenge, story)).status_code == status
    edited = client.post(url("question_edit", challenge, story), question_data(label="Hacked"))
    assert edited.status_code == status
    moved = client.post(url("question_move", challenge, story), {"direction": "down"})
    assert moved.status_code == status
    assert client.post(url("question_delete", challenge, story)).status_code == status
    assert labels(challenge) == ["Your story"]


def test_a_juror_may_not_touch_the_form(challenge, story, outsider):
    seat_juror(challenge, outsider)
    client = client_for(outsider)
    assert client.get(url("questions", challenge)).status_code == 403
    assert client.post(url("question_delete", challenge, story)).status_code == 403
    assert labels(challenge) == ["Your story"]


def test_a_draft_challenges_form_is_hidden_from_others(owner, organisation, outsider):
    draft = make_challenge(owner, organisation=organisation, status="draft", title="Draft")
    assert client_for(outsider).get(url("questions", draft)).status_code == 404


def test_a_question_of_another_challenge_is_not_found(owner, challenge, organisation):
    other = make_challenge(owner, organisation=organisation, title="Other")
    foreign = add_question(other, "Foreign")
    client = client_for(owner)
    assert client.get(url("question_edit", challenge, foreign)).status_code == 404
    assert client.post(url("question_delete", challenge, foreign)).status_code == 404
    assert labels(other) == ["Foreign"]


# Typed questions ---------------------------------------------------------------------------


def test_each_type_is_saved_with_its_own_settings(challenge, owner):
    client = client_for(owner)
    client.post(url("questions", challenge), question_data(kind="long_text", word_limit="800"))
    client.post(
        url("questions", challenge),
        question_data(kind="single_choice", label="Category", choices="Poem\r\n Tale \n\nPoem\n"),
    )
    client.post(
        url("questions", challenge),
        question_data(kind="file", label="Illustration", file_kinds=["picture", "pdf"]),
    )
    client.post(
        url("questions", challenge),
        question_data(kind="file", label="Manuscript", file_kinds=["document"], max_file_mb="25"),
    )
    client.post(url("questions", challenge), question_data(kind="link", required=""))
    client.post(url("questions", challenge), question_data(kind="project", label="Project"))
    long_text, choice, picture, manuscript, link, project = challenge.questions.order_by("position")
    assert long_text.word_limit == 800
    assert choice.choices == ["Poem", "Tale"]
    assert sorted(picture.file_kinds) == ["pdf", "picture"] and picture.max_file_mb == 10
    assert picture.allowed_file_types() == {"pdf", "png", "jpg", "webp"}
    assert manuscript.max_file_mb == 25
    assert link.required is False
    assert project.kind == "project"
    assert [q.position for q in (long_text, choice, picture, manuscript, link, project)] == list(
        range(6)
    )


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"kind": "short_text", "choices": "Yes\nNo"}, "choices", "choice questions only"),
        ({"kind": "short_text", "word_limit": "100"}, "word_limit", "long text questions only"),
        ({"kind": "link", "file_kinds": ["pdf"]}, "file_kinds", "file questions only"),
        ({"kind": "long_text", "max_file_mb": "5"}, "max_file_mb", "file questions only"),
        ({"kind": "long_text", "word_limit": "0"}, "word_limit", "at least 1 word"),
        ({"kind": "single_choice", "choices": "Only one"}, "choices", "from 2 to 30"),
        ({"kind": "multiple_choice", "choices": "Same\nSame"}, "choices", "(1 now)"),
        (
            {"kind": "multiple_choice", "choices": "\n".join(f"C{n}" for n in range(31))},
            "choices",
            "(31 now)",
        ),
        ({"kind": "single_choice", "choices": "Yes\n" + "x" * 201}, "choices", "at most 200"),
        ({"kind": "file"}, "file_kinds", "at least one type"),
        ({"kind": "file", "file_kinds": ["exe"]}, "file_kinds", "Select a valid choice"),
        ({"kind": "file", "file_kinds": ["pdf"], "max_file_mb": "51"}, "max_file_mb", "50"),
        ({"kind": "file", "file_kinds": ["pdf"], "max_file_mb": "0"}, "max_file_mb", "1"),
        ({"kind": "essay"}, "kind", "Select a valid choice"),
        ({"label": "   "}, "label", "required"),
    ],
)
def test_settings_are_validated_for_the_type(challenge, owner, overrides, field, words):
    response = client_for(owner).post(url("questions", challenge), question_data(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert words in " ".join(errors[field])
    assert "Please correct the errors below" in response.content.decode()
    assert not challenge.questions.exists()


def test_editing_changes_a_question(challenge, owner, story):
    data = question_data(kind="long_text", label="Your tale", help_text="In French or English",
                         word_limit="1500")  # fmt: skip
    response = client_for(owner).post(url("question_edit", challenge, story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.label, story.help_text, story.word_limit) == (
        "Your tale",
        "In French or English",
        1500,
    )


def test_a_changed_type_drops_the_settings_of_the_old_one(challenge, owner):
    question = add_question(challenge, "Pick", kind="single_choice", choices=["A", "B"])
    client_for(owner).post(url("question_edit", challenge, question), question_data(kind="link"))
    question.refresh_from_db()
    assert (question.kind, question.choices) == ("link", [])


def test_edit_page_shows_choices_one_per_line(challenge, owner):
    question = add_question(challenge, "Pick", kind="single_choice", choices=["Poem", "Tale"])
    page = client_for(owner).get(url("question_edit", challenge, question)).content.decode()
    assert "Poem\nTale</textarea>" in page


def test_the_form_has_a_size_limit(challenge, owner):
    Question.objects.bulk_create(
        Question(challenge=challenge, kind="short_text", label=f"Q{n}", position=n)
        for n in range(MAX_QUESTIONS)
    )
    response = client_for(owner).post(url("questions", challenge), question_data())
    assert response.status_code == 400
    assert challenge.questions.count() == MAX_QUESTIONS


# Order and deletion ------------------------------------------------------------------------


def test_questions_move_up_and_down(challenge, owner):
    first, second, third = (add_question(challenge, label) for label in ("One", "Two", "Three"))
    client = client_for(owner)
    response = client.post(url("question_move", challenge, third), {"direction": "up"})
    assert response.status_code == 302 and response.url.endswith(f"#question-{third.pk}")
    assert labels(challenge) == ["One", "Three", "Two"]
    client.post(url("question_move", challenge, first), {"direction": "down"})
    assert labels(challenge) == ["Three", "One", "Two"]
    client.post(url("question_move", challenge, second), {"direction": "down"})  # already last
    assert labels(challenge) == ["Three", "One", "Two"]
    client.post(url("question_move", challenge, first), {"direction": "sideways"})
    assert labels(challenge) == ["Three", "One", "Two"]
    assert client.get(url("question_move", challenge, first)).status_code == 405


def test_the_list_shows_questions_in_order(challenge, owner):
    add_question(challenge, "Alpha question")
    add_question(challenge, "Beta question")
    page = client_for(owner).get(url("questions", challenge)).content.decode()
    assert page.index("Alpha question") < page.index("Beta question")


def test_deleting_a_question_closes_the_gap(challenge, owner):
    one, two, three = (add_question(challenge, label) for label in ("One", "Two", "Three"))
    response = client_for(owner).post(url("question_delete", challenge, two))
    assert response.status_code == 302
    assert labels(challenge) == ["One", "Three"]
    assert list(challenge.questions.values_list("position", flat=True)) == [0, 1]
    assert client_for(owner).get(url("question_delete", challenge, one)).status_code == 405


# Once entries are submitted ----------------------------------------------------------------


def test_drafts_alone_do_not_lock_the_form(challenge, owner, story, outsider):
    make_entry(challenge, outsider, submitted=False)
    client_for(owner).post(url("question_delete", challenge, story))
    assert not challenge.questions.exists()


def test_submitted_entries_forbid_deleting_a_question(challenge, owner, story, outsider):
    make_entry(challenge, outsider)
    response = client_for(owner).post(url("question_delete", challenge, story), follow=True)
    assert "can no longer be deleted" in response.content.decode()
    assert labels(challenge) == ["Your story"]
    assert story.answers.count() == 1


def test_submitted_entries_forbid_changing_a_type(challenge, owner, story, outsider):
    make_entry(challenge, outsider)
    page = client_for(owner).get(url("questions", challenge)).content.decode()
    assert url("question_delete", challenge, story) not in page
    response = client_for(owner).post(
        url("question_edit", challenge, story), question_data(kind="short_text")
    )
    assert response.status_code == 400
    assert "can no longer change" in response.context["form"].errors["kind"][0]
    story.refresh_from_db()
    assert story.kind == "long_text"


def test_submitted_entries_still_allow_wording_changes(challenge, owner, story, outsider):
    make_entry(challenge, outsider)
    data = question_data(kind="long_text", label="Your story, in your words",
                         help_text="Any language", word_limit="2000")  # fmt: skip
    response = client_for(owner).post(url("question_edit", challenge, story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.label, story.help_text) == ("Your story, in your words", "Any language")


def test_submitted_entries_keep_existing_choices(challenge, owner, outsider):
    question = add_question(challenge, "Pick", kind="single_choice", choices=["Poem", "Tale"])
    make_entry(challenge, outsider)
    client = client_for(owner)
    edit = url("question_edit", challenge, question)
    removed = client.post(edit, question_data(kind="single_choice", choices="Poem\nStory"))
    assert "“Tale”" in removed.context["form"].errors["choices"][0]
    added = client.post(edit, question_data(kind="single_choice", choices="Poem\nTale\nSong"))
    assert added.status_code == 302
    question.refresh_from_db()
    assert question.choices == ["Poem", "Tale", "Song"]

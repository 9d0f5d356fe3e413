"""Shared set-up of the entry tests: a writing contest's submission form and its POST data."""

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from planet.challenges.tests.factories import add_question

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def contest_form(challenge) -> dict:
    """The questions of "The Little Prince is back": a story of at most 10 words, the author's
    age, an optional illustration (PDF or picture, 1 MB at most) and an optional link."""
    return {
        "story": add_question(challenge, "Your story", "long_text", word_limit=10),
        "age": add_question(
            challenge, "Your age", "single_choice", choices=["8-12", "13-17", "18-25"]
        ),
        "illustration": add_question(
            challenge,
            "An illustration",
            "file",
            required=False,
            file_kinds=["pdf", "picture"],
            max_file_mb=1,
        ),
        "link": add_question(challenge, "Your blog", "link", required=False),
    }


def entry_data(questions, *, submit=True, **answers) -> dict:
    """A complete POST for the entry form; `answers` override by question key (story=...)."""
    values = {"story": "The little prince lands on a warming planet.", "age": "13-17"}
    values.update(answers)
    data = {"title": "A rose on Mars", "consent_to_publish": "on"}
    for key, value in values.items():
        if value is not None:
            data[f"q{questions[key].pk}"] = value
    data["submit" if submit else "save_draft"] = "1"
    return data


def pdf_upload(name="drawing.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def edit_url(entry) -> str:
    return f"/challenges/{entry.challenge.slug}/entries/{entry.pk}/edit/"


def detail_url(entry) -> str:
    return f"/challenges/{entry.challenge.slug}/entries/{entry.pk}/"

"""`load_demo` fills stories, the Open Campus and youth consultations, once."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from conftest import client_for
from planet.campus.models import LearningOpportunity, Resource, ResourceReview, ResourceUse
from planet.consultations.models import (
    Consultation,
    Participant,
    Proposal,
    ProposalComment,
    Support,
)
from planet.stories.models import Story, StoryEditor, StoryKind, StoryStatus

pytestmark = pytest.mark.django_db

CLOSED = "What should schools teach about climate?"


def counts() -> dict:
    models = [
        Story, Story.authors.through, Story.goals.through, StoryEditor, Resource,
        Resource.goals.through, ResourceUse, ResourceReview, LearningOpportunity, Consultation,
        Participant, Proposal, Support, ProposalComment,
    ]  # fmt: skip
    return {model._meta.label: model.objects.count() for model in models}


@pytest.fixture
def demo():
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", force=True, projects=3, stdout=first)
    after_first = counts()
    call_command("load_demo", force=True, projects=3, stdout=second)
    return {"first": first.getvalue(), "after_first": after_first, "after_second": counts()}


def test_the_new_demo_content_loads_once_and_shows_on_every_page(demo):
    """One test, so that the demo is loaded only twice."""
    assert demo["after_first"] == demo["after_second"]
    assert "Stories: 11 created." in demo["first"]
    assert "Youth consultations: 2 created." in demo["first"]
    check_stories()
    check_campus()
    check_consultations()
    check_the_search_index_includes_them()


def check_stories():
    published = Story.objects.published()
    assert published.count() >= 8
    assert set(published.values_list("kind", flat=True)) == set(StoryKind.values)
    assert published.exclude(content_language="en").count() >= 3
    assert Story.objects.filter(kind=StoryKind.GUEST, status=StoryStatus.SUBMITTED).count() == 1
    sent_back = Story.objects.get(status=StoryStatus.CHANGES_REQUESTED)
    assert sent_back.editor_note and sent_back.reviewed_by is not None
    assert StoryEditor.objects.filter(user__email="organiser@demo.learningplanet.local").exists()
    page = client_for(None).get("/stories/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "The Open Campus opens its doors" in html and "What the tide taught us" in html
    assert "A floating city for Hamburg" not in html  # not published


def check_campus():
    client = client_for(None)
    assert Resource.objects.proposed().count() == 1
    assert Resource.objects.published().values("type").distinct().count() >= 7
    assert ResourceReview.objects.values("rating").distinct().count() == 5
    by_usage = client.get("/campus/?sort=usage")
    assert by_usage.status_code == 200
    usage_order = [r.title for r in by_usage.context["page"]]
    assert usage_order[0] == "Climate cards for the classroom"
    assert "Repair café starter guide" not in usage_order  # still proposed
    by_rating = client.get("/campus/?sort=rating")
    assert by_rating.status_code == 200
    rating_order = [r.title for r in by_rating.context["page"]]
    assert rating_order[0] == "River health field kit"
    assert rating_order[-1] == "Ocean literacy for everyone"  # unrated: last
    assert rating_order != usage_order
    opportunities = client.get("/campus/opportunities/")
    assert opportunities.status_code == 200
    listed = list(opportunities.context["page"])
    assert len(listed) >= 8
    assert len({o.country.code for o in listed if o.country}) >= 6
    assert {o.kind for o in listed} == {"course", "internship", "volunteering", "workshop"}
    assert any(o.online for o in listed)
    today = timezone.localdate()
    assert any(o.starts_on < today for o in listed) and any(o.starts_on.year > today.year
                                                            for o in listed)  # fmt: skip
    assert "Teaching with open badges" in opportunities.content.decode()


def check_consultations():
    client = client_for(None)
    closed = Consultation.objects.get(title=CLOSED)
    assert closed.is_closed() and closed.summary and closed.max_age == 30
    assert closed.participants.count() == 10
    assert closed.participants.values("country").distinct().count() == 10
    assert closed.proposals.filter(retained=True).exclude(answer="").count() == 3
    assert Support.objects.filter(proposal__consultation=closed).count() == 24
    assert not Support.objects.filter(user=F("proposal__participant__user")).exists()
    open_one = Consultation.objects.exclude(pk=closed.pk).get()
    assert open_one.is_open()
    assert (
        open_one.proposals.count() == 3
        and Support.objects.filter(proposal__consultation=open_one).exists()
    )
    listing = client.get("/consultations/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "What should schools teach about climate?" in html
    assert "make room for young people" in html
    results = client.get(f"/consultations/{closed.slug}/results/")
    assert results.status_code == 200
    assert "Every school grows a garden" in results.content.decode()
    detail = client.get(f"/consultations/{closed.slug}/").content.decode()
    assert "Summary of the consultation" in detail


def check_the_search_index_includes_them():
    client = client_for(None)
    for words, title in [
        ("tide taught", "What the tide taught us"),
        ("river health kit", "River health field kit"),
        ("evacuation drill", "Design an evacuation drill with students"),
        ("schools teach climate", CLOSED),
    ]:
        assert title in client.get("/search/", {"q": words}).content.decode(), words

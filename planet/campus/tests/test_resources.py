"""Resources: proposing, the curators' decision, uses and reviews, with allow and deny cases,
and bad input that changes nothing."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from conftest import client_for, make_organisation
from planet.campus.models import Resource, ResourceReview, ResourceUse, Status
from planet.campus.tests.factories import make_resource, resource_data
from planet.moderation.models import AuditLog
from planet.orgs.models import Membership, Role

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# Proposing ---------------------------------------------------------------------------------


def test_a_member_proposes_a_resource_that_only_they_and_curators_see(
    member, outsider, curator, organisation
):
    data = resource_data(organisation=str(organisation.pk))
    response = client_for(member).post(reverse("campus:propose"), data)
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.status == Status.PROPOSED and resource.proposed_by == member
    assert resource.organisation == organisation
    assert resource.audience == ["teachers", "schools"] and resource.languages == ["en", "fr"]
    assert sorted(resource.goals.values_list("number", flat=True)) == [3, 11]
    page = client_for(member).get(resource.get_absolute_url())
    assert page.status_code == 200 and "the curators have not decided yet" in page.content.decode()
    assert client_for(curator).get(resource.get_absolute_url()).status_code == 200
    assert client_for(outsider).get(resource.get_absolute_url()).status_code == 404
    assert client_for(None).get(resource.get_absolute_url()).status_code == 404
    assert "Open data kit" not in client_for(member).get("/campus/").content.decode()


def test_signed_out_visitors_cannot_propose(db):
    response = client_for(None).post(reverse("campus:propose"), resource_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": None}, "link"),
        ({"title": "   "}, "title"),
        ({"type": "spaceship"}, "type"),
        ({"licence": "wtfpl"}, "licence"),
        ({"cost": "cheap"}, "cost"),
        ({"audience": ["aliens"]}, "audience"),
        ({"languages": ["xx"]}, "languages"),
    ],
)
def test_a_bad_proposal_names_the_field_and_saves_nothing(member, changes, field):
    response = client_for(member).post(reverse("campus:propose"), resource_data(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_slug_never_takes_an_address_of_the_campus(member):
    resource = make_resource(member, title="Review")
    assert resource.slug != "review"
    assert client_for(None).get(resource.get_absolute_url()).status_code == 200


# The curators' decision --------------------------------------------------------------------


@pytest.fixture
def proposed(member):
    return make_resource(member, title="Citizen science kit", status=Status.PROPOSED)


def test_only_curators_see_the_queue(cast, proposed):
    assert client_for(cast["curator"]).get("/campus/review/").status_code == 200
    assert (
        "Citizen science kit" in client_for(cast["curator"]).get("/campus/review/").content.decode()
    )
    for who in ("member", "editor", "org_admin", "outsider"):
        assert client_for(cast[who]).get("/campus/review/").status_code == 403
    assert client_for(None).get("/campus/review/").status_code == 302


def test_a_curator_publishes_a_proposal_told_by_email_and_audited(
    curator, member, proposed, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("campus:decide", args=["resource", proposed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(curator).post(url, {"decision": "publish"})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == Status.PUBLISHED and proposed.published_at is not None
    assert proposed.decided_by == curator
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "Citizen science kit" in mailoutbox[0].subject
    assert proposed.get_absolute_url() in mailoutbox[0].body
    entry = AuditLog.objects.for_target(proposed).get()
    assert entry.action == "campus.resource.published" and entry.actor == curator
    assert "Citizen science kit" in client_for(None).get("/campus/").content.decode()


def test_declining_needs_a_note_which_the_proposer_reads(
    curator, member, proposed, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("campus:decide", args=["resource", proposed.pk])
    response = client_for(curator).post(url, {"decision": "decline"}, follow=True)
    assert "Tell the proposer why" in " ".join(messages_of(response))
    proposed.refresh_from_db()
    assert proposed.status == Status.PROPOSED and not AuditLog.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(curator).post(url, {"decision": "decline", "note": "Not about learning."})
    proposed.refresh_from_db()
    assert proposed.status == Status.DECLINED and proposed.decision_note == "Not about learning."
    assert "Not about learning." in mailoutbox[0].body
    assert AuditLog.objects.for_target(proposed).get().reason == "Not about learning."
    page = client_for(member).get(proposed.get_absolute_url()).content.decode()
    assert "Declined by the curators" in page and "Not about learning." in page
    assert client_for(None).get(proposed.get_absolute_url()).status_code == 404


def test_a_proposal_is_decided_once(curator, proposed):
    url = reverse("campus:decide", args=["resource", proposed.pk])
    client_for(curator).post(url, {"decision": "publish"})
    response = client_for(curator).post(url, {"decision": "decline", "note": "x"}, follow=True)
    assert "already decided" in " ".join(messages_of(response))
    proposed.refresh_from_db()
    assert proposed.status == Status.PUBLISHED
    assert AuditLog.objects.for_target(proposed).count() == 1


@pytest.mark.parametrize("who", ["member", "editor", "org_admin", "outsider"])
def test_members_cannot_decide(cast, proposed, who, mailoutbox):
    url = reverse("campus:decide", args=["resource", proposed.pk])
    response = client_for(cast[who]).post(url, {"decision": "publish"})
    assert response.status_code == 403
    proposed.refresh_from_db()
    assert proposed.status == Status.PROPOSED and not mailoutbox
    assert not AuditLog.objects.exists()


# Uses --------------------------------------------------------------------------------------


@pytest.fixture
def resource(db):
    return make_resource(None, title="Open atlas of rivers")


def test_a_member_of_any_role_says_their_organisation_uses_a_resource(
    member, organisation, resource
):
    url = reverse("campus:use", args=[resource.slug])
    page = client_for(member).get(resource.get_absolute_url())
    assert "My organisation uses this" in page.content.decode()
    response = client_for(member).post(url, {"organisation": organisation.pk})
    assert response.status_code == 302
    use = ResourceUse.objects.get()
    assert (use.organisation, use.declared_by) == (organisation, member)
    page = client_for(None).get(resource.get_absolute_url()).content.decode()
    assert "Lycée Planète" in page and "Used by 1 organisation" in page


def test_a_second_declaration_for_the_same_organisation_is_refused(
    member, editor, organisation, resource
):
    url = reverse("campus:use", args=[resource.slug])
    client_for(member).post(url, {"organisation": organisation.pk})
    response = client_for(editor).post(url, {"organisation": organisation.pk})
    assert response.status_code == 400
    assert "already says it uses this resource" in response.content.decode()
    assert ResourceUse.objects.count() == 1


def test_nobody_declares_a_use_for_an_organisation_they_do_not_belong_to(
    outsider, organisation, resource
):
    url = reverse("campus:use", args=[resource.slug])
    response = client_for(outsider).post(url, {"organisation": organisation.pk})
    assert response.status_code == 400
    assert "Choose an organisation you belong to." in response.content.decode()
    assert client_for(None).post(url, {"organisation": organisation.pk}).status_code == 302
    assert not ResourceUse.objects.exists()


def test_proposals_cannot_be_used_or_reviewed_yet(member, organisation, proposed):
    use = client_for(member).post(
        reverse("campus:use", args=[proposed.slug]), {"organisation": organisation.pk}, follow=True
    )
    assert "Only published resources" in " ".join(messages_of(use))
    review = reverse("campus:review_write", args=[proposed.slug])
    client_for(member).post(review, {"rating": 5, "text": "Mine is great"})
    assert not ResourceUse.objects.exists() and not ResourceReview.objects.exists()


def test_the_database_keeps_one_use_per_organisation(organisation, resource):
    ResourceUse.objects.create(resource=resource, organisation=organisation)
    with pytest.raises(IntegrityError):
        ResourceUse.objects.create(resource=resource, organisation=organisation)


# Reviews -----------------------------------------------------------------------------------


def test_a_member_reviews_a_resource_once(member, resource):
    url = reverse("campus:review_write", args=[resource.slug])
    response = client_for(member).post(url, {"rating": "4", "text": "Clear and  useful."})
    review = ResourceReview.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#review-{review.pk}")
    assert (review.rating, review.author, review.text) == (4, member, "Clear and  useful.")
    page = client_for(None).get(resource.get_absolute_url()).content.decode()
    assert "4.0 out of 5 (1 review)" in page and "Clear and  useful." in page
    assert "Your review" not in client_for(member).get(resource.get_absolute_url()).content.decode()

    second = client_for(member).post(url, {"rating": "1", "text": "Changed my mind."})
    assert second.status_code == 400
    assert "one review per member" in second.content.decode()
    assert list(ResourceReview.objects.values_list("rating", flat=True)) == [4]


@pytest.mark.parametrize("rating", ["0", "6", "-1", "4.5", "five", ""])
def test_a_rating_outside_1_to_5_names_the_field_and_saves_nothing(member, resource, rating):
    url = reverse("campus:review_write", args=[resource.slug])
    response = client_for(member).post(url, {"rating": rating, "text": "Fine."})
    assert response.status_code == 400
    assert "rating" in response.context["review_form"].errors
    assert "from 1 to 5" in response.content.decode()
    assert not ResourceReview.objects.exists()


def test_a_review_needs_words_and_at_most_1000_characters(member, resource):
    url = reverse("campus:review_write", args=[resource.slug])
    for text in ["   ", "x" * 1001]:
        response = client_for(member).post(url, {"rating": "3", "text": text})
        assert response.status_code == 400
        assert "text" in response.context["review_form"].errors
    assert not ResourceReview.objects.exists()


def test_signed_out_visitors_cannot_review(resource):
    url = reverse("campus:review_write", args=[resource.slug])
    response = client_for(None).post(url, {"rating": "5", "text": "Great"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ResourceReview.objects.exists()


def test_the_database_refuses_a_rating_outside_1_to_5(member, resource):
    for rating in (0, 6):
        with pytest.raises(IntegrityError):
            from django.db import transaction

            with transaction.atomic():
                ResourceReview.objects.create(
                    resource=resource, author=member, rating=rating, text="x"
                )
    assert not ResourceReview.objects.exists()


def test_a_hidden_review_leaves_the_page_and_the_mean_but_its_author_sees_it(
    member, outsider, curator, resource
):
    ResourceReview.objects.create(resource=resource, author=outsider, rating=5, text="Superb!")
    hidden = ResourceReview.objects.create(
        resource=resource, author=member, rating=1, text="Spam spam spam"
    )
    ResourceReview.objects.filter(pk=hidden.pk).update(
        hidden_at="2026-01-01T00:00Z", hidden_note="Advertising."
    )
    anonymous = client_for(None).get(resource.get_absolute_url()).content.decode()
    assert "Spam spam spam" not in anonymous and "5.0 out of 5 (1 review)" in anonymous
    own = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert "Spam spam spam" in own and "Advertising." in own and "Hidden by the moderators" in own
    assert "Spam spam spam" in client_for(curator).get(resource.get_absolute_url()).content.decode()


# Hidden resources --------------------------------------------------------------------------


def test_a_hidden_resource_disappears_for_everybody_but_its_proposer_and_curators(
    member, outsider, curator
):
    resource = make_resource(member, title="Spammy platform")
    Resource.objects.filter(pk=resource.pk).update(
        hidden_at="2026-01-01T00:00Z", hidden_note="Not a learning resource."
    )
    for user in (None, outsider, member, curator):
        assert "Spammy platform" not in client_for(user).get("/campus/").content.decode()
    for user in (None, outsider):
        assert client_for(user).get(resource.get_absolute_url()).status_code == 404
    own = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert "Not a learning resource." in own and "My organisation uses this" not in own
    assert client_for(curator).get(resource.get_absolute_url()).status_code == 200


def test_a_second_organisation_of_the_member_may_still_declare(member, organisation, resource):
    second = make_organisation("Tiers-lieu du Port", kind="third_place")
    Membership.objects.create(organisation=second, user=member, role=Role.MEMBER)
    url = reverse("campus:use", args=[resource.slug])
    client_for(member).post(url, {"organisation": organisation.pk})
    page = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert "Tiers-lieu du Port" in page and "My organisation uses this" in page
    client_for(member).post(url, {"organisation": second.pk})
    assert ResourceUse.objects.count() == 2
    page = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert "My organisation uses this" not in page

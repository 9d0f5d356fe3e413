"""Organisations, profiles and challenge entries reach the curators' queue like any content."""

import datetime

import pytest
from django.utils import timezone

from conftest import client_for, make_user
from planet.challenges.tests.factories import make_challenge, make_entry
from planet.moderation.tests.helpers import act

pytestmark = pytest.mark.django_db


def test_reports_on_organisations_profiles_and_entries_reach_the_queue(
    outsider, organisation, org_admin, curator
):
    person = make_user("kenji@example.org", "Kenji Watanabe")
    now = timezone.now()
    challenge = make_challenge(
        org_admin,
        organisation=organisation,
        voting_opens_at=now - datetime.timedelta(days=1),
        voting_closes_at=now + datetime.timedelta(days=1),
    )
    entry = make_entry(challenge, person, title="A rose on Mars")
    reporter = client_for(outsider)
    for label, pk in (
        ("organisation", organisation.pk),
        ("profile", person.profile.pk),
        ("entry", entry.pk),
    ):
        assert (
            reporter.post(f"/moderation/flag/{label}/{pk}/", {"reason": "spam"}).status_code == 302
        )
    moderator = client_for(curator)
    queue = moderator.get("/moderation/queue/").content.decode()
    assert "Lycée Planète" in queue and "Kenji Watanabe" in queue and "A rose on Mars" in queue
    item = moderator.get(f"/moderation/queue/organisation/{organisation.pk}/")
    assert item.status_code == 200 and "Ada Admin" in item.content.decode()
    for label, pk in (("organisation", organisation.pk), ("profile", person.profile.pk),
                      ("entry", entry.pk)):  # fmt: skip
        assert act(curator, label, pk, "hide").status_code == 302
    queue = moderator.get("/moderation/queue/").content.decode()
    assert queue.count("Breaks the community rules.") >= 3

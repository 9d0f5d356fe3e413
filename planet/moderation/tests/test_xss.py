"""What members type into a report, and what curators write to authors, renders inert on the
curators' pages (the same payload list and scanner as projects)."""

import pytest

from conftest import client_for
from planet.moderation.models import Flag
from planet.moderation.tests.helpers import act
from planet.projects.tests.factories import make_project
from planet.projects.tests.test_xss import EMBEDDING_TAGS, EVENT_HANDLER, HARMLESS, PAYLOADS, scan

pytestmark = pytest.mark.django_db


def pages_saying(text, *, reporter, owner, curator) -> dict[str, str]:
    project = make_project(owner, title=f"Project {Flag.objects.count()}")
    response = client_for(reporter).post(
        f"/moderation/flag/project/{project.pk}/", {"reason": "other", "note": text}
    )
    assert response.status_code == 302
    hidden = make_project(owner, title=f"Hidden {Flag.objects.count()}")
    assert act(curator, "project", hidden.pk, "hide", text[:1000]).status_code == 302
    client = client_for(curator)
    pages = {
        "queue": client.get("/moderation/queue/"),
        "item": client.get(f"/moderation/queue/project/{project.pk}/"),
        "hidden item": client.get(f"/moderation/queue/project/{hidden.pk}/"),
        "owner's page": client_for(owner).get(hidden.get_absolute_url()),
    }
    assert all(response.status_code == 200 for response in pages.values())
    return {name: response.content.decode() for name, response in pages.items()}


@pytest.fixture
def baseline(member, org_admin, curator):
    pages = pages_saying(HARMLESS, reporter=member, owner=org_admin, curator=curator)
    Flag.objects.all().delete()
    return {name: scan(html) for name, html in pages.items()}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_inert(member, org_admin, curator, baseline, payload):
    pages = pages_saying(payload, reporter=member, owner=org_admin, curator=curator)
    for name, html in pages.items():
        page, expected = scan(html), baseline[name]
        assert page.problems == [], name
        assert page.scripts == expected.scripts, name
        assert not EVENT_HANDLER.search(html), name
        for tag in EMBEDDING_TAGS:
            assert page.tags[tag] == expected.tags[tag], f"{name}: <{tag}>"
    assert Flag.objects.get().note == payload.strip()

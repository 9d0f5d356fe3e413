"""Who may do what to an organisation, over the whole cast.

Allowed actions succeed and change the database; denied ones get 403 (or, for anonymous
visitors, a redirect to the login page) and change nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail

from conftest import client_for, make_user
from planet.orgs.models import Invitation, Membership, Organisation, Role
from planet.orgs.tests.helpers import org_data, snapshot

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.fixture
def world(cast, organisation, org_admin, django_capture_on_commit_callbacks):
    """The organisation with the cast, a second admin (so that any admin may leave), a plain
    member to act on, and a pending invitation."""
    co_admin = make_user("co-admin@school.example.org", "Cleo Coadmin")
    Membership.objects.create(organisation=organisation, user=co_admin, role=Role.ADMIN)
    target = make_user("target@school.example.org", "Tara Target")
    seat = Membership.objects.create(organisation=organisation, user=target, role=Role.MEMBER)
    invitation, _ = Invitation.issue(organisation, "pending@example.org", Role.MEMBER, org_admin)
    return {"cast": cast, "organisation": organisation, "seat": seat, "invitation": invitation}


@dataclass
class Action:
    method: str
    url: Callable
    allowed: set
    done: Callable  # world, actor -> bool: the database shows the action happened
    data: Callable = lambda world, actor: {}


def _org(world):
    return world["organisation"]


ACTIONS = {
    "view": Action(
        "get",
        lambda w: f"/orgs/{_org(w).slug}/",
        set(CAST),
        lambda w, actor: True,
    ),
    "create": Action(
        "post",
        lambda w: "/orgs/new/",
        set(CAST) - {"anonymous"},
        lambda w, actor: Membership.objects.filter(
            organisation__name="Rivers Network", user=actor, role=Role.ADMIN
        ).exists(),
        lambda w, actor: org_data(),
    ),
    "edit": Action(
        "post",
        lambda w: f"/orgs/{_org(w).slug}/edit/",
        {"editor", "org_admin", "site_admin"},
        lambda w, actor: Organisation.objects.get(pk=_org(w).pk).name == "Rivers Network",
        lambda w, actor: org_data(),
    ),
    "members_page": Action(
        "get",
        lambda w: f"/orgs/{_org(w).slug}/members/",
        {"org_admin", "site_admin"},
        lambda w, actor: True,
    ),
    "invite": Action(
        "post",
        lambda w: f"/orgs/{_org(w).slug}/members/",
        {"org_admin", "site_admin"},
        lambda w, actor: Invitation.objects.filter(email="new@example.org").exists(),
        lambda w, actor: {"email": "new@example.org", "role": "editor"},
    ),
    "change_role": Action(
        "post",
        lambda w: f"/orgs/{_org(w).slug}/members/{w['seat'].pk}/role/",
        {"org_admin", "site_admin"},
        lambda w, actor: Membership.objects.get(pk=w["seat"].pk).role == Role.EDITOR,
        lambda w, actor: {"role": "editor"},
    ),
    "remove_member": Action(
        "post",
        lambda w: f"/orgs/{_org(w).slug}/members/{w['seat'].pk}/remove/",
        {"org_admin", "site_admin"},
        lambda w, actor: not Membership.objects.filter(pk=w["seat"].pk).exists(),
    ),
    "revoke_invitation": Action(
        "post",
        lambda w: f"/orgs/{_org(w).slug}/invitations/{w['invitation'].pk}/revoke/",
        {"org_admin", "site_admin"},
        lambda w, actor: Invitation.objects.get(pk=w["invitation"].pk).declined_at is not None,
    ),
    "leave": Action(
        "post",
        lambda w: f"/orgs/{_org(w).slug}/leave/",
        {"member", "editor", "org_admin"},
        lambda w, actor: not Membership.objects.filter(organisation=_org(w), user=actor).exists(),
    ),
    "delete": Action(
        "post",
        lambda w: f"/orgs/{_org(w).slug}/delete/",
        {"org_admin", "site_admin"},
        lambda w, actor: not Organisation.objects.filter(pk=_org(w).pk).exists(),
        lambda w, actor: {"confirm_name": _org(w).name},
    ),
}


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_permission_matrix(world, name, who, django_capture_on_commit_callbacks):
    action, actor = ACTIONS[name], world["cast"][who]
    client = client_for(actor)
    url = action.url(world)
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client, action.method)(url, action.data(world, actor))
    if who in action.allowed:
        assert response.status_code in (200, 302), response.content[:500]
        assert action.done(world, actor)
        if action.method == "post":
            assert snapshot() != before
    else:
        if actor is None:
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/?next=")
        else:
            assert response.status_code == 403
        assert snapshot() == before
        assert not mail.outbox


@pytest.mark.parametrize("who", CAST)
def test_the_members_page_and_actions_of_an_unknown_organisation_are_404(cast, who):
    client = client_for(cast[who])
    assert client.get("/orgs/no-such-organisation/").status_code == 404
    if cast[who] is not None:
        assert client.get("/orgs/no-such-organisation/edit/").status_code == 404
        assert client.post("/orgs/no-such-organisation/leave/").status_code == 404


def test_an_admin_cannot_act_on_another_organisations_members(organisation, org_admin):
    other_admin = make_user("other@example.org", "Otto Other")
    other = Organisation.objects.create(name="Other School", kind="school")
    seat = Membership.objects.create(organisation=other, user=other_admin, role=Role.ADMIN)
    client = client_for(org_admin)
    # Through its own organisation's address, the other organisation's seat is unknown.
    url = f"/orgs/{organisation.slug}/members/{seat.pk}/remove/"
    assert client.post(url).status_code == 404
    assert client.post(f"/orgs/{other.slug}/members/{seat.pk}/remove/").status_code == 403
    assert Membership.objects.filter(pk=seat.pk).exists()


def test_write_actions_refuse_get(organisation, org_admin, member):
    client = client_for(org_admin)
    seat = Membership.objects.get(user=member)
    for url in (
        f"/orgs/{organisation.slug}/leave/",
        f"/orgs/{organisation.slug}/members/{seat.pk}/remove/",
        f"/orgs/{organisation.slug}/members/{seat.pk}/role/",
    ):
        assert client.get(url).status_code == 405
    assert Membership.objects.filter(pk=seat.pk, role=Role.MEMBER).exists()


def test_the_detail_page_offers_only_the_allowed_actions(cast, organisation):
    expected = {
        "anonymous": set(),
        "outsider": set(),
        "curator": set(),
        "member": {"leave"},
        "editor": {"edit", "leave"},
        "org_admin": {"edit", "members", "delete", "leave"},
        "site_admin": {"edit", "members", "delete"},
    }
    links = {
        "edit": f"/orgs/{organisation.slug}/edit/",
        "members": f"/orgs/{organisation.slug}/members/",
        "delete": f"/orgs/{organisation.slug}/delete/",
        "leave": f"/orgs/{organisation.slug}/leave/",
    }
    for who, actions in expected.items():
        page = client_for(cast[who]).get(organisation.get_absolute_url()).content.decode()
        shown = {name for name, url in links.items() if url in page}
        assert shown == actions, who

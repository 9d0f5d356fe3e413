import pytest

from conftest import client_for
from planet.projects.models import ProjectInvitation
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/projects/project/",
        "/admin/projects/comment/?q=idea",
        "/admin/projects/projectinvitation/",
        "/admin/projects/need/",
    ],
)
def test_curators_can_read_the_project_admin(curator, member, url):
    project = make_project(member)
    ProjectInvitation.create_with_token(
        email="guest@example.org", invited_by=member, project=project, role="member"
    )
    assert client_for(curator).get(url).status_code == 200
    assert client_for(member).get(url).status_code == 302  # not staff: the admin login


def test_invitation_tokens_never_show_in_the_admin(site_admin, member):
    project = make_project(member)
    invitation, token = ProjectInvitation.create_with_token(
        email="guest@example.org", invited_by=member, project=project, role="member"
    )
    page = client_for(site_admin).get(f"/admin/projects/projectinvitation/{invitation.pk}/change/")
    assert page.status_code == 200
    assert invitation.token_hash not in page.content.decode() and token not in page.content.decode()

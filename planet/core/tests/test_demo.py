"""`load_demo` fills the platform and is idempotent."""

import io

import pytest
from django.core.management import call_command

from conftest import client_for
from planet.accounts.models import User
from planet.innovators.models import Innovator
from planet.orgs.models import Organisation
from planet.programs.models import (
    Adaptation,
    ImpactReport,
    Indicator,
    Pedagogy,
    Phase,
    Replication,
)
from planet.projects.models import (
    Project,
    ProjectLanguage,
    ProjectLocation,
    ProjectMember,
    Status,
)

FOUNDING = [
    "WeLearn",
    "LearnIn - Tajikistan: Feasibility Study and Developing Scenarios",
    "Cities of Learning by Badgecraft",
    "LearnIn - Kyrgyzstan: Feasibility Study and Developing Scenarios",
]


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "innovators": Innovator.objects.count(),
        "projects": Project.objects.count(),
        "goals": Project.goals.through.objects.count(),
        "targets": Project.targets.through.objects.count(),
        "organisations_of_projects": Project.organisations.through.objects.count(),
        "locations": ProjectLocation.objects.count(),
        "languages": ProjectLanguage.objects.count(),
        "team": ProjectMember.objects.count(),
        "pedagogies": Pedagogy.objects.count(),
        "phases": Phase.objects.count(),
        "replications": Replication.objects.count(),
        "adaptations": Adaptation.objects.count(),
        "impact_reports": ImpactReport.objects.count(),
        "indicators": Indicator.objects.count(),
    }


pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", force=True, stdout=first)
    after_first = counts()
    call_command("load_demo", force=True, stdout=second)
    return {"first": first.getvalue(), "after_first": after_first, "after_second": counts()}


def test_the_demo_content_loads_once_and_fills_every_page(demo):
    """One test, so that the 300+ projects are loaded only once (a few seconds)."""
    check_running_twice_creates_nothing_more(demo)
    check_shows_progress(demo)
    check_the_founding_projects_are_published_featured_and_tagged()
    check_generated_projects_spread_over_countries_goals_kinds_and_stages()
    check_partners_and_innovators()
    check_the_pages_show_the_demo_content()


def check_running_twice_creates_nothing_more(demo):
    assert demo["after_first"] == demo["after_second"]
    assert demo["after_first"]["projects"] >= 304
    assert demo["after_first"]["replications"] >= 10 and demo["after_first"]["indicators"] > 0
    assert "Programs and their replications: 17 created." in demo["first"]


def check_shows_progress(demo):
    assert "10% (30/300)" in demo["first"] and "100% (300/300)" in demo["first"]


def check_the_founding_projects_are_published_featured_and_tagged():
    for title in FOUNDING:
        project = Project.objects.get(title=title)
        assert project.is_featured
        assert project.targets.exists() and project.organisations.exists()
        assert project.locations.exists() and project.team.filter(role="owner").exists()
        assert {t.goal_id for t in project.targets.all()} <= {g.number for g in project.goals.all()}
    assert Project.objects.get(title="WeLearn").targets.filter(code="4.4").exists()
    badgecraft = Organisation.objects.get(name="Badgecraft")
    assert badgecraft.kind == "company" and badgecraft.country.code == "LT"
    tajik = Project.objects.get(title=FOUNDING[1])
    assert tajik.locations.filter(country="TJ").exists()


def check_generated_projects_spread_over_countries_goals_kinds_and_stages():
    published = Project.objects.published()
    assert published.count() >= 200
    assert ProjectLocation.objects.values("country").distinct().count() >= 60
    assert set(published.values_list("goals", flat=True)) == set(range(1, 18))
    assert published.values("kind").distinct().count() == 6
    assert published.values("stage").distinct().count() == 3
    statuses = set(Project.objects.values_list("status", flat=True))
    assert {Status.DRAFT, Status.SUBMITTED, Status.ARCHIVED} <= statuses
    assert Project.targets.through.objects.values("target").distinct().count() >= 40
    demo_people = set(User.objects.filter(email__endswith="@demo.learningplanet.local"))
    assert {m.user for m in ProjectMember.objects.select_related("user")} <= demo_people


def check_partners_and_innovators():
    partners = Organisation.objects.partners()
    assert partners.count() >= 12
    assert partners.values("kind").distinct().count() >= 10
    assert 4 <= Innovator.objects.count() <= 6
    assert all(len(i.quote) <= 300 for i in Innovator.objects.all())


def check_the_pages_show_the_demo_content():
    client = client_for(None)
    home = client.get("/").content.decode()
    assert "WeLearn" in home and "Badgecraft" in home and "Innovators" in home
    response = client.get("/projects/?country=KG")
    assert FOUNDING[3] in [p.title for p in response.context["projects"]]
    assert client.get("/projects/").context["page"].paginator.count == (
        Project.objects.published().count()
    )

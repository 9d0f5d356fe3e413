"""The scale page (/programs/): original programs ranked by spread and by learners reached,
filtered by SDG and by country, with a chart of runs per year; and the demo programs."""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.programs.models import ImpactReport, Pedagogy, Replication
from planet.programs.tests.test_spread import lineage_below, recount, replicate, report
from planet.projects.models import PUBLIC_STATUSES, Kind, Project, ProjectLocation, Status
from planet.projects.tests.factories import add_location, make_project
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def programs(org_admin, outsider):
    """Rivers: 4 public runs in 3 countries, 60 learners. Gardens: 2 runs in 1 country (its
    replication is in the same country), 500 learners. Repair: 2 public runs in 2 countries
    (and a draft in Japan), 20 learners, serving goal 12 only."""
    rivers = make_project(org_admin, title="Rivers", starts_on=date(2021, 3, 1))
    add_location(rivers, country="BR")
    report(rivers, 30)
    dakar = replicate(rivers, outsider, title="Rivers of Dakar", country="SN")
    report(dakar, 20)
    Project.objects.filter(pk=dakar.pk).update(starts_on=date(2022, 9, 1))
    thies = replicate(dakar, outsider, title="Rivers of Thiès", country="SN")
    Project.objects.filter(pk=thies.pk).update(starts_on=date(2023, 9, 1))
    report(thies, 10)
    lagos = replicate(thies, outsider, title="Rivers of Lagos", country="NG")
    Project.objects.filter(pk=lagos.pk).update(starts_on=date(2023, 1, 1))
    gardens = make_project(org_admin, title="Gardens", starts_on=date(2022, 4, 1))
    add_location(gardens, place="Amman", country="JO")
    report(gardens, 500)
    zarqa = replicate(gardens, outsider, title="Gardens of Zarqa", country="JO")
    Project.objects.filter(pk=zarqa.pk).update(starts_on=date(2025, 2, 1))
    repair = make_project(org_admin, title="Repair", starts_on=date(2024, 1, 1))
    repair.goals.set(Goal.objects.filter(number=12))
    add_location(repair, place="Lyon", country="FR")
    report(repair, 15)
    kaunas = replicate(repair, outsider, title="Repair in Kaunas", country="LT")
    Project.objects.filter(pk=kaunas.pk).update(starts_on=date(2024, 6, 1))
    report(kaunas, 5)
    tokyo = replicate(repair, outsider, title="Repair in Tokyo", country="JP", status="draft")
    report(tokyo, 9000)
    return {"rivers": rivers, "gardens": gardens, "repair": repair, "tokyo": tokyo}


def titles(response) -> list[str]:
    return [program.title for program in response.context["programs"]]


def shown(html: str, title: str) -> dict:
    """The figures shown on the card of the program called `title`."""
    card = html[html.index(f">{title}</a></h3>") :]
    card = card[: card.index("</article>")]
    return {
        name: int(value.replace(",", ""))  # 1,234 learners
        for name, value in re.findall(r'data-figure="(\w+)">([\d,]+)<', card)
    }


def test_programs_are_ranked_by_spread_by_default(programs):
    response = client_for(None).get("/programs/")
    assert response.status_code == 200
    assert titles(response) == ["Rivers", "Repair", "Gardens"]
    html = response.content.decode()
    assert shown(html, "Rivers") == {"runs": 4, "countries": 3, "learners": 60}
    assert shown(html, "Repair") == {"runs": 2, "countries": 2, "learners": 20}
    assert shown(html, "Gardens") == {"runs": 2, "countries": 1, "learners": 500}
    assert "/projects/rivers/spread/" in html


def test_programs_are_ranked_by_learners_reached(programs):
    response = client_for(None).get("/programs/?sort=learners")
    assert titles(response) == ["Gardens", "Rivers", "Repair"]
    assert "ranked by learners reached" in response.content.decode()


@pytest.mark.parametrize("sort", ["spread", "learners"])
def test_the_figures_equal_a_recount_from_the_database(programs, sort):
    html = client_for(None).get(f"/programs/?sort={sort}").content.decode()
    for title in ("Rivers", "Repair", "Gardens"):
        expected = recount(Project.objects.get(title=title))
        assert shown(html, title) == {k: expected[k] for k in ("runs", "countries", "learners")}


def test_only_public_original_programs_are_listed(programs, org_admin, curator):
    make_project(org_admin, title="Draft program", status=Status.DRAFT)
    make_project(org_admin, title="Submitted program", status=Status.SUBMITTED)
    make_project(org_admin, title="A study", kind=Kind.STUDY)
    archived = make_project(org_admin, title="Old program", status=Status.ARCHIVED)
    for user in (None, org_admin, curator):
        listed = titles(client_for(user).get("/programs/"))
        assert set(listed) == {"Rivers", "Repair", "Gardens", "Old program"}
    assert "Archived" in client_for(None).get("/programs/").content.decode()
    assert archived.title in titles(client_for(None).get("/programs/"))


def test_a_draft_replication_and_its_reports_never_count(programs, curator, outsider):
    for user in (None, outsider, curator):
        html = client_for(user).get("/programs/").content.decode()
        assert shown(html, "Repair") == {"runs": 2, "countries": 2, "learners": 20}
        assert "Repair in Tokyo" not in html


def test_the_goal_filter_keeps_the_programs_serving_it(programs):
    assert titles(client_for(None).get("/programs/?goal=12")) == ["Repair"]
    assert titles(client_for(None).get("/programs/?goal=6")) == ["Rivers", "Gardens"]
    assert titles(client_for(None).get("/programs/?goal=13")) == []


def test_the_country_filter_keeps_the_programs_that_reached_it(programs):
    assert titles(client_for(None).get("/programs/?country=NG")) == ["Rivers"]
    assert titles(client_for(None).get("/programs/?country=LT")) == ["Repair"]
    assert titles(client_for(None).get("/programs/?country=JP")) == []  # a draft run only
    response = client_for(None).get("/programs/?country=SN&goal=6&sort=learners")
    assert titles(response) == ["Rivers"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("goal=99", "There is no such SDG"),
        ("goal=abc", "There is no such SDG"),
        ("goal=4.7", "There is no such SDG"),
        ("country=XX", "This is not a country we know"),
        ("country=brazil", "This is not a country we know"),
    ],
)
def test_bad_filter_values_give_a_clear_message_and_no_result(programs, query, message):
    response = client_for(None).get(f"/programs/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and titles(response) == []
    assert "0 programs" in html


@pytest.mark.parametrize("query", ["sort=bogus", "page=zzz", "page=999", "sort=&goal=&country="])
def test_a_bad_sort_or_page_falls_back_to_the_default(programs, query):
    response = client_for(None).get(f"/programs/?{query}")
    assert response.status_code == 200
    assert titles(response) == ["Rivers", "Repair", "Gardens"]


def _recount_years(programs) -> dict[int, int]:
    years: dict[int, int] = {}
    for program in programs:
        for run in Project.objects.filter(
            pk__in=lineage_below(program), status__in=PUBLIC_STATUSES
        ):
            moment = run.published_at or run.created_at
            year = run.starts_on.year if run.starts_on else timezone.localtime(moment).year
            years[year] = years.get(year, 0) + 1
    return years


def test_the_chart_counts_public_runs_per_year_as_a_recount(programs):
    response = client_for(None).get("/programs/")
    years = dict(response.context["years"])
    expected = _recount_years(Project.objects.filter(title__in=["Rivers", "Repair", "Gardens"]))
    assert {year: n for year, n in years.items() if n} == expected
    assert expected == {2021: 1, 2022: 2, 2023: 2, 2024: 2, 2025: 1}
    html = response.content.decode()
    chart = html[html.index('class="runs-chart"') :]
    assert '<svg class="runs-chart-svg"' in chart and 'role="img"' in chart
    assert "<title" in chart and "8 runs in all" in chart
    rows = re.findall(r'<th scope="row">(\d+)</th><td>(\d+)</td>', chart)
    assert {int(y): int(n) for y, n in rows} == expected
    assert chart.count("<rect") == 5
    assert " style=" not in html and "<script>" not in html


def test_the_chart_follows_the_filters(programs):
    response = client_for(None).get("/programs/?goal=12")
    assert dict(response.context["years"]) == {2024: 2}
    assert _recount_years([programs["repair"]]) == {2024: 2}
    response = client_for(None).get("/programs/?goal=99")
    assert response.context["chart"] is None


def test_the_filters_work_without_javascript(programs):
    html = client_for(None).get("/programs/?goal=12").content.decode()
    form = html[html.index('<form method="get" action="/programs/"') :]
    form = form[: form.index("</form>")]
    assert 'name="goal"' in form and 'name="country"' in form and 'name="sort"' in form
    assert '<option value="12" selected>' in form
    assert 'type="submit"' in form


def test_the_main_navigation_links_to_the_scale_page():
    html = client_for(None).get("/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    assert '<a href="/programs/">Programs</a>' in nav[: nav.index("</nav>")]


def _many_programs(n: int, owner) -> None:
    for i in range(n):
        root = make_project(owner, title=f"Program {n}-{i}", starts_on=date(2020 + i % 5, 1, 1))
        add_location(root, country="FR")
        report(root, i)
        child = replicate(root, owner, title=f"Replication {n}-{i}", country="KE")
        report(child, 1)


def test_the_scale_page_costs_the_same_for_3_or_25_programs(django_assert_num_queries):
    few, many = make_user("few@example.org"), make_user("many@example.org")
    _many_programs(3, few)
    with CaptureQueriesContext(connection) as baseline:
        assert client_for(None).get("/programs/?goal=4&country=KE").status_code == 200
    _many_programs(25, many)
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client_for(None).get("/programs/?goal=4&country=KE")
    assert len(response.context["programs"]) == 20
    assert response.context["page"].paginator.count == 28
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client_for(None).get("/programs/?goal=4&country=KE&page=2")
    assert len(response.context["programs"]) == 8


# The demo content --------------------------------------------------------------------------


def _program_rows() -> dict:
    return {
        "replications": Replication.objects.count(),
        "reports": ImpactReport.objects.count(),
        "pedagogies": Pedagogy.objects.count(),
        "projects": Project.objects.count(),
    }


def test_the_demo_has_programs_with_deep_lineages_across_countries_and_impact():
    call_command("load_demo", force=True, projects=0, stdout=io.StringIO())
    first = _program_rows()
    call_command("load_demo", force=True, projects=0, stdout=io.StringIO())
    assert _program_rows() == first  # idempotent
    roots = Project.objects.filter(pk__in=Replication.objects.values("root")).annotate(
        deepest=Max("lineage__depth")
    )
    deep = [root for root in roots if root.deepest >= 2]
    assert len(deep) >= 3
    for root in deep:
        counted = recount(root)
        assert counted["countries"] >= 3 and counted["learners"] > 0
        assert root.pedagogy.phases.count() >= 3
        assert ImpactReport.objects.filter(project_id__in=lineage_below(root)).exists()
    assert ImpactReport.objects.verified().exists()
    assert ImpactReport.objects.filter(indicators__isnull=False).exists()
    assert Project.objects.filter(replication__isnull=False, status=Status.DRAFT).count() >= 2
    response = client_for(None).get("/programs/")
    listed = titles(response)
    assert all(root.title in listed for root in deep)
    html = response.content.decode()
    for root in deep:
        counted = recount(root)
        assert shown(html, root.title) == {k: counted[k] for k in ("runs", "countries", "learners")}
        page = client_for(None).get(f"/projects/{root.slug}/spread/")
        assert page.status_code == 200 and page.context["spread"].runs == counted["runs"]
    assert (
        ProjectLocation.objects.filter(project__replication__root__in=deep)
        .values("country")
        .distinct()
        .count()
        >= 6
    )

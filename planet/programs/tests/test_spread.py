"""A program's spread: the summary and the origin on the project page, the spread page with
its figures, map, lineage tree and timeline; visibility, archiving and query counts."""

import re
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext

from conftest import client_for, make_organisation
from planet.programs.models import Adaptation, ImpactReport, Replication
from planet.programs.replicate import Place, start_replication
from planet.projects.models import (
    PUBLIC_STATUSES,
    Kind,
    Project,
    ProjectLanguage,
    ProjectLocation,
    ProjectMember,
    Status,
    TeamRole,
)
from planet.projects.tests.factories import add_location, make_project

pytestmark = pytest.mark.django_db

COUNTRIES = ["BR", "SN", "JP", "KE", "FR", "PE", "IN", "MA"]
LANGUAGES = ["pt", "fr", "ja", "sw", "en"]


# Building lineages -------------------------------------------------------------------------


def replicate(origin, owner=None, *, title, country="SN", status=Status.PUBLISHED, **extra):
    """A replication of `origin`, made directly with the right root, depth and path."""
    project = make_project(owner, title=title, status=status, **extra)
    add_location(project, place=f"{title} town", country=country, lat=10.0, lng=10.0)
    parent = getattr(origin, "replication", None)
    Replication.objects.create(
        project=project,
        origin=origin,
        root_id=parent.root_id if parent else origin.pk,
        depth=parent.depth + 1 if parent else 1,
        path=f"{parent.path if parent else '/'}{origin.pk}/",
        created_by=owner,
    )
    return Project.objects.select_related("replication").get(pk=project.pk)


def report(project, learners: int, *, year: int = 2025) -> ImpactReport:
    return ImpactReport.objects.create(
        project=project,
        period_start=date(year, 1, 1),
        period_end=date(year, 6, 30),
        learners_primary=learners,
    )


def parent_index(i: int, n: int) -> int:
    """A ternary tree of n nodes whose last node hangs below the one before: depth 6 for
    300 nodes."""
    return i - 1 if i == n - 1 and n > 3 else (i - 1) // 3


def build_tree(n: int, owner, organisation) -> list[Project]:
    """A lineage of n runs, in bulk: every run placed, spoken, reported; every third
    replication run by an organisation with an adaptation; some leaves drafts."""
    children = {parent_index(i, n) for i in range(1, n)}
    drafts = {i for i in range(1, n) if i not in children and i % 10 == 0} or {n - 1}
    Project.objects.bulk_create(
        Project(
            title=f"Run {n}-{i}",
            slug=f"run-{n}-{i}",
            kind=Kind.PROGRAM,
            stage="running",
            summary="A run of the program.",
            status=Status.DRAFT if i in drafts else Status.PUBLISHED,
            created_by=owner,
            starts_on=date(2020 + i % 6, 1 + i % 12, 1),
        )
        for i in range(n)
    )
    ids = dict(Project.objects.filter(slug__startswith=f"run-{n}-").values_list("slug", "pk"))
    pks = [ids[f"run-{n}-{i}"] for i in range(n)]
    paths = {0: "/"}
    replications = []
    for i in range(1, n):
        parent = parent_index(i, n)
        paths[i] = f"{paths[parent]}{pks[parent]}/"
        replications.append(
            Replication(
                project_id=pks[i],
                origin_id=pks[parent],
                root_id=pks[0],
                depth=paths[i].count("/") - 1,
                path=paths[i],
                organisation=organisation if i % 3 == 0 else None,
                created_by=owner,
            )
        )
    Replication.objects.bulk_create(replications)
    Adaptation.objects.bulk_create(
        Adaptation(replication_id=pks[i], phase_name="Investigate", note=f"Local river {i}")
        for i in range(1, n)
        if i % 3 == 1
    )
    ProjectLocation.objects.bulk_create(
        ProjectLocation(
            project_id=pk, place_name=f"Place {i}", country=COUNTRIES[i % 8], latitude=i % 80,
            longitude=i % 170,
        )
        for i, pk in enumerate(pks)
    )  # fmt: skip
    ProjectLanguage.objects.bulk_create(
        ProjectLanguage(project_id=pk, code=LANGUAGES[i % 5]) for i, pk in enumerate(pks)
    )
    ProjectMember.objects.bulk_create(
        ProjectMember(project_id=pk, user=owner, role=TeamRole.OWNER) for pk in pks
    )
    for i, pk in enumerate(pks):
        report(Project(pk=pk), 10 + i)
    return list(Project.objects.filter(pk__in=pks).order_by("pk"))


# A direct recount, independent of lineage.py -------------------------------------------------


def lineage_below(program) -> list[int]:
    """The program and every replication below it, found by walking origins."""
    found, frontier = [program.pk], [program.pk]
    while frontier:
        frontier = list(
            Replication.objects.filter(origin_id__in=frontier).values_list("project", flat=True)
        )
        found += frontier
    return found


def recount(program) -> dict:
    runs = Project.objects.filter(pk__in=lineage_below(program), status__in=PUBLIC_STATUSES)
    places = ProjectLocation.objects.filter(project__in=runs)
    reports = ImpactReport.objects.filter(project__in=runs)
    return {
        "runs": runs.count(),
        "countries": len(set(places.values_list("country", flat=True))),
        "languages": ProjectLanguage.objects.filter(project__in=runs)
        .values("code")
        .distinct()
        .count(),
        "learners": sum(reports.values_list("learners_total", flat=True)),
    }


def figures(html: str) -> dict:
    """The figures shown in a page's first list of figures."""
    block = html[html.index('class="spread-figures"') :]
    block = block[: block.index("</dl>")]
    return {
        name: int(value.replace(",", ""))  # 1,234 learners
        for name, value in re.findall(r'data-figure="(\w+)">([\d,]+)<', block)
    }


def origin_of(html: str) -> str:
    start = html.index('class="program-origin"')
    return html[start : html.index("</section>", start)]


def spread_html(user, program) -> str:
    response = client_for(user).get(f"/projects/{program.slug}/spread/")
    assert response.status_code == 200
    return response.content.decode()


def project_html(user, program) -> str:
    response = client_for(user).get(program.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def program(org_admin):
    """A program in Belém with two public generations of replications and a report each."""
    root = make_project(org_admin, title="Rivers as classrooms", starts_on=date(2021, 2, 1))
    add_location(root)
    ProjectLanguage.objects.create(project=root, code="pt")
    report(root, 120)
    return root


@pytest.fixture
def lineage(program, outsider, organisation):
    dakar = replicate(program, outsider, title="Rivers of Dakar", country="SN")
    Replication.objects.filter(project=dakar).update(organisation=organisation)
    Adaptation.objects.create(
        replication_id=dakar.pk, phase_name="Investigate", note="Mangrove water, not river"
    )
    ProjectLanguage.objects.create(project=dakar, code="fr")
    report(dakar, 40)
    thies = replicate(dakar, outsider, title="Rivers of Thiès", country="SN")
    report(thies, 7)
    lagos = replicate(thies, outsider, title="Lagoons of Lagos", country="NG")
    report(lagos, 3)
    osaka = replicate(program, outsider, title="Rivers of Osaka", country="JP")
    ProjectLanguage.objects.create(project=osaka, code="ja")
    return {"dakar": dakar, "thies": thies, "lagos": lagos, "osaka": osaka}


# Figures -----------------------------------------------------------------------------------


def test_the_spread_page_shows_figures_equal_to_a_recount(program, lineage):
    html = spread_html(None, program)
    assert figures(html) == {
        "runs": 5,
        "replications": 4,
        "countries": 4,
        "languages": 3,
        "learners": 170,
    }
    expected = recount(program)
    assert {k: figures(html)[k] for k in expected} == expected


def test_a_middle_node_shows_the_figures_of_its_subtree(program, lineage):
    dakar = lineage["dakar"]
    expected = recount(dakar)
    assert expected == {"runs": 3, "countries": 2, "languages": 1, "learners": 50}
    for html in (spread_html(None, dakar), project_html(None, dakar)):
        shown = figures(html)
        assert {k: shown[k] for k in expected} == expected
        assert shown["replications"] == 2


def test_the_program_page_summarises_the_spread_and_links_to_it(program, lineage):
    html = project_html(None, program)
    shown = figures(html)
    expected = recount(program)
    assert {k: shown[k] for k in expected} == expected and shown["replications"] == 4
    assert "See how it spread" in html and f"/projects/{program.slug}/spread/" in html
    assert "Brazil" in html and "Senegal" in html and "Japan" in html


def test_the_spread_page_shows_the_tree_map_timeline_and_who_adapted(program, lineage):
    html = spread_html(None, program)
    tree = html[html.index('<ul class="lineage">') : html.index("timeline-heading")]
    # Nested: Lagos inside Thiès inside Dakar inside the program; Osaka beside Dakar.
    assert tree.index("Rivers as classrooms") < tree.index("Rivers of Dakar")
    assert tree.index("Rivers of Dakar") < tree.index("Rivers of Thiès")
    assert tree.index("Rivers of Thiès") < tree.index("Lagoons of Lagos")
    assert tree.count("<ul>") == 3 and tree.count("<ul") == tree.count("</ul>")
    assert tree.count("<li") == tree.count("</li>")
    assert "Lycée Planète" in tree and "Olu Outsider" in tree  # who adapted
    assert "Mangrove water, not river" in tree  # what they changed
    assert "Lagoons of Lagos town, Nigeria" in tree and "7 learners reached" in tree
    assert 'data-points="spread-points"' in html and 'id="spread-points"' in html
    assert "leaflet.markercluster.js" in html and "js/map.js" in html
    assert "<script>" not in html.replace('<script id="spread-points"', "")
    assert " style=" not in html
    timeline = html[html.index("timeline-heading") :]
    titles = re.findall(r'<a href="/projects/[^"]+/">([^<]+)</a>', timeline)
    runs = Project.objects.filter(pk__in=lineage_below(program))
    started = sorted(runs, key=lambda p: (p.starts_on or p.created_at.date(), p.pk))
    assert titles[: len(started)] == [p.title for p in started]


def test_the_map_has_a_point_for_every_place_of_a_visible_run(program, lineage, curator):
    response = client_for(None).get(f"/projects/{program.slug}/spread/")
    labels = {point["label"] for point in response.context["points"]}
    assert labels == {
        "Rivers as classrooms (Belém)",
        "Rivers of Dakar (Rivers of Dakar town)",
        "Rivers of Thiès (Rivers of Thiès town)",
        "Lagoons of Lagos (Lagoons of Lagos town)",
        "Rivers of Osaka (Rivers of Osaka town)",
    }


def test_the_spread_page_is_only_for_programs_the_viewer_may_see(org_admin, outsider, curator):
    draft = make_project(org_admin, title="Quiet program", status=Status.DRAFT)
    study = make_project(org_admin, title="A study", kind=Kind.STUDY)
    assert client_for(None).get(f"/projects/{draft.slug}/spread/").status_code == 404
    assert client_for(outsider).get(f"/projects/{draft.slug}/spread/").status_code == 404
    assert client_for(org_admin).get(f"/projects/{draft.slug}/spread/").status_code == 200
    assert client_for(curator).get(f"/projects/{draft.slug}/spread/").status_code == 200
    assert client_for(None).get(f"/projects/{study.slug}/spread/").status_code == 404
    assert client_for(None).get("/projects/no-such-program/spread/").status_code == 404
    assert "How far it spread" not in project_html(None, study)


def test_an_old_slug_redirects_to_the_spread_page(program):
    old = program.slug
    program.rename("Rivers that teach")
    program.save()
    response = client_for(None).get(f"/projects/{old}/spread/")
    assert response.status_code == 301
    assert response["Location"] == f"/projects/{program.slug}/spread/"


# Visibility ---------------------------------------------------------------------------------


@pytest.fixture
def draft_replication(program, lineage, member):
    """A replication of Dakar still in draft, owned by `member`, with a big report."""
    draft = replicate(
        lineage["dakar"], member, title="Secret rivers of Rufisque", country="CI",
        status=Status.DRAFT,
    )  # fmt: skip
    report(draft, 5000)
    return draft


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "curator"])
def test_a_draft_replication_is_seen_by_its_team_and_curators_and_never_counted(
    program, lineage, draft_replication, cast, who
):
    viewer = cast[who]
    sees = who in ("member", "curator")
    expected = recount(program)
    assert expected["learners"] == 170 and expected["countries"] == 4
    for page in (spread_html(viewer, program), spread_html(viewer, lineage["dakar"])):
        assert ("Secret rivers of Rufisque" in page) is sees
        assert ("Draft" in page) is sees
        assert "Côte d" not in page.split("lineage-heading")[0]  # not among the countries
    shown = figures(spread_html(viewer, program))
    assert {k: shown[k] for k in expected} == expected
    shown = figures(project_html(viewer, program))
    assert {k: shown[k] for k in expected} == expected
    response = client_for(viewer).get(draft_replication.get_absolute_url())
    assert response.status_code == (200 if sees else 404)
    points = client_for(viewer).get(f"/projects/{program.slug}/spread/").context["points"]
    assert any("Rufisque" in point["label"] for point in points) is sees


def test_a_draft_replication_shows_its_origin_to_its_team(draft_replication, member, lineage):
    html = project_html(member, draft_replication)
    assert "Adapted from" in html and lineage["dakar"].get_absolute_url() in html
    assert "Mia Member" in html  # who adapted it (no organisation)


def test_a_replication_of_a_hidden_program_says_so(org_admin, outsider, curator):
    hidden = make_project(org_admin, title="Hidden origin", status=Status.SUBMITTED)
    public = replicate(hidden, outsider, title="Open copy")
    html = project_html(None, public)
    assert "from a program that is not public" in html and "Hidden origin" not in html
    assert "Olu Outsider" in html
    html = project_html(curator, public)
    assert "Hidden origin" in html and "not public" not in html
    html = project_html(org_admin, public)  # the origin's team sees it
    assert "Hidden origin" in html


def test_the_origin_lists_adaptations_and_the_organisation(program, lineage):
    origin = origin_of(project_html(None, lineage["dakar"]))
    assert "Adapted from" in origin and program.get_absolute_url() in origin
    assert "Lycée Planète" in origin and "/orgs/" in origin
    assert "Investigate" in origin and "Mangrove water, not river" in origin
    assert "Archived" not in origin


def test_a_project_that_is_not_a_replication_has_no_origin(program):
    assert "program-origin" not in project_html(None, program)


# Archiving and deleting ----------------------------------------------------------------------


def test_archiving_the_origin_keeps_the_replications_which_show_it_archived(
    program, lineage, org_admin
):
    program.transition("archive", by=org_admin)
    for replication in lineage.values():
        assert Replication.objects.filter(project=replication).exists()
    origin = origin_of(project_html(None, lineage["dakar"]))
    assert program.get_absolute_url() in origin and "Archived" in origin
    html = spread_html(None, program)
    assert "Archived" in html and figures(html)["runs"] == 5 == recount(program)["runs"]


def test_deleting_a_program_with_replications_archives_it_instead(program, lineage, org_admin):
    client = client_for(org_admin)
    page = client.get(f"/projects/{program.slug}/delete/")
    assert page.status_code == 200
    response = client.post(
        f"/projects/{program.slug}/delete/", {"confirm_title": "Rivers as classrooms"}
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == Status.ARCHIVED
    assert Replication.objects.filter(origin=program).count() == 2
    assert Replication.objects.filter(root=program).count() == 4
    origin = origin_of(project_html(None, lineage["osaka"]))
    assert program.get_absolute_url() in origin and "Archived" in origin
    assert client_for(None).get(program.get_absolute_url()).status_code == 200


def test_a_program_with_replications_cannot_be_deleted_from_the_database(program, lineage):
    with pytest.raises(ProtectedError), transaction.atomic():
        program.delete()
    assert Project.objects.filter(pk=program.pk).exists()


def test_a_replication_without_replications_may_be_deleted(program, lineage, outsider):
    osaka = lineage["osaka"]
    response = client_for(outsider).post(
        f"/projects/{osaka.slug}/delete/", {"confirm_title": osaka.title}
    )
    assert response.status_code == 302
    assert not Project.objects.filter(pk=osaka.pk).exists()
    assert figures(spread_html(None, program))["runs"] == 4 == recount(program)["runs"]


# Cycles ---------------------------------------------------------------------------------------


def test_a_project_cannot_replicate_itself(program):
    with pytest.raises(IntegrityError), transaction.atomic():
        Replication.objects.create(project=program, origin=program, root=program, path="/")


def test_a_replication_has_one_origin_for_good(program, lineage):
    dakar = lineage["dakar"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Replication.objects.create(
            project=dakar, origin=lineage["osaka"], root=program, path=f"/{program.pk}/"
        )
    assert Replication.objects.get(project=dakar).origin == program


def test_replicating_a_replication_makes_a_new_run_below_it(program, lineage, member):
    thies = lineage["thies"]
    made = start_replication(
        thies, by=member, title="Rivers of Kaolack", summary="Again, in Kaolack.",
        place=Place("Kaolack", "SN", 14.15, -16.07), starts_on=date(2026, 1, 5), ends_on=None,
        language="wo", adaptations={"Investigate": "Salt flats"}, today=date(2026, 1, 1),
    )  # fmt: skip
    made.replication.refresh_from_db()
    assert made.pk not in made.replication.ancestor_ids()
    assert made.replication.ancestor_ids() == [program.pk, lineage["dakar"].pk, thies.pk]
    assert made.replication.depth == 3 and made.replication.root == program
    assert made.status == Status.DRAFT
    # Every ancestor is older than its descendants: no path can come back to a run.
    for replication in Replication.objects.all():
        assert all(ancestor < replication.project_id for ancestor in replication.ancestor_ids())
    html = spread_html(member, program)
    assert "Rivers of Kaolack" in html and "Salt flats" in html
    assert "Rivers of Kaolack" not in spread_html(None, program)


# Query counts ------------------------------------------------------------------------------


@pytest.fixture
def trees(org_admin, organisation):
    small = build_tree(3, org_admin, organisation)
    big = build_tree(300, org_admin, organisation)
    depth = Replication.objects.filter(root=big[0]).order_by("-depth").first().depth
    assert len(big) == 300 and depth == 6
    return small, big


def _same_queries(client, small_url, big_url, django_assert_num_queries) -> str:
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(small_url).status_code == 200
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get(big_url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "curator"])
def test_the_spread_page_costs_the_same_for_3_or_300_runs(
    trees, cast, who, django_assert_num_queries
):
    small, big = trees
    client = client_for(cast[who])
    pages = []
    for small_node, big_node in ((small[0], big[0]), (small[1], big[1])):
        html = _same_queries(
            client,
            f"/projects/{small_node.slug}/spread/",
            f"/projects/{big_node.slug}/spread/",
            django_assert_num_queries,
        )
        expected = recount(big_node)
        assert {k: figures(html)[k] for k in expected} == expected
        pages.append(html)
    assert "Run 300-299" in pages[0] and ("Run 300-290" in pages[0]) is (who == "curator")


@pytest.mark.parametrize("who", ["anonymous", "org_admin"])
def test_the_program_page_costs_the_same_for_3_or_300_runs(
    trees, cast, who, django_assert_num_queries
):
    small, big = trees
    client = client_for(cast[who])
    for small_node, big_node in ((small[0], big[0]), (small[1], big[1])):
        html = _same_queries(
            client, small_node.get_absolute_url(), big_node.get_absolute_url(),
            django_assert_num_queries,
        )  # fmt: skip
        expected = recount(big_node)
        assert {k: figures(html)[k] for k in expected} == expected


def test_a_deep_lineage_renders_as_balanced_nested_lists(trees):
    _small, big = trees
    html = spread_html(None, big[0])
    tree = html[html.index('<ul class="lineage">') : html.index("timeline-heading")]
    assert tree.count('class="lineage-run"') == recount(big[0])["runs"]
    assert tree.count("<li") == tree.count("</li>")
    assert tree.count("<ul") == tree.count("</ul>")
    deepest = tree.index("Run 300-299")
    assert tree[:deepest].count("<ul") - tree[:deepest].count("</ul>") == 7


def test_an_organisation_credited_on_the_page_is_the_replications(org_admin):
    other = make_organisation("Escola Rio", country="BR")
    root = make_project(org_admin, title="Root program")
    child = replicate(root, org_admin, title="Child run")
    Replication.objects.filter(project=child).update(organisation=other)
    assert "Escola Rio" in project_html(None, child)

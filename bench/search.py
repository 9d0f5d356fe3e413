"""Benchmark of the search: full-text index with facets against a naive icontains filter.

Not a test. It builds its own throwaway database (a temporary SQLite file, or the
PostgreSQL database `bench_search` on the server of DATABASE_URL), generates N projects
with bulk inserts (the demo generator: same text every time), builds the index, then times
the work of one results page: count, first page of 20 and seven facet counts, for a set of
queries with facets. The naive side does the same with `icontains` on title, summary and
description and GROUP BY counts over the filtered projects.

    .venv/bin/python bench/search.py --projects 10000
    DATABASE_URL=postgres://postgres@127.0.0.1/x .venv/bin/python bench/search.py --projects 100000

With --reuse the database is kept under a fixed name (bench-search-N.sqlite3 in the temporary
folder, or bench_search_N) and used again by the next --reuse run with the same N: projects
and index are generated only when missing; --reindex rebuilds the index (needed after any
change to what the index stores).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("water", {"goal": "6"}),
    ("garden", {"kind": "program"}),
    ("solar", {"country": "KE"}),
    ("ocean guardians", {}),
    ("climate", {"stage": "running", "kind": "initiative"}),
    ("repair", {"language": "en"}),
    ("bee", {"goal": "15", "type": "project"}),
    ("clim", {"organisation_kind": "ngo"}),
    ("reading buddies", {"goal": "4", "stage": "idea"}),
    ("mangrove nursery", {"country": "BR"}),
]


def bench_database(reuse_count: int | None = None) -> str:
    """A new empty database; or, given `reuse_count`, the kept one for that many projects."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = f"bench_search_{reuse_count}" if reuse_count else "bench_search"
        parts = urlsplit(url)
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not (reuse_count and exists.fetchone()):
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
                conn.execute(f"CREATE DATABASE {name}")
        return urlunsplit(parts._replace(path=f"/{name}"))
    if reuse_count:
        return f"sqlite:///{tempfile.gettempdir()}/bench-search-{reuse_count}.sqlite3"
    folder = tempfile.mkdtemp(prefix="bench-search-")
    return f"sqlite:///{folder}/bench.sqlite3"


def progress(label: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    bar = "#" * filled + "-" * (width - filled)
    end = "\n" if done >= total else "\r"
    print(f"  {label:<14} [{bar}] {100 * done // max(total, 1):3}% ({done}/{total})", end=end)


def generate(count: int) -> None:
    from django.db import transaction

    from planet.accounts.models import User
    from planet.core.demo_projects import ProjectLoader, generate_projects
    from planet.orgs.models import Organisation, OrganisationKind
    from planet.sdgs.models import Target

    people = {}
    for i in range(30):
        email = f"bench{i}@example.org"
        people[email] = User.objects.create_user(email=email, password=None)
    kinds = OrganisationKind.values
    organisations = {
        f"Bench organisation {i}": Organisation.objects.create(
            name=f"Bench organisation {i}", kind=kinds[i % len(kinds)], country="FR"
        )
        for i in range(40)
    }
    loader = ProjectLoader(people, organisations, Target.objects.values_list("code", "goal"))
    specs = generate_projects(
        count, people=sorted(people), organisations=sorted(organisations),
        targets=loader.targets_by_goal,
    )  # fmt: skip
    chunk = 5000
    for start in range(0, len(specs), chunk):
        with transaction.atomic():
            loader.load(specs[start : start + chunk])
        progress("projects", min(start + chunk, count), count)


def settle(connection) -> None:
    """Have PostgreSQL write out what generating and indexing left in memory now, rather
    than during the timed runs (it needs a superuser; skipped otherwise)."""
    if connection.vendor != "postgresql":
        return
    from django.db import DatabaseError

    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError:
        print("  (no CHECKPOINT: not a superuser)")


def naive(user, term: str, values: dict):
    """The same page without the index: icontains, EXISTS filters, GROUP BY counts."""
    from django.db.models import Count, Q

    from planet.projects.filters import filter_projects
    from planet.projects.models import Project, ProjectLanguage, ProjectLocation

    if values.get("type") not in (None, "project"):
        return 0, []
    filters = {k: v for k, v in values.items() if k != "type"}
    text = Q()
    for word in term.split():
        text &= (
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
        )
    base = Project.objects.visible_to(user).public().filter(text)
    matched = filter_projects(base, {**filters, "archived": True})
    total = matched.count()
    page = list(matched.order_by("-published_at")[:20])
    ids = matched.values("pk")
    for name in ("kind", "stage"):
        list(matched.values(name).annotate(n=Count("pk")).order_by())
    list(
        Project.goals.through.objects.filter(project__in=ids)
        .values("goal")
        .annotate(n=Count("pk"))
        .order_by()
    )  # noqa: E501
    list(
        ProjectLocation.objects.filter(project__in=ids)
        .values("country")
        .annotate(n=Count("pk"))
        .order_by()
    )  # noqa: E501
    list(
        ProjectLanguage.objects.filter(project__in=ids)
        .values("code")
        .annotate(n=Count("pk"))
        .order_by()
    )  # noqa: E501
    list(
        Project.organisations.through.objects.filter(project__in=ids)
        .values("organisation__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )  # noqa: E501
    return total, page


def indexed(user, term: str, values: dict):
    from planet.search import results
    from planet.search.text import Query

    found = results.search(user, Query.parse(term), values)
    return found.page.paginator.count, list(found.page.object_list)


def timed(function, user, runs: int) -> list[float]:
    rng = random.Random(7)
    for term, values in QUERIES:  # warm up caches and plans
        function(user, term, values)
    times = []
    for _ in range(runs):
        term, values = rng.choice(QUERIES)
        started = time.perf_counter()
        function(user, term, values)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentiles(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=100)
    return statistics.median(times), cuts[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--naive-runs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="keep the database for next time")
    parser.add_argument("--reindex", action="store_true", help="rebuild a reused index")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = bench_database(args.projects if args.reuse else None)
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECURE_HTTPS", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planet.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection

    from planet.projects.models import Project
    from planet.search import engine, indexing
    from planet.search.models import SearchDocument

    print(f"Engine: {connection.vendor}, database {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    existing = Project.objects.count()
    if existing not in (0, args.projects):
        sys.exit(f"The kept database holds {existing} projects, not {args.projects}: drop it.")
    if not existing:
        started = time.perf_counter()
        generate(args.projects)
        print(f"Generated {args.projects} projects in {time.perf_counter() - started:.1f} s")
    if args.reindex or not SearchDocument.objects.filter(type="project").exists():
        started = time.perf_counter()
        written = indexing.rebuild(progress=progress)
        print(f"Indexed {written} documents in {time.perf_counter() - started:.1f} s")
    else:
        engine.current().optimize()  # as after a rebuild, whatever migrations just did
    settle(connection)

    user = AnonymousUser()
    for term, values in QUERIES[:3]:
        print(f"  {term!r} {values}: {indexed(user, term, values)[0]} results "
              f"(naive: {naive(user, term, values)[0]})")  # fmt: skip
    fast = timed(indexed, user, args.runs)
    slow = timed(naive, user, args.naive_runs)
    (fast50, fast95), (slow50, slow95) = percentiles(fast), percentiles(slow)
    print(f"Search with facets (count + page + 7 facet counts), {args.runs} runs:")
    print(f"  index : p50 {fast50:7.1f} ms   p95 {fast95:7.1f} ms")
    print(f"  naive : p50 {slow50:7.1f} ms   p95 {slow95:7.1f} ms   ({args.naive_runs} runs)")
    print(f"  speed-up: p50 {slow50 / fast50:.0f}x, p95 {slow95 / fast95:.0f}x")


if __name__ == "__main__":
    main()

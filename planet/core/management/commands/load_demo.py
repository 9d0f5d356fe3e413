"""Fill an empty database with a small, believable community to explore the platform.

People, organisations (a dozen of them partners), innovators, the four projects the
alliance first curated and a few hundred generated projects (the same ones every time:
the generator has a fixed seed), programs, and two challenges: a writing contest with its
published results and an open call for projects, two editions of the Festival of
Learning (one past, one upcoming) with local events across the world, stories and news, the
Open Campus (resources with uses and reviews, learning opportunities on the map) and two
youth consultations (one closed with its answers and summary, one open). Safe to run again:
existing demo rows are left as they are and nothing is created twice. Refuses to run with
DEBUG off unless --force is given, so that a production database never gets demo users.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from planet.accounts.models import User, Visibility
from planet.core import demo_data
from planet.core.demo_campus import load_campus
from planet.core.demo_challenges import WRITERS, load_challenges
from planet.core.demo_consultations import load_consultations
from planet.core.demo_events import load_events
from planet.core.demo_programs import load_programs
from planet.core.demo_projects import GENERATED_PROJECTS, ProjectLoader, generate_projects
from planet.core.demo_stories import load_stories
from planet.innovators.models import Innovator
from planet.orgs.models import Membership, Organisation, Role
from planet.sdgs.models import Goal, Target

DEMO_PASSWORD = "planet-demo-2027"

PEOPLE = [
    # email, display name, country, city, languages, skills, SDGs, bio, role
    (
        "admin@demo.learningplanet.local",
        "Amara Diallo",
        "SN",
        "Dakar",
        ["fr", "en", "wo"],
        ["platform stewardship", "community building"],
        [4, 17],
        "Keeps the platform running and welcomes new members.",
        "admin",
    ),
    (
        "curator@demo.learningplanet.local",
        "Lucía Fernández",
        "AR",
        "Córdoba",
        ["es", "en", "pt"],
        ["curriculum design", "evaluation"],
        [4, 5, 10],
        "Former teacher trainer; reviews programs before they are published.",
        "curator",
    ),
    (
        "teacher@demo.learningplanet.local",
        "Kenji Watanabe",
        "JP",
        "Sendai",
        ["ja", "en"],
        ["project-based learning", "disaster risk education"],
        [4, 11, 13],
        "Secondary-school science teacher running climate projects with his classes.",
        "member",
    ),
    (
        "learner@demo.learningplanet.local",
        "Zanele Mokoena",
        "ZA",
        "Durban",
        ["en", "zu"],
        ["youth organising", "video"],
        [6, 13, 14],
        "Student and youth climate organiser; loves ocean clean-up challenges.",
        "member",
    ),
    (
        "organiser@demo.learningplanet.local",
        "Élise Martin",
        "FR",
        "Lyon",
        ["fr", "en"],
        ["third places", "facilitation"],
        [4, 11, 12],
        "Runs a neighbourhood third place where families learn by making.",
        "member",
    ),
    (
        "researcher@demo.learningplanet.local",
        "Omar Haddad",
        "JO",
        "Amman",
        ["ar", "en"],
        ["learning analytics", "open data"],
        [4, 16, 17],
        "Education researcher studying how pedagogies travel between cities.",
        "member",
    ),
]

ORGANISATIONS = [
    # name, kind, country, website, description, {member email: role}
    (
        "Escola Horizonte Verde",
        "school",
        "BR",
        "https://horizonte-verde.example.org",
        "A public primary school in Belém where every class adopts a stretch of river bank.",
        {"teacher@demo.learningplanet.local": Role.EDITOR},
    ),
    (
        "Sendai Coastal High School",
        "school",
        "JP",
        "https://sendai-coastal.example.org",
        "Students map disaster risks with their neighbourhoods and design evacuation drills.",
        {"teacher@demo.learningplanet.local": Role.ADMIN},
    ),
    (
        "Université Ouverte du Sahel",
        "university",
        "SN",
        "https://uos.example.org",
        "An open university offering community-based courses on water and agriculture.",
        {"admin@demo.learningplanet.local": Role.ADMIN},
    ),
    (
        "Durban Youth for Oceans",
        "youth_movement",
        "ZA",
        "",
        "Young people organising beach clean-ups, citizen science and local advocacy.",
        {"learner@demo.learningplanet.local": Role.ADMIN},
    ),
    (
        "La Fabrique du Quartier",
        "third_place",
        "FR",
        "https://fabrique-quartier.example.org",
        "A neighbourhood maker space where families learn repair, reuse and low-tech design.",
        {"organiser@demo.learningplanet.local": Role.ADMIN},
    ),
    (
        "Amman Learning City Network",
        "learning_city",
        "JO",
        "https://learning-city.example.org",
        "A city-wide network connecting libraries, schools and youth centres.",
        {
            "researcher@demo.learningplanet.local": Role.ADMIN,
            "curator@demo.learningplanet.local": Role.MEMBER,
        },
    ),
    (
        "Open Pedagogy Lab",
        "ngo",
        "AR",
        "https://openpedagogy.example.org",
        "An NGO that documents challenge-based learning programs so others can adapt them.",
        {"curator@demo.learningplanet.local": Role.ADMIN},
    ),
]


class Command(BaseCommand):
    help = "Load demo people, organisations, innovators, projects and programs (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument(
            "--projects",
            type=int,
            default=GENERATED_PROJECTS,
            help=f"How many projects to generate (default {GENERATED_PROJECTS}).",
        )

    def handle(self, *args, force=False, projects=GENERATED_PROJECTS, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to load demo users with DEBUG off (use --force).")
        with transaction.atomic():
            rows = PEOPLE + demo_data.MORE_PEOPLE
            people = {row[0]: self._person(*row) for row in rows}
            for row in ORGANISATIONS + demo_data.MORE_ORGANISATIONS:
                self._organisation(people, *row)
            self._innovators(people)
            organisations = {o.name: o for o in Organisation.objects.filter(name__in=ALL_NAMES)}
            loader = ProjectLoader(
                people, organisations, Target.objects.values_list("code", "goal")
            )
            created = loader.load(demo_data.FOUNDING_PROJECTS, featured=True)
            self.stdout.write(f"Founding projects: {created} created.")
            self.stdout.write(f"Generating {projects} projects:")
            specs = generate_projects(
                projects, people=sorted(people), organisations=sorted(organisations),
                targets=loader.targets_by_goal,
            )  # fmt: skip
            created = loader.load(specs, progress=self._progress)
            self.stdout.write(f"Generated projects: {created} created.")
            created = load_programs(people, organisations, today=timezone.localdate())
            self.stdout.write(f"Programs and their replications: {created} created.")
            writers = {row[0]: self._person(*row) for row in WRITERS}
            created = load_challenges(people | writers, organisations, today=timezone.localdate())
            self.stdout.write(f"Challenges and contests: {created} created.")
            created = load_events(people | writers, organisations, today=timezone.localdate())
            self.stdout.write(f"Festival editions and events: {created} created.")
            created = load_stories(people | writers, today=timezone.localdate())
            self.stdout.write(f"Stories: {created} created.")
            created = load_campus(people | writers, organisations, today=timezone.localdate())
            self.stdout.write(f"Open Campus resources and opportunities: {created} created.")
            created = load_consultations(
                people | writers, organisations, today=timezone.localdate()
            )
            self.stdout.write(f"Youth consultations: {created} created.")
        # Bulk inserts bypass the search index's signals: rebuild it once at the end.
        call_command("reindex", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready. Sign in as any of {', '.join(people)} "
                f"with the password {DEMO_PASSWORD!r}."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        percent = 100 * done // total if total else 100
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"  [{bar}] {percent:3}% ({done}/{total})")

    def _person(self, email, name, country, city, languages, skills, sdgs, bio, role):
        user = User.objects.filter(email=email).first()
        if user:
            return user
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            site_role=User.SiteRole.CURATOR if role == "curator" else User.SiteRole.MEMBER,
            is_staff=role in ("curator", "admin"),
            is_superuser=role == "admin",
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        profile = user.profile
        profile.display_name = name
        profile.handle = ""
        profile.country, profile.city = country, city
        profile.languages, profile.skills, profile.bio = languages, skills, bio
        profile.location_visibility = Visibility.PUBLIC
        profile.save()
        profile.sdgs.set(Goal.objects.filter(number__in=sdgs))
        return user

    def _organisation(self, people, name, kind, country, website, description, roles):
        if Organisation.objects.filter(name=name).exists():
            return
        organisation = Organisation.objects.create(
            name=name,
            kind=kind,
            country=country,
            website=website,
            description=description,
            is_partner=name in demo_data.PARTNERS,
            created_by=people[next(iter(roles))],
        )
        Membership.objects.bulk_create(
            Membership(organisation=organisation, user=people[email], role=role)
            for email, role in roles.items()
        )

    def _innovators(self, people):
        curator = people["curator@demo.learningplanet.local"]
        for position, (email, quote) in enumerate(demo_data.INNOVATORS):
            Innovator.objects.get_or_create(
                user=people[email],
                defaults={"quote": quote, "position": position, "featured_by": curator},
            )


ALL_NAMES = [row[0] for row in ORGANISATIONS + demo_data.MORE_ORGANISATIONS]

"""Demo programs that scale: three programs with their pedagogy, lineages of replications
two or three generations deep across several countries and languages (a few still in draft),
and impact reports, some verified, with indicators.

Every text here is written for this demo. Loading is idempotent: a program is found by its
title, a replication by its origin and title, and only what is missing is created (with its
reports). Replications are made with `start_replication`, as a member would.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from planet.programs.models import (
    ImpactReport,
    Indicator,
    Licence,
    Pedagogy,
    Phase,
    Replication,
)
from planet.programs.replicate import Place, start_replication
from planet.projects.models import (
    Kind,
    Project,
    ProjectLanguage,
    ProjectLocation,
    ProjectMember,
    Stage,
    Status,
    TeamRole,
)
from planet.sdgs.models import Target

CURATOR = "curator@demo.learningplanet.local"


def _report(start, end, learners, sessions, outcomes, *, verified=False, indicators=()):
    """learners: {"primary": 120, ...} by age band (learners_<band> fields)."""
    return {
        "period": (start, end),
        "learners": learners,
        "sessions": sessions,
        "outcomes": outcomes,
        "verified": verified,
        "indicators": list(indicators),
    }


RIVERS = {
    "title": "River Watch Classrooms",
    "summary": "Each class adopts a stretch of river, measures its health all year and "
    "reports what it finds to the neighbourhood.",
    "description": (
        "## Why a river\n\n"
        "A river runs past most schools, yet few pupils know whether it is healthy. In "
        "**River Watch Classrooms** every class adopts a hundred metres of bank and becomes "
        "its keeper for a school year.\n\n"
        "## What learners do\n\n"
        "- They take simple readings every two weeks and log them in an open sheet.\n"
        "- They look for where pollution comes from, with neighbours and local scientists.\n"
        "- They present their findings to the people who can act on them.\n\n"
        "The method needs no laboratory: test strips, a thermometer and a clear jar."
    ),
    "owner": "teacher@demo.learningplanet.local",
    "organisation": "Escola Horizonte Verde",
    "place": ("Belém", "BR", -1.4558, -48.4902),
    "languages": ["pt", "en"],
    "targets": ["4.7", "6.3", "6.6"],
    "age_groups": ["primary", "secondary"],
    "starts_on": date(2021, 3, 1),
    "pedagogy": {
        "challenge": "Rivers near schools are polluted and nobody measures them.",
        "learning_outcomes": "Learners plan and carry out repeated measurements, read data "
        "critically, explain a local water problem and present evidence to decision-makers.",
        "duration_weeks": 16,
        "ages": (9, 15),
        "group": (12, 30),
        "licence": Licence.CC_BY_SA,
        "phases": [
            (
                "Adopt a stretch",
                "The class meets its river.",
                [
                    "Walk the bank with a local guide",
                    "Choose and mark the hundred metres to adopt",
                    "Draw a first map of what you see",
                ],
                "4",
            ),
            (
                "Measure",
                "Readings every two weeks, whatever the weather.",
                [
                    "Test temperature, turbidity and pH",
                    "Count the small creatures living under stones",
                    "Log every reading in the shared sheet",
                ],
                "12",
            ),
            (
                "Investigate",
                "From numbers to causes.",
                [
                    "Compare readings upstream and downstream",
                    "Interview neighbours who remember the river",
                    "Find out where the pollution comes from",
                ],
                "8",
            ),
            (
                "Act and report",
                "Findings go back to the neighbourhood.",
                [
                    "Present the findings to the neighbourhood council",
                    "Publish the data under an open licence",
                    "Plan one clean-up or planting action",
                ],
                "6",
            ),
        ],
    },
    "reports": [
        _report(
            date(2023, 2, 1),
            date(2023, 11, 30),
            {"primary": 180, "secondary": 60},
            40,
            "Every class kept its stretch for the whole year; two illegal outlets were "
            "reported to the city and one was closed.",
            verified=True,
            indicators=[("Water samples analysed", 420, "samples"), ("Bank cleaned", 1.2, "km")],
        ),
        _report(
            date(2024, 2, 1),
            date(2024, 11, 30),
            {"primary": 210, "secondary": 75},
            44,
            "A second school in the neighbourhood joined; readings now cover two kilometres.",
            indicators=[("Water samples analysed", 515, "samples")],
        ),
    ],
    "replications": [
        {
            "title": "River Watch Saint-Louis",
            "summary": "Students of the open university run River Watch where the Senegal "
            "river meets the ocean.",
            "by": "admin@demo.learningplanet.local",
            "organisation": "Université Ouverte du Sahel",
            "place": ("Saint-Louis", "SN", 16.0179, -16.4896),
            "languages": ["fr", "wo"],
            "starts_on": date(2022, 10, 3),
            "adaptations": {
                "Measure": "Salinity added to the tests: fresh and salt water mix here.",
                "Act and report": "Findings presented on community radio in French and Wolof.",
            },
            "reports": [
                _report(
                    date(2022, 10, 3),
                    date(2023, 6, 30),
                    {"secondary": 90, "youth": 40},
                    28,
                    "Salinity maps shared with the fishing cooperative.",
                    verified=True,
                    indicators=[("Salinity readings", 260, "readings")],
                ),
            ],
            "replications": [
                {
                    "title": "River Watch Ouagadougou",
                    "summary": "Primary classes watch the reservoirs that supply their city.",
                    "by": "admin@demo.learningplanet.local",
                    "place": ("Ouagadougou", "BF", 12.3714, -1.5197),
                    "languages": ["fr"],
                    "starts_on": date(2023, 11, 6),
                    "adaptations": {
                        "Adopt a stretch": "Reservoirs instead of a river bank, visited in "
                        "the rainy season.",
                    },
                    "reports": [
                        _report(
                            date(2023, 11, 6),
                            date(2024, 6, 28),
                            {"primary": 140},
                            22,
                            "Three reservoirs monitored; the readings went to the water board.",
                            indicators=[("Reservoirs monitored", 3, "reservoirs")],
                        ),
                    ],
                    "replications": [
                        {
                            "title": "River Watch Niamey",
                            "summary": "Readings on the Niger river, sent by text message.",
                            "by": "admin@demo.learningplanet.local",
                            "place": ("Niamey", "NE", 13.5116, 2.1254),
                            "languages": ["fr"],
                            "starts_on": date(2025, 2, 3),
                            "status": Status.DRAFT,
                            "adaptations": {
                                "Measure": "Readings taken with a phone and sent by text message.",
                            },
                            "reports": [
                                _report(
                                    date(2025, 2, 3),
                                    date(2025, 5, 30),
                                    {"primary": 50},
                                    8,
                                    "A first term, still to be published.",
                                ),
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "title": "River Watch Sendai",
            "summary": "High-school students follow the health of an estuary rebuilt after "
            "the tsunami.",
            "by": "teacher@demo.learningplanet.local",
            "organisation": "Sendai Coastal High School",
            "place": ("Sendai", "JP", 38.2682, 140.8694),
            "languages": ["ja"],
            "starts_on": date(2022, 4, 11),
            "adaptations": {
                "Investigate": "Readings linked to how the estuary recovered since 2011.",
            },
            "reports": [
                _report(
                    date(2022, 4, 11),
                    date(2023, 3, 17),
                    {"secondary": 120},
                    30,
                    "Students mapped twelve sampling points and presented them at the city "
                    "science fair.",
                    verified=True,
                    indicators=[("Estuary sampling points", 12, "points")],
                ),
            ],
            "replications": [
                {
                    "title": "River Watch Durban",
                    "summary": "Young people watch the Umgeni river and clean it after each "
                    "reading.",
                    "by": "learner@demo.learningplanet.local",
                    "organisation": "Durban Youth for Oceans",
                    "place": ("Durban", "ZA", -29.8587, 31.0218),
                    "languages": ["en", "zu"],
                    "starts_on": date(2023, 8, 1),
                    "adaptations": {
                        "Act and report": "A youth-led clean-up day after each reading, with "
                        "results posted online.",
                    },
                    "reports": [
                        _report(
                            date(2023, 8, 1),
                            date(2024, 7, 31),
                            {"youth": 85, "secondary": 60},
                            24,
                            "Litter at the river mouth halved over the year.",
                            indicators=[("Litter collected", 640, "kg")],
                        ),
                    ],
                },
            ],
        },
    ],
}

GARDENS = {
    "title": "Rooftop Garden Kitchens",
    "summary": "Pupils grow vegetables on their school roof and cook them with their "
    "families once a month.",
    "description": (
        "## Food you grew yourself\n\n"
        "Cities have little ground but plenty of roofs. In **Rooftop Garden Kitchens** a "
        "class turns its school roof into a garden, keeps a growing diary and cooks what it "
        "harvests with families.\n\n"
        "## What learners gain\n\n"
        "- Science on their doorstep: light, water, soil and seasons.\n"
        "- Maths in the weighing and the budget.\n"
        "- Recipes and stories collected from grandparents."
    ),
    "owner": "researcher@demo.learningplanet.local",
    "organisation": "Amman Learning City Network",
    "place": ("Amman", "JO", 31.9539, 35.9106),
    "languages": ["ar", "en"],
    "targets": ["2.4", "4.7", "12.3"],
    "age_groups": ["primary"],
    "starts_on": date(2021, 9, 5),
    "pedagogy": {
        "challenge": "Children in dense cities rarely see how food is grown.",
        "learning_outcomes": "Learners plan a garden for their climate, keep records, "
        "reduce food waste and share a meal they grew.",
        "duration_weeks": 24,
        "ages": (8, 14),
        "group": (10, 25),
        "licence": Licence.CC_BY,
        "phases": [
            (
                "Plan the garden",
                "Sun, water and what to grow.",
                [
                    "Measure sun and shade on the roof",
                    "Choose crops that suit the season",
                    "Build containers from reused crates",
                ],
                "6",
            ),
            (
                "Grow",
                "Care for the garden on a shared rota.",
                [
                    "Sow and water on a rota",
                    "Keep a growing diary with photos",
                    "Compost the kitchen's peelings",
                ],
                "20",
            ),
            (
                "Cook and share",
                "A meal a month with families.",
                [
                    "Cook one meal a month with families",
                    "Weigh what the garden produced",
                    "Write down recipes from grandparents",
                ],
                "10",
            ),
            (
                "Pass it on",
                "The next class takes over.",
                [
                    "Teach the next class to run the garden",
                    "Share seeds with another school",
                ],
                "4",
            ),
        ],
    },
    "reports": [
        _report(
            date(2022, 9, 4),
            date(2023, 6, 15),
            {"primary": 150, "adults": 40},
            36,
            "Six schools grew food on their roofs; families joined nine shared meals.",
            verified=True,
            indicators=[("Vegetables harvested", 310, "kg"), ("Family meals cooked", 18, "meals")],
        ),
        _report(
            date(2023, 9, 3),
            date(2024, 6, 13),
            {"primary": 170, "adults": 55},
            38,
            "A seed exchange between the schools started.",
        ),
    ],
    "replications": [
        {
            "title": "Rooftop Gardens Beirut",
            "summary": "Balconies and roofs of Beirut schools turned into small gardens.",
            "by": "researcher@demo.learningplanet.local",
            "place": ("Beirut", "LB", 33.8938, 35.5018),
            "languages": ["ar"],
            "starts_on": date(2023, 3, 6),
            "adaptations": {
                "Plan the garden": "Smaller plots on balconies where roofs cannot be reached.",
            },
            "reports": [
                _report(
                    date(2023, 3, 6),
                    date(2024, 1, 31),
                    {"primary": 90},
                    20,
                    "Four schools took part despite repeated closures.",
                    verified=True,
                    indicators=[("Vegetables harvested", 95, "kg")],
                ),
            ],
            "replications": [
                {
                    "title": "Balcony Gardens Tunis",
                    "summary": "Families and pupils grow herbs and vegetables on their balconies.",
                    "by": "researcher@demo.learningplanet.local",
                    "place": ("Tunis", "TN", 36.8065, 10.1815),
                    "languages": ["ar", "fr"],
                    "starts_on": date(2024, 2, 5),
                    "adaptations": {
                        "Cook and share": "Meals baked in the neighbourhood's shared oven.",
                    },
                    "reports": [
                        _report(
                            date(2024, 2, 5),
                            date(2024, 12, 20),
                            {"primary": 60, "youth": 20},
                            18,
                            "Thirty-five balconies planted in one neighbourhood.",
                            indicators=[("Balconies planted", 35, "balconies")],
                        ),
                    ],
                    "replications": [
                        {
                            "title": "Courtyard Gardens Marseille",
                            "summary": "A courtyard shared by three buildings becomes the "
                            "school's garden.",
                            "by": "organiser@demo.learningplanet.local",
                            "organisation": "La Fabrique du Quartier",
                            "place": ("Marseille", "FR", 43.2965, 5.3698),
                            "languages": ["fr", "ar"],
                            "starts_on": date(2024, 9, 2),
                            "adaptations": {
                                "Grow": "A shared courtyard instead of a roof, with the "
                                "neighbours' agreement.",
                            },
                            "reports": [
                                _report(
                                    date(2024, 9, 2),
                                    date(2025, 1, 31),
                                    {"primary": 45, "adults": 30},
                                    14,
                                    "Neighbours now water the courtyard in the holidays.",
                                    verified=True,
                                    indicators=[("Households taking part", 22, "households")],
                                ),
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "title": "Garden Kitchens Bishkek",
            "summary": "A greenhouse from recycled windows for a short growing season.",
            "by": "aigerim@demo.learningplanet.local",
            "organisation": "Bishkek Lifelong Learning Network",
            "place": ("Bishkek", "KG", 42.8746, 74.5698),
            "languages": ["ky", "ru"],
            "starts_on": date(2025, 4, 7),
            "status": Status.DRAFT,
            "adaptations": {
                "Grow": "A greenhouse built from recycled windows for the short season.",
            },
        },
    ],
}

REPAIR = {
    "title": "Repair Café Physics",
    "summary": "Learners bring broken objects, find the physics behind the fault and repair "
    "them with volunteer repairers.",
    "description": (
        "## Physics you can hold\n\n"
        "A broken toaster holds a lesson on resistance; a bicycle, one on forces. In "
        "**Repair Café Physics** learners diagnose real objects with volunteer repairers and "
        "explain what went wrong.\n\n"
        "## How it runs\n\n"
        "- One afternoon a week in a maker space or a school workshop.\n"
        "- Every repair is logged, with the physics that explains it.\n"
        "- Learners who master a repair teach it to the next group."
    ),
    "owner": "organiser@demo.learningplanet.local",
    "organisation": "La Fabrique du Quartier",
    "place": ("Lyon", "FR", 45.7640, 4.8357),
    "languages": ["fr", "en"],
    "targets": ["4.4", "12.5", "12.8"],
    "age_groups": ["secondary", "adults"],
    "starts_on": date(2021, 1, 11),
    "pedagogy": {
        "challenge": "Repairable objects are thrown away and physics feels abstract.",
        "learning_outcomes": "Learners diagnose faults safely, explain them with basic "
        "physics, repair or reuse parts and teach a repair to others.",
        "duration_weeks": 10,
        "ages": (12, 80),
        "group": (6, 20),
        "licence": Licence.CC_BY_NC_SA,
        "phases": [
            (
                "Bring something broken",
                "Every learner brings an object from home.",
                [
                    "Bring a broken object from home",
                    "Describe what it should do and what it does",
                ],
                "2",
            ),
            (
                "Diagnose",
                "Open it safely and find the fault.",
                [
                    "Open it with a volunteer repairer",
                    "Measure voltage and continuity",
                    "Name the physics behind the fault",
                ],
                "6",
            ),
            (
                "Repair or reuse",
                "Fix it, or keep its parts.",
                [
                    "Fix it, or harvest its parts",
                    "Log the repair in the café's register",
                ],
                "8",
            ),
            (
                "Teach back",
                "Learners become repairers.",
                [
                    "Explain the repair to a younger learner",
                    "Add a page to the repair guide",
                ],
                "3",
            ),
        ],
    },
    "reports": [
        _report(
            date(2023, 1, 9),
            date(2023, 12, 15),
            {"secondary": 110, "adults": 70},
            42,
            "More than three hundred objects went home working instead of to the bin.",
            verified=True,
            indicators=[("Objects repaired", 312, "objects"), ("Waste avoided", 540, "kg")],
        ),
        _report(
            date(2024, 1, 8),
            date(2024, 12, 13),
            {"secondary": 95, "adults": 80},
            40,
            "A repair guide written by learners is now used by two other maker spaces.",
            indicators=[("Objects repaired", 287, "objects")],
        ),
    ],
    "replications": [
        {
            "title": "Repair Café Kaunas",
            "summary": "Bicycles and e-scooters join the repair café of Kaunas.",
            "by": "tomas@demo.learningplanet.local",
            "organisation": "Kaunas Learning City",
            "place": ("Kaunas", "LT", 54.8985, 23.9036),
            "languages": ["lt"],
            "starts_on": date(2022, 9, 5),
            "adaptations": {
                "Diagnose": "Bicycles and e-scooters added, with a local bike workshop.",
            },
            "reports": [
                _report(
                    date(2022, 9, 5),
                    date(2023, 6, 16),
                    {"secondary": 70, "youth": 35},
                    30,
                    "Forty-eight bicycles back on the road.",
                    verified=True,
                    indicators=[("Bicycles repaired", 48, "bicycles")],
                ),
            ],
            "replications": [
                {
                    "title": "Repair Café Riga",
                    "summary": "Repair skills recognised with open badges.",
                    "by": "tomas@demo.learningplanet.local",
                    "organisation": "Badgecraft",
                    "place": ("Riga", "LV", 56.9496, 24.1052),
                    "languages": ["lv", "en"],
                    "starts_on": date(2023, 10, 2),
                    "adaptations": {
                        "Teach back": "Learners earn an open badge for each repair skill they "
                        "can teach.",
                    },
                    "reports": [
                        _report(
                            date(2023, 10, 2),
                            date(2024, 5, 31),
                            {"youth": 60},
                            16,
                            "Ninety badges issued for repair skills.",
                            indicators=[("Badges issued", 90, "badges")],
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Repair Café Nairobi",
            "summary": "Phones and solar lamps first: what people most need fixed.",
            "by": "learner@demo.learningplanet.local",
            "organisation": "Rising Voices Collective",
            "place": ("Nairobi", "KE", -1.2921, 36.8219),
            "languages": ["sw", "en"],
            "starts_on": date(2023, 5, 8),
            "adaptations": {
                "Bring something broken": "Mobile phones and solar lamps first.",
            },
            "reports": [
                _report(
                    date(2023, 5, 8),
                    date(2024, 4, 26),
                    {"youth": 150, "adults": 60},
                    48,
                    "Young repairers now run two stalls at the market.",
                    verified=True,
                    indicators=[("Phones repaired", 410, "phones")],
                ),
            ],
            "replications": [
                {
                    "title": "Repair Café Kampala",
                    "summary": "Parts harvested from e-waste fund the café.",
                    "by": "learner@demo.learningplanet.local",
                    "place": ("Kampala", "UG", 0.3476, 32.5825),
                    "languages": ["en"],
                    "starts_on": date(2024, 3, 4),
                    "adaptations": {
                        "Repair or reuse": "Parts harvested from e-waste are sold to fund "
                        "the café.",
                    },
                    "reports": [
                        _report(
                            date(2024, 3, 4),
                            date(2024, 11, 29),
                            {"youth": 70},
                            20,
                            "The café paid for its own tools within six months.",
                            indicators=[("E-waste sorted", 1.8, "tonnes")],
                        ),
                    ],
                    "replications": [
                        {
                            "title": "Repair Café Kigali",
                            "summary": "Sessions in Kinyarwanda with a picture guide.",
                            "by": "learner@demo.learningplanet.local",
                            "place": ("Kigali", "RW", -1.9441, 30.0619),
                            "languages": ["rw", "en"],
                            "starts_on": date(2025, 5, 5),
                            "status": Status.DRAFT,
                            "adaptations": {
                                "Teach back": "A printed picture guide in Kinyarwanda.",
                            },
                        },
                    ],
                },
            ],
        },
    ],
}

PROGRAMS = [RIVERS, GARDENS, REPAIR]


def _moment(day: date) -> datetime:
    """When a run was published: two weeks before it began, at nine in the morning."""
    return timezone.make_aware(datetime.combine(day - timedelta(days=14), time(9)))


class ProgramLoader:
    def __init__(self, people: dict, organisations: dict, *, today: date):
        self.people = people
        self.organisations = organisations
        self.today = today
        self.created = 0

    def load(self, programs=PROGRAMS) -> int:
        for spec in programs:
            program = Project.objects.filter(title=spec["title"], replication__isnull=True).first()
            if program is None:
                program = self._program(spec)
                self._reports(program, spec)
            self._replications(program, spec.get("replications", []))
        return self.created

    def _program(self, spec) -> Project:
        name, country, latitude, longitude = spec["place"]
        moment = _moment(spec["starts_on"])
        program = Project.objects.create(
            kind=Kind.PROGRAM,
            title=spec["title"],
            summary=spec["summary"],
            description=spec["description"],
            content_language="en",
            stage=Stage.RUNNING,
            starts_on=spec["starts_on"],
            status=Status.PUBLISHED,
            age_groups=spec["age_groups"],
            created_by=self.people[spec["owner"]],
            submitted_at=moment,
            published_at=moment,
        )
        targets = Target.objects.filter(code__in=spec["targets"])
        program.set_goals_and_targets([], targets)
        program.organisations.add(self.organisations[spec["organisation"]])
        ProjectLocation.objects.create(
            project=program, place_name=name, country=country, latitude=latitude,
            longitude=longitude,
        )  # fmt: skip
        ProjectLanguage.objects.bulk_create(
            ProjectLanguage(project=program, code=code) for code in spec["languages"]
        )
        ProjectMember.objects.create(
            project=program, user=self.people[spec["owner"]], role=TeamRole.OWNER
        )
        self._pedagogy(program, spec["pedagogy"])
        self.created += 1
        return program

    def _pedagogy(self, program, spec) -> None:
        pedagogy = Pedagogy.objects.create(
            project=program,
            challenge=spec["challenge"],
            learning_outcomes=spec["learning_outcomes"],
            duration_weeks=spec["duration_weeks"],
            age_min=spec["ages"][0],
            age_max=spec["ages"][1],
            group_size_min=spec["group"][0],
            group_size_max=spec["group"][1],
            licence=spec["licence"],
        )
        Phase.objects.bulk_create(
            Phase(
                pedagogy=pedagogy, position=position, name=name, description=description,
                steps=steps, duration_hours=hours,
            )
            for position, (name, description, steps, hours) in enumerate(spec["phases"])
        )  # fmt: skip

    def _replications(self, origin, specs) -> None:
        for spec in specs:
            existing = Replication.objects.filter(origin=origin, project__title=spec["title"])
            replication = existing.select_related("project").first()
            if replication is None:
                project = self._replicate(origin, spec)
                self._reports(project, spec)
            else:
                project = replication.project
            self._replications(project, spec.get("replications", []))

    def _replicate(self, origin, spec) -> Project:
        name, country, latitude, longitude = spec["place"]
        language, *others = spec["languages"]
        organisation = self.organisations.get(spec.get("organisation", ""))
        project = start_replication(
            origin,
            by=self.people[spec["by"]],
            title=spec["title"],
            summary=spec["summary"],
            place=Place(name, country, latitude, longitude),
            starts_on=spec["starts_on"],
            ends_on=None,
            language=language,
            organisation=organisation,
            adaptations=spec["adaptations"],
            today=self.today,
        )
        ProjectLanguage.objects.bulk_create(
            ProjectLanguage(project=project, code=code) for code in others
        )
        project.content_language = "en"  # the demo's texts are in English
        if spec.get("status", Status.PUBLISHED) == Status.PUBLISHED:
            project.status = Status.PUBLISHED
            project.submitted_at = project.published_at = _moment(spec["starts_on"])
        project.save(update_fields=["content_language", "status", "submitted_at", "published_at"])
        self.created += 1
        return project

    def _reports(self, project, spec) -> None:
        curator = self.people[CURATOR]
        for row in spec.get("reports", []):
            start, end = row["period"]
            report = ImpactReport(
                project=project,
                period_start=start,
                period_end=end,
                sessions_held=row["sessions"],
                outcomes=row["outcomes"],
                created_by=project.created_by,
                verified_at=_moment(end + timedelta(days=30)) if row["verified"] else None,
                verified_by=curator if row["verified"] else None,
                **{f"learners_{band}": n for band, n in row["learners"].items()},
            )
            report.save()
            Indicator.objects.bulk_create(
                Indicator(report=report, name=name, value=Decimal(str(value)), unit=unit)
                for name, value, unit in row["indicators"]
            )


def load_programs(people: dict, organisations: dict, *, today: date) -> int:
    """Create the demo programs and replications that are missing; return how many."""
    return ProgramLoader(people, organisations, today=today).load()

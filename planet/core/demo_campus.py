"""Demo Open Campus: a dozen published resources of every type, audience, licence and cost,
used by the demo organisations and reviewed by the demo people (so that sorting by usage and
by rating shows a difference), one resource proposed and awaiting the curators, and learning
opportunities (courses, internships, volunteering, workshops) across several countries and
one online.

Every text here is written for this demo; links point to example.org. Dates are counted from
today. Loading is idempotent: a resource or opportunity is found by its title and left as it
is; only a missing one is created, with its uses and reviews. No e-mail is sent.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from planet.campus.models import (
    Audience,
    Cost,
    LearningOpportunity,
    Licence,
    OpportunityKind,
    Resource,
    ResourceReview,
    ResourceType,
    ResourceUse,
    Status,
)
from planet.orgs.models import Membership, Role
from planet.sdgs.models import Goal

CURATOR = "curator@demo.learningplanet.local"
A = Audience


@dataclass(frozen=True)
class DemoResource:
    title: str
    summary: str
    type: str
    audience: list[str]
    languages: list[str]
    licence: str
    cost: str
    goals: list[int]
    by: str  # who proposed it, short form ("teacher" → teacher@demo.learningplanet.local)
    organisation: str = ""  # the organisation behind it
    used_by: list[str] = field(default_factory=list)  # organisations that say they use it
    reviews: list[tuple] = field(default_factory=list)  # (by, rating, text)
    status: str = Status.PUBLISHED


RESOURCES = [
    DemoResource(
        "Climate cards for the classroom", "A deck of cards that helps a class rebuild the "
        "causes and effects of climate change together, in three hours.", ResourceType.TOOLKIT,
        [A.TEACHERS, A.SCHOOLS, A.LEARNERS], ["fr", "en", "es"], Licence.CC_BY_NC, Cost.FREE,
        [4, 13], "organiser",
        used_by=["La Fabrique du Quartier", "Sendai Coastal High School",
                 "Escola Horizonte Verde", "Open Pedagogy Lab"],
        reviews=[("teacher", 5, "My students argued for an hour about which card comes first. "
                  "Exactly what I wanted."),
                 ("learner", 4, "Great with a group of ten; with thirty it gets loud.")]),
    DemoResource(
        "City learning badges", "Issue open digital badges for what people learn in "
        "libraries, museums and youth centres, and show them on a city map.",
        ResourceType.PLATFORM, [A.CITIES, A.ORGANISATIONS], ["lt", "en", "ru"],
        Licence.PROPRIETARY, Cost.FREEMIUM, [4, 8, 17], "tomas", organisation="Badgecraft",
        used_by=["Kaunas Learning City", "Bishkek Lifelong Learning Network",
                 "Dushanbe Public Skills Office"],
        reviews=[("aigerim", 4, "Our trainers issued their first badges in a morning."),
                 ("researcher", 3, "Useful, but exporting the data took us a while.")]),
    DemoResource(
        "Reading map for open courses", "See what you read and watch online as a map of "
        "topics, and find the open courses next to it.", ResourceType.PLATFORM,
        [A.LEARNERS, A.UNIVERSITIES], ["fr", "en"], Licence.OPEN_SOURCE, Cost.FREE, [4, 9],
        "researcher", organisation="WeLearn Open Platform",
        used_by=["Université Ouverte du Sahel", "Amman Learning City Network"],
        reviews=[("ines", 4, "I found two courses I did not know I was looking for.")]),
    DemoResource(
        "River health field kit", "Test strips, a field guide and data sheets so that "
        "pupils can check the health of a river and share the results.", ResourceType.TOOLKIT,
        [A.SCHOOLS, A.TEACHERS, A.LEARNERS], ["pt", "es", "en"], Licence.CC_BY_SA, Cost.PAID,
        [4, 6, 14], "teacher",
        used_by=["Escola Horizonte Verde", "Durban Youth for Oceans"],
        reviews=[("beatriz", 5, "We measured our river every week and showed the city hall."),
                 ("teacher", 5, "The data sheets are simple enough for ten-year-olds."),
                 ("learner", 4, "The strips are not cheap, but one kit lasts a year.")]),
    DemoResource(
        "Mapping disaster risks with your neighbourhood", "A free course for teachers: how "
        "pupils map the risks of their area with the people who live there.",
        ResourceType.COURSE, [A.TEACHERS], ["ja", "en"], Licence.CC_BY, Cost.FREE,
        [4, 11, 13], "teacher", organisation="Sendai Coastal High School",
        used_by=["Escola Horizonte Verde"],
        reviews=[("curator", 4, "Clear and practical; the drill templates are excellent.")]),
    DemoResource(
        "Atlas of learning cities", "How thirty cities organise lifelong learning: who "
        "pays, who teaches, who is left out, with a page of lessons per city.",
        ResourceType.REPORT, [A.CITIES, A.POLICY_MAKERS], ["en", "fr", "es", "ar", "ru", "zh"],
        Licence.CC_BY, Cost.FREE, [4, 11], "curator", organisation="LearnIn Initiative",
        used_by=["Amman Learning City Network", "Kaunas Learning City"],
        reviews=[("aigerim", 3, "Rich, but dense: a short version for mayors would help."),
                 ("tomas", 4, "The page on Kaunas is fair, and the others taught us a lot.")]),
    DemoResource(
        "Youth consultation handbook", "How young people run a consultation with their "
        "peers and carry the proposals to decision-makers, step by step.", ResourceType.BOOK,
        [A.YOUTH, A.ORGANISATIONS], ["en", "sw", "fr"], Licence.CC_BY_SA, Cost.FREE, [4, 16],
        "learner", organisation="Rising Voices Collective",
        used_by=["Durban Youth for Oceans", "Amman Learning City Network"],
        reviews=[("amina", 5, "Chapter three on official answers changed how we ask."),
                 ("mateo", 4, "Short and honest. I wish it had more examples from cities.")]),
    DemoResource(
        "Build a solar oven: video series", "Five short videos to build a solar oven from "
        "cardboard and foil, and to understand why it works.", ResourceType.VIDEO,
        [A.FAMILIES, A.LEARNERS], ["fr", "en"], Licence.CC_BY_SA, Cost.FREE, [7, 12],
        "organiser", used_by=["La Fabrique du Quartier"],
        reviews=[("kofi", 2, "Nice idea, but the sound is hard to hear and no subtitles."),
                 ("ines", 3, "It works! Our oven reached 90 °C, the videos are a bit slow.")]),
    DemoResource(
        "Open dataset of school climate projects", "Where schools run climate projects, on "
        "which SDGs, with how many learners: country totals, updated every year.",
        ResourceType.DATASET, [A.UNIVERSITIES, A.POLICY_MAKERS], ["en"], Licence.CC0,
        Cost.FREE, [4, 13, 17], "researcher",
        reviews=[("tomas", 1, "Country totals only: too coarse for any city-level work.")]),
    DemoResource(
        "Maths trail builder", "Hide maths puzzles around a neighbourhood and print a "
        "trail map that families can follow.", ResourceType.TOOL, [A.TEACHERS, A.FAMILIES],
        ["en", "es", "ta"], Licence.PROPRIETARY, Cost.FREEMIUM, [4], "priya",
        used_by=["Open Pedagogy Lab"],
        reviews=[("lin", 5, "Our trail by the river had two hundred families in a day."),
                 ("mateo", 4, "Easy to use; the free version allows ten puzzles.")]),
    DemoResource(
        "Ocean literacy for everyone", "An open online course on how the ocean shapes our "
        "lives and how we shape it, in four languages.", ResourceType.COURSE,
        [A.LEARNERS, A.YOUTH], ["en", "es", "pt", "fr"], Licence.CC_BY_NC, Cost.FREE, [14],
        "learner", used_by=["Durban Youth for Oceans", "Sendai Coastal High School"]),
    DemoResource(
        "School garden planner", "Plan the beds of a school garden, the crops of each "
        "season and the classes that look after them.", ResourceType.TOOL,
        [A.SCHOOLS, A.FAMILIES], ["en", "pt"], Licence.OPEN_SOURCE, Cost.FREE, [2, 4, 15],
        "kofi", used_by=["Escola Horizonte Verde"],
        reviews=[("beatriz", 3, "Good for planning; it does not know our rainy season."),
                 ("teacher", 4, "Our pupils use it to share the watering rota.")]),
    # Awaiting the curators.
    DemoResource(
        "Repair café starter guide", "Everything a school or library needs to run its first "
        "repair café: roles, tools, insurance and a poster to print.", ResourceType.TOOLKIT,
        [A.SCHOOLS, A.ORGANISATIONS, A.FAMILIES], ["en", "fr"], Licence.CC_BY, Cost.FREE,
        [12], "ines", status=Status.PROPOSED),
]  # fmt: skip


@dataclass(frozen=True)
class DemoOpportunity:
    title: str
    summary: str
    kind: str
    by: str
    organisation: str
    goals: list[int]
    starts: int  # days after today (negative: already started)
    days: int | None  # how long it lasts in days (None: open-ended)
    place: tuple = ()  # (place name, country, latitude, longitude)
    online: bool = False


OPPORTUNITIES = [
    DemoOpportunity(
        "Water and fields: a community course", "Twelve Saturday sessions with farmers and "
        "researchers on saving water in market gardens.", OpportunityKind.COURSE, "admin",
        "Université Ouverte du Sahel", [2, 6], -20, 84,
        ("Université Ouverte du Sahel, Dakar", "SN", 14.723, -17.482)),
    DemoOpportunity(
        "Internship: youth reporter", "Three months reporting on the proposals young people "
        "make to the city, with a mentor.", OpportunityKind.INTERNSHIP, "learner",
        "Rising Voices Collective", [4, 16], 43, 90,
        ("Rising Voices Collective, Nairobi", "KE", -1.292, 36.822)),
    DemoOpportunity(
        "Saturday beach clean-up and count", "Join the crew that cleans the beach and counts "
        "what the tide brings: gloves and data sheets provided.", OpportunityKind.VOLUNTEERING,
        "learner", "Durban Youth for Oceans", [14], 6, None,
        ("uShaka Beach, Durban", "ZA", -29.867, 31.046)),
    DemoOpportunity(
        "Repair and reuse workshop for teenagers", "An afternoon to take apart, mend and "
        "improve the objects you were about to throw away.", OpportunityKind.WORKSHOP,
        "organiser", "La Fabrique du Quartier", [12], 12, 0,
        ("La Fabrique du Quartier, Lyon", "FR", 45.764, 4.836)),
    DemoOpportunity(
        "Teaching with open badges", "A six-week online course for educators who want to "
        "recognise learning with open badges.", OpportunityKind.COURSE, "tomas", "Badgecraft",
        [4, 8], 64, 42, online=True),
    DemoOpportunity(
        "Internship in learning analytics", "Six months with the city network, turning "
        "library and youth-centre data into maps of who learns where.",
        OpportunityKind.INTERNSHIP, "researcher", "Amman Learning City Network", [4, 17], 92,
        183, ("Amman Learning City Network", "JO", 31.951, 35.918)),
    DemoOpportunity(
        "Volunteer tutors for adult learners", "Two evenings a month helping adults read, "
        "count and use a phone for their work.", OpportunityKind.VOLUNTEERING, "aigerim",
        "Bishkek Lifelong Learning Network", [4], -10, 213,
        ("National Library, Bishkek", "KG", 42.876, 74.611)),
    DemoOpportunity(
        "Design an evacuation drill with students", "A workshop for teachers and city staff "
        "led by students who designed their own drill.", OpportunityKind.WORKSHOP, "teacher",
        "Sendai Coastal High School", [11, 13], 53, 0,
        ("Sendai Coastal High School", "JP", 38.255, 140.920)),
    DemoOpportunity(
        "Residency: challenge-based teaching", "Two weeks in Córdoba to design a "
        "challenge-based unit with teachers from five countries.", OpportunityKind.COURSE,
        "curator", "Open Pedagogy Lab", [4, 10], 78, 11,
        ("Open Pedagogy Lab, Córdoba", "AR", -31.420, -64.188)),
]  # fmt: skip


def _email(short: str) -> str:
    return short if "@" in short else f"{short}@demo.learningplanet.local"


class CampusLoader:
    def __init__(self, people: dict, organisations: dict, *, today: date):
        self.people = people
        self.organisations = organisations
        self.today = today
        self.curator = people.get(CURATOR)
        self.created = 0

    def load(self) -> int:
        for age, spec in enumerate(reversed(RESOURCES)):
            if not Resource.objects.filter(title=spec.title).exists():
                self._resource(spec, self._moment(days_ago=3 + 4 * age))
        for spec in OPPORTUNITIES:
            if not LearningOpportunity.objects.filter(title=spec.title).exists():
                self._opportunity(spec)
        return self.created

    def _moment(self, *, days_ago: int) -> datetime:
        return datetime.combine(self.today - timedelta(days=days_ago), time(10), tzinfo=UTC)

    def _decision(self, status: str, when: datetime) -> dict:
        if status != Status.PUBLISHED:
            return {"status": status}
        return {
            "status": status,
            "published_at": when,
            "decided_by": self.curator,
            "decided_at": when,
        }

    def _resource(self, spec: DemoResource, when: datetime) -> None:
        resource = Resource.objects.create(
            title=spec.title,
            summary=spec.summary,
            description=f"{spec.summary}\n\nProposed by a member of LearningPlanet.",
            type=spec.type,
            link=f"https://{slugify(spec.title)[:40]}.example.org",
            audience=[str(code) for code in spec.audience],
            languages=spec.languages,
            licence=spec.licence,
            cost=spec.cost,
            organisation=self.organisations.get(spec.organisation),
            proposed_by=self.people.get(_email(spec.by)),
            **self._decision(spec.status, when),
        )
        resource.goals.set(Goal.objects.filter(number__in=spec.goals))
        for name in spec.used_by:
            organisation = self.organisations[name]
            ResourceUse.objects.create(
                resource=resource, organisation=organisation, declared_by=self._admin(organisation)
            )
        for n, (by, rating, text) in enumerate(spec.reviews):
            review = ResourceReview.objects.create(
                resource=resource, author=self.people[_email(by)], rating=rating, text=text
            )
            ResourceReview.objects.filter(pk=review.pk).update(
                created_at=when + timedelta(days=2 + 3 * n)
            )
        self.created += 1

    @staticmethod
    def _admin(organisation):
        """Who declares the use: the organisation's first admin or editor."""
        membership = (
            Membership.objects.filter(organisation=organisation, role__in=(Role.ADMIN, Role.EDITOR))
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return membership.user if membership else None

    def _opportunity(self, spec: DemoOpportunity) -> None:
        place_name, country, latitude, longitude = spec.place or ("", "", None, None)
        starts_on = self.today + timedelta(days=spec.starts)
        opportunity = LearningOpportunity.objects.create(
            title=spec.title,
            summary=spec.summary,
            description=f"{spec.summary}\n\nFree of charge; places are limited.",
            kind=spec.kind,
            organisation=self.organisations.get(spec.organisation),
            place_name=place_name,
            country=country or self._country(spec.organisation),
            latitude=latitude,
            longitude=longitude,
            online=spec.online,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=spec.days) if spec.days is not None else None,
            application_url=f"https://apply.example.org/{slugify(spec.title)[:50]}",
            proposed_by=self.people.get(_email(spec.by)),
            **self._decision(Status.PUBLISHED, self._moment(days_ago=25)),
        )
        opportunity.goals.set(Goal.objects.filter(number__in=spec.goals))
        self.created += 1

    def _country(self, name: str) -> str:
        organisation = self.organisations.get(name)
        return organisation.country.code or "" if organisation else ""


def load_campus(people: dict, organisations: dict, *, today: date | None = None) -> int:
    """Create the demo resources (with their uses and reviews) and learning opportunities
    that are missing; return how many."""
    return CampusLoader(people, organisations, today=today or timezone.localdate()).load()

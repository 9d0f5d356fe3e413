"""Demo events: the Festival of Learning 2026 (past) and 2027 (upcoming), each with local
events across many countries and time zones, registrations (one event full, with a waiting
list), proposals awaiting review and one declined; and a few ordinary events coming soon.

Every text here is written for this demo. Times are local wall-clock times in each event's
own zone. Loading is idempotent: an edition is found by its slug and an event by its title;
only missing ones are created, with their registrations. No e-mail is sent.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from planet.events.models import (
    Event,
    EventStatus,
    Festival,
    FestivalReview,
    Registration,
    RegistrationStatus,
)
from planet.sdgs.models import Goal

CURATOR = "curator@demo.learningplanet.local"
FESTIVAL_CURATOR = "researcher@demo.learningplanet.local"


@dataclass(frozen=True)
class DemoEvent:
    title: str
    summary: str
    kind: str
    format: str
    zone: str
    starts: str  # "YYYY-MM-DD HH:MM" in `zone`, or "+N HH:MM" for N days after today
    hours: float
    by: str  # the creator's e-mail, short form ("teacher" → teacher@demo.learningplanet.local)
    goals: list[int]
    languages: list[str]
    place: tuple = ()  # (place name, address, country, latitude, longitude)
    country: str = ""  # for online events: where the organisers are
    organisation: str = ""
    audience: list[str] = field(default_factory=lambda: ["all"])
    capacity: int | None = None
    registered: int = 0
    waiting: int = 0
    review: str = FestivalReview.APPROVED
    note: str = ""


def E(*args, **kwargs) -> DemoEvent:  # noqa: N802 (reads as a table row)
    return DemoEvent(*args, **kwargs)


FESTIVALS = [
    {
        "slug": "festival-of-learning-2026",
        "name": "Festival of Learning 2026",
        "summary": "Local events in every time zone celebrated the International Day of "
        "Education: learning that repairs, includes and connects.",
        "description": (
            "## Learning that repairs\n\n"
            "For nine days around 24 January 2026, schools, libraries, third places, "
            "universities and youth groups opened their doors. Each event was organised "
            "locally and joined a single global programme.\n\n"
            "Thank you to every organiser and every learner who came."
        ),
        "starts_on": date(2026, 1, 20),
        "ends_on": date(2026, 1, 28),
        "proposals_open": False,
    },
    {
        "slug": "festival-of-learning-2027",
        "name": "Festival of Learning 2027",
        "summary": "Nine days, hundreds of local events, one planet learning together around "
        "24 January, the International Day of Education.",
        "description": (
            "## Celebrate learning where you are\n\n"
            "The Festival of Learning is made of local events that cities, schools and "
            "associations organise themselves: workshops, talks, hackathons, exhibitions and "
            "celebrations, in person or online.\n\n"
            "## Take part\n\n"
            "- **Join** an event near you or online: the programme shows every time in your "
            "own time zone.\n"
            "- **Organise** one: publish your event on LearningPlanet and propose it to the "
            "festival. The festival curators add it to the global programme.\n"
        ),
        "starts_on": date(2027, 1, 20),
        "ends_on": date(2027, 1, 28),
        "proposals_open": True,
    },
]

EDITION_2026 = [
    E("Tsunami memory walk with students", "Pupils guide their neighbours along the 2011 "
      "flood line and share what they learned from their grandparents.", "celebration",
      "in_person", "Asia/Tokyo", "2026-01-21 10:00", 3, "teacher", [4, 11, 13], ["ja", "en"],
      ("Arahama coast", "Arahama, Wakabayashi-ku, Sendai", "JP", 38.22, 140.98),
      organisation="Sendai Coastal High School", capacity=80, registered=5),
    E("Kolkata book street reading marathon", "Twelve hours of reading aloud in twelve "
      "languages on College Street, the city's book market.", "celebration", "in_person",
      "Asia/Kolkata", "2026-01-24 08:00", 12, "priya", [4, 10], ["bn", "en", "hi"],
      ("College Street", "College Street, Kolkata", "IN", 22.575, 88.363), registered=4),
    E("Girls who code: a first website in a day", "Teenage girls build and publish their "
      "first website about a problem in their neighbourhood.", "hackathon", "in_person",
      "Africa/Nairobi", "2026-01-22 09:00", 7, "learner", [4, 5, 9], ["en", "sw"],
      ("iHub Nairobi", "Ngong Road, Nairobi", "KE", -1.300, 36.784),
      organisation="Rising Voices Collective", audience=["secondary"], capacity=30,
      registered=3),
    E("Wolof and French story hour", "Storytellers and pupils swap tales in two languages "
      "at the university's open library.", "talk", "in_person", "Africa/Dakar",
      "2026-01-24 17:00", 2, "admin", [4, 10], ["wo", "fr"],
      ("Bibliothèque ouverte", "Avenue Cheikh Anta Diop, Dakar", "SN", 14.686, -17.463),
      organisation="Université Ouverte du Sahel", registered=2),
    E("Low-tech fair", "Bicycle-powered blenders, solar ovens and hay-box cookers: come and "
      "build one with the makers.", "exhibition", "in_person", "Europe/Paris",
      "2026-01-25 14:00", 5, "organiser", [7, 12], ["fr"],
      ("La Fabrique du Quartier", "12 rue des Tanneurs, Lyon", "FR", 45.764, 4.836),
      organisation="La Fabrique du Quartier", registered=6),
    E("Schoolyard gardens open day", "Pupils show how they turned concrete into vegetable "
      "beds, and share seeds with visitors.", "celebration", "in_person",
      "America/Sao_Paulo", "2026-01-23 09:00", 4, "teacher", [2, 4, 15], ["pt"],
      ("Escola Municipal Vila Mariana", "Rua Domingos de Morais, São Paulo", "BR", -23.589,
       -46.634), organisation="Escola Horizonte Verde", audience=["primary"], registered=2),
    E("Street maths festival", "Maths puzzles chalked on the pavement of the historic "
      "centre, solved by families.", "celebration", "in_person", "America/Mexico_City",
      "2026-01-24 11:00", 5, "mateo", [4], ["es"],
      ("Plaza de Santo Domingo", "Centro Histórico, Ciudad de México", "MX", 19.438, -99.134),
      registered=3),
    E("Ocean lessons on the waterfront", "Marine scientists and pupils open the festival at "
      "sunrise with a lesson about the harbour's life.", "talk", "in_person",
      "Pacific/Auckland", "2026-01-20 07:00", 2, "learner", [4, 14], ["en", "mi"],
      ("Wynyard Quarter", "Jellicoe Street, Auckland", "NZ", -36.841, 174.757), registered=2),
    E("Festival opening: learners from five continents", "Young people from five continents "
      "say what learning means where they live.", "talk", "online", "UTC",
      "2026-01-20 12:00", 1.5, "admin", [4, 17], ["en", "fr", "es"], country="SN",
      registered=9),
    E("Youth centres' debating day", "Teams from Amman's youth centres debate how their "
      "city could learn better.", "talk", "in_person", "Asia/Amman", "2026-01-26 10:00", 6,
      "researcher", [4, 11, 16], ["ar", "en"],
      ("Al-Hussein Youth City", "Al-Hussein Youth City, Amman", "JO", 31.983, 35.904),
      organisation="Amman Learning City Network", registered=3),
    E("Mangrove replanting morning", "Plant mangrove seedlings grown by pupils, then learn "
      "why the coast needs them.", "workshop", "in_person", "Africa/Johannesburg",
      "2026-01-24 07:30", 3, "learner", [13, 14, 15], ["en", "zu"],
      ("Beachwood Mangroves", "Beachwood, Durban North", "ZA", -29.804, 31.043),
      organisation="Durban Youth for Oceans", capacity=40, registered=4),
    E("Teacher education lab", "Teachers try a challenge-based lesson as learners, then "
      "redesign it together.", "workshop", "hybrid", "America/Argentina/Buenos_Aires",
      "2026-01-27 15:00", 3, "curator", [4], ["es", "pt"],
      ("Centro Cultural Kirchner", "Sarmiento 151, Buenos Aires", "AR", -34.603, -58.369),
      organisation="Open Pedagogy Lab", registered=3),
    E("Skills fair of Dushanbe", "Vocational schools and employers show what can be learned "
      "in the city this year.", "exhibition", "in_person", "Asia/Dushanbe",
      "2026-01-22 10:00", 6, "aigerim", [4, 8], ["tg", "ru"],
      ("Navruz Palace", "Dushanbe", "TJ", 38.574, 68.807),
      organisation="Dushanbe Public Skills Office", registered=1),
    E("Museum night of learning", "Kaunas museums stay open late with workshops run by "
      "pupils for adults.", "celebration", "in_person", "Europe/Vilnius",
      "2026-01-23 18:00", 5, "tomas", [4, 11], ["lt", "en"],
      ("M. K. Čiurlionis National Art Museum", "V. Putvinskio g. 55, Kaunas", "LT", 54.899,
       23.912), organisation="Kaunas Learning City", registered=3),
    E("Disaster-ready classrooms", "Teachers share the drills and maps their pupils made to "
      "prepare for typhoons.", "workshop", "hybrid", "Asia/Manila", "2026-01-25 13:00", 3,
      "teacher", [4, 11, 13], ["tl", "en"],
      ("Quezon City Public Library", "Elliptical Road, Quezon City", "PH", 14.651, 121.049),
      registered=2),
]  # fmt: skip

EDITION_2027 = [
    E("Sunrise celebration of learning", "The first event of the festival on Earth: songs, "
      "stories and a shared breakfast by the harbour.", "celebration", "in_person",
      "Pacific/Auckland", "2027-01-20 07:00", 2, "learner", [4, 14, 17], ["en", "mi"],
      ("Wynyard Quarter", "Jellicoe Street, Auckland", "NZ", -36.841, 174.757), registered=3),
    E("Disaster-ready neighbourhoods: a student-led drill", "Students run an evacuation "
      "drill they designed with their neighbourhood, then debrief with the city.",
      "workshop", "in_person", "Asia/Tokyo", "2027-01-21 09:30", 3, "teacher", [4, 11, 13],
      ["ja", "en"], ("Sendai Coastal High School", "Wakabayashi-ku, Sendai", "JP", 38.255,
                     140.920), organisation="Sendai Coastal High School",
      audience=["secondary", "adults"], capacity=120, registered=4),
    E("Open maths trail of Chennai", "Follow the maths puzzles pupils hid around Marina "
      "Beach; solve them with your family.", "celebration", "in_person", "Asia/Kolkata",
      "2027-01-23 16:00", 3, "priya", [4], ["ta", "en"],
      ("Marina Beach", "Kamarajar Salai, Chennai", "IN", 13.050, 80.282),
      audience=["primary", "secondary"], registered=2),
    E("Youth assembly: what should school teach in 2030?", "Young people in Nairobi and "
      "online draft the five things they want school to teach.", "talk", "hybrid",
      "Africa/Nairobi", "2027-01-24 10:00", 4, "learner", [4, 16], ["sw", "en"],
      ("Kenya National Library", "Ngong Road, Nairobi", "KE", -1.296, 36.798),
      organisation="Rising Voices Collective", audience=["secondary", "youth"], capacity=200,
      registered=5),
    E("Water and fields: open day at the university", "Farmers, students and researchers "
      "show what they learned about saving water this season.", "exhibition", "in_person",
      "Africa/Dakar", "2027-01-22 09:00", 6, "admin", [2, 4, 6], ["fr", "wo"],
      ("Université Ouverte du Sahel", "Route de Ouakam, Dakar", "SN", 14.723, -17.482),
      organisation="Université Ouverte du Sahel", registered=3),
    E("Repair café for families", "Bring a broken toy or lamp; leave with it working and "
      "with the know-how to fix the next one.", "workshop", "in_person", "Europe/Paris",
      "2027-01-23 14:00", 3, "organiser", [9, 12], ["fr", "en"],
      ("La Fabrique du Quartier", "12 rue des Tanneurs, Lyon", "FR", 45.764, 4.836),
      organisation="La Fabrique du Quartier", capacity=4, registered=4, waiting=2),
    E("River projects from Belém to São Paulo", "Teachers who adopted a river with their "
      "classes compare methods, in São Paulo and online.", "talk", "hybrid",
      "America/Sao_Paulo", "2027-01-25 19:00", 2, "teacher", [4, 6, 14], ["pt", "es"],
      ("Biblioteca Mário de Andrade", "Rua da Consolação 94, São Paulo", "BR", -23.547,
       -46.643), organisation="Escola Horizonte Verde", registered=2),
    E("Hackathon: apps for the city's libraries", "Students and librarians build apps that "
      "help people find what they can learn in their neighbourhood.", "hackathon",
      "in_person", "America/Mexico_City", "2027-01-26 09:00", 9, "mateo", [4, 9, 11], ["es"],
      ("Biblioteca Vasconcelos", "Eje 1 Norte, Buenavista, Ciudad de México", "MX", 19.448,
       -99.152), audience=["youth", "adults"], capacity=60, registered=3),
    E("The Little Prince in class: a teachers' talk", "Teachers who ran the writing contest "
      "share the stories their pupils wrote, and how.", "talk", "online", "Europe/Paris",
      "2027-01-24 18:30", 1.5, "organiser", [4, 16], ["fr", "en"], country="FR",
      organisation="La Fabrique du Quartier", audience=["adults"], registered=4),
    E("Learning city walk: the libraries of Amman", "A walk between four libraries and a "
      "youth centre, with a reading at each stop.", "celebration", "in_person",
      "Asia/Amman", "2027-01-27 16:00", 3, "researcher", [4, 11], ["ar", "en"],
      ("Abdul Hameed Shoman Library", "Jabal Amman, Amman", "JO", 31.951, 35.918),
      organisation="Amman Learning City Network", registered=2),
    E("Beach science day", "Count, sort and map what the tide brings; the data goes to the "
      "university's ocean lab.", "workshop", "in_person", "Africa/Johannesburg",
      "2027-01-23 08:00", 4, "learner", [4, 13, 14], ["en", "zu"],
      ("uShaka Beach", "Point, Durban", "ZA", -29.867, 31.046),
      organisation="Durban Youth for Oceans", capacity=50, registered=3),
    E("Document your project in an afternoon", "Bring a project you run with learners; "
      "leave with a page others can adapt.", "workshop", "hybrid",
      "America/Argentina/Cordoba", "2027-01-21 15:00", 3, "curator", [4, 17], ["es", "pt"],
      ("Open Pedagogy Lab", "Bv. San Juan 49, Córdoba", "AR", -31.420, -64.188),
      organisation="Open Pedagogy Lab", audience=["adults"], registered=2),
    E("Adult learners' exhibition", "Adults who went back to learning show what they made, "
      "from felt to code.", "exhibition", "in_person", "Asia/Bishkek", "2027-01-22 11:00",
      5, "aigerim", [4, 8], ["ky", "ru"],
      ("National Library of Kyrgyzstan", "Abdrakhmanov St 208, Bishkek", "KG", 42.876,
       74.611), organisation="Bishkek Lifelong Learning Network", audience=["adults"],
      registered=1),
    E("Open badges for city learning", "How Kaunas recognises what people learn outside "
      "school, with open digital badges.", "talk", "online", "Europe/Vilnius",
      "2027-01-26 17:00", 1, "tomas", [4, 11, 17], ["lt", "en"], country="LT",
      organisation="Kaunas Learning City", registered=3),
    E("School newspaper workshop", "Young reporters learn to check a fact, interview a "
      "neighbour and publish a page.", "workshop", "in_person", "Africa/Lagos",
      "2027-01-25 10:00", 3, "amina", [4, 16], ["en", "ha"],
      ("Kano State Library", "Kano", "NG", 12.002, 8.517), audience=["secondary"],
      capacity=25, registered=2),
    E("Draw your planet", "Young illustrators show the planets they drew for the Little "
      "Prince, and draw yours with you.", "exhibition", "in_person", "Asia/Shanghai",
      "2027-01-20 23:30", 2, "lin", [4, 13], ["zh", "en"],
      ("Chengdu Library", "Chengdu", "CN", 30.657, 104.066), registered=2),
    # Awaiting the festival curators, and one declined.
    E("Floating classroom on the Elbe", "A day on a school boat measuring the river's "
      "health with the harbour's scientists.", "workshop", "in_person", "Europe/Berlin",
      "2027-01-27 09:00", 6, "noah", [6, 14], ["de", "en"],
      ("Landungsbrücken", "Hamburg", "DE", 53.546, 9.968), capacity=20,
      review=FestivalReview.PROPOSED),
    E("Desert tales evening", "Grandmothers and pupils tell the tales of the oasis, in "
      "Arabic and French.", "celebration", "in_person", "Africa/Casablanca",
      "2027-01-24 19:00", 2, "yasmine", [4, 6], ["ar", "fr"],
      ("Bibliothèque nationale", "Avenue Ibn Khaldoun, Rabat", "MA", 34.006, -6.852),
      review=FestivalReview.PROPOSED),
    E("Garden produce market", "Sell the vegetables of the school garden to raise money "
      "for new tools.", "other", "in_person", "Africa/Accra", "2027-01-23 08:00", 4, "kofi",
      [2], ["en", "tw"], ("Kumasi Central Market", "Kumasi", "GH", 6.692, -1.624),
      review=FestivalReview.DECLINED,
      note="Thank you! A market is not a learning event as such. A seed-saving workshop in "
      "your garden would be very welcome in the programme: create it and propose it."),
]  # fmt: skip

OTHER_EVENTS = [
    E("Introduction to open badges", "One hour to understand open badges and issue your "
      "first one.", "workshop", "online", "Europe/Vilnius", "+12 17:00", 1, "tomas",
      [4, 8], ["en"], country="LT", organisation="Kaunas Learning City", registered=3),
    E("Climate fresco in Lyon", "A three-hour collaborative workshop to understand climate "
      "change with cards.", "workshop", "in_person", "Europe/Paris", "+20 18:30", 3,
      "organiser", [13], ["fr"],
      ("La Fabrique du Quartier", "12 rue des Tanneurs, Lyon", "FR", 45.764, 4.836),
      organisation="La Fabrique du Quartier", capacity=20, registered=2),
    E("Sendai coastal clean-up", "Students and neighbours clean the coast and record what "
      "they find.", "other", "in_person", "Asia/Tokyo", "+33 09:00", 3, "teacher",
      [14], ["ja"], ("Arahama coast", "Arahama, Wakabayashi-ku, Sendai", "JP", 38.22, 140.98),
      organisation="Sendai Coastal High School", registered=2),
]  # fmt: skip


def _email(short: str) -> str:
    return short if "@" in short else f"{short}@demo.learningplanet.local"


def _start(spec: DemoEvent, today: date) -> datetime:
    day, clock = spec.starts.split(" ")
    hour, minute = (int(part) for part in clock.split(":"))
    relative = day.startswith("+")
    when = today + timedelta(days=int(day[1:])) if relative else date.fromisoformat(day)
    return datetime.combine(when, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(spec.zone))


class EventLoader:
    def __init__(self, people: dict, organisations: dict, *, today: date):
        self.people = people
        self.organisations = organisations
        self.today = today
        self.registrants = sorted(people)
        self.created = 0

    def load(self) -> int:
        editions = [self._festival(spec) for spec in FESTIVALS]
        for festival, specs in zip(editions, [EDITION_2026, EDITION_2027], strict=True):
            for spec in specs:
                self._event(spec, festival)
        for spec in OTHER_EVENTS:
            self._event(spec, None)
        return self.created

    def _festival(self, spec: dict) -> Festival:
        festival = Festival.objects.filter(slug=spec["slug"]).first()
        if festival:
            return festival
        festival = Festival.objects.create(created_by=self.people.get(CURATOR), **spec)
        if FESTIVAL_CURATOR in self.people:
            festival.curators.add(self.people[FESTIVAL_CURATOR])
        self.created += 1
        return festival

    def _event(self, spec: DemoEvent, festival: Festival | None) -> None:
        if Event.objects.filter(title=spec.title).exists():
            return
        starts = _start(spec, self.today)
        place_name, address, country, latitude, longitude = spec.place or ("", "", "", None, None)
        online = spec.format != "in_person"
        reviewed = festival is not None and spec.review != FestivalReview.PROPOSED
        event = Event.objects.create(
            title=spec.title,
            summary=spec.summary,
            description=f"{spec.summary}\n\n{self._practical(spec)}",
            content_language=spec.languages[0],
            kind=spec.kind,
            format=spec.format,
            status=EventStatus.PUBLISHED,
            timezone=spec.zone,
            starts_at=starts,
            ends_at=starts + timedelta(hours=spec.hours),
            place_name=place_name,
            address=address,
            country=country or spec.country,
            latitude=latitude,
            longitude=longitude,
            online_url=f"https://meet.example.org/{slugify(spec.title)[:60]}" if online else "",
            organisation=self.organisations.get(spec.organisation),
            languages=spec.languages,
            audience=spec.audience,
            capacity=spec.capacity,
            festival=festival,
            festival_review=spec.review if festival else "",
            festival_note=spec.note,
            festival_reviewed_by=self.people.get(CURATOR) if reviewed else None,
            festival_reviewed_at=starts - timedelta(days=30) if reviewed else None,
            created_by=self.people.get(_email(spec.by)),
        )
        event.goals.set(Goal.objects.filter(number__in=spec.goals))
        self._registrations(event, spec)
        self.created += 1

    @staticmethod
    def _practical(spec: DemoEvent) -> str:
        lines = ["## Practical"]
        if spec.format != "online":
            lines.append("- Free entry; registration helps the organisers plan.")
        if spec.format != "in_person":
            lines.append("- The online link appears on this page once you are registered.")
        lines.append("- Everyone is welcome, whatever their age or background.")
        return "\n".join(lines)

    def _registrations(self, event: Event, spec: DemoEvent) -> None:
        """`registered` confirmed places, then `waiting` people queued in order; the
        registrants rotate through the demo people, never the event's own organiser."""
        others = [email for email in self.registrants if self.people[email] != event.created_by]
        offset = event.pk % len(others) if others else 0
        chosen = (others[offset:] + others[:offset])[: spec.registered + spec.waiting]
        queued = event.starts_at - timedelta(days=20)
        Registration.objects.bulk_create(
            Registration(
                event=event,
                user=self.people[email],
                status=(
                    RegistrationStatus.CONFIRMED
                    if n < spec.registered
                    else RegistrationStatus.WAITING
                ),
                queued_at=queued + timedelta(hours=n),
            )
            for n, email in enumerate(chosen)
        )


def load_events(people: dict, organisations: dict, *, today: date | None = None) -> int:
    """Create the demo festival editions and events that are missing; return how many."""
    return EventLoader(people, organisations, today=today or timezone.localdate()).load()

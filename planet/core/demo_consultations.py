"""Demo youth consultations: one closed ("What should schools teach about climate?", for
people aged 30 or under) with participants of many ages and countries, proposals with
supports and comments, official answers to the retained ones and a published summary; and
one open for a few more weeks, with its first proposals and supports.

Every text here is written for this demo. Dates are counted from today. The rows are written
with the model layer (a closed consultation accepts no contribution through the rules of
`participation`), keeping those rules: every contributor declared an age within the limit,
one support per account and proposal, nobody supports their own proposal. Loading is
idempotent: a consultation is found by its title and left as it is; only a missing one is
created, with all that belongs to it. No e-mail is sent.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from planet.consultations.models import (
    Consultation,
    ConsultationStatus,
    Participant,
    Proposal,
    ProposalComment,
    Support,
)
from planet.sdgs.models import Goal


@dataclass(frozen=True)
class DemoProposal:
    by: str  # short e-mail ("kofi" → kofi@demo.learningplanet.local), a declared participant
    title: str
    body: str
    supporters: list[str] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)  # (by, text)
    answer: str = ""  # the official answer of a retained proposal


CLIMATE_SCHOOL = {
    "title": "What should schools teach about climate?",
    "context": (
        "## Why we ask\n\n"
        "Ministers of education meet next year to decide what every school should teach "
        "about climate change. Rising Voices Collective will carry the proposals of young "
        "people to that meeting, with the number of supports each one received.\n\n"
        "## How to take part\n\n"
        "- Write a proposal: one idea, in a few lines.\n"
        "- Support the proposals you agree with, and discuss them.\n"
        "- This consultation is for people aged **30 or under**, wherever they live."
    ),
    "organisation": "Rising Voices Collective",
    "by": "learner",
    "zone": "Africa/Nairobi",
    "opens": -120,  # days after today
    "closes": -60,
    "max_age": 30,
    "goals": [4, 13],
    "summary": (
        "## What 10 young people from 10 countries asked for\n\n"
        "Eight proposals received 24 supports. Three of them are retained and will be "
        "presented to the ministers' meeting:\n\n"
        "1. **Every school grows a garden**, where climate is learned with the hands.\n"
        "2. **Climate in every subject**, not only in science lessons.\n"
        "3. **Learning to check climate news**, so that young people can tell a fact from "
        "a rumour.\n\n"
        "Thank you to everyone who wrote, supported and discussed. We will publish the "
        "ministers' answers here."
    ),
}

# email, age, country
CLIMATE_SCHOOL_PARTICIPANTS = [
    ("kofi", 13, "GH"), ("ines", 16, "FR"), ("amina", 15, "NG"), ("noah", 20, "DE"),
    ("lin", 14, "CN"), ("mateo", 17, "CO"), ("yasmine", 19, "MA"), ("priya", 18, "IN"),
    ("beatriz", 12, "BR"), ("tomas", 27, "LT"),
]  # fmt: skip

CLIMATE_SCHOOL_PROPOSALS = [
    DemoProposal(
        "kofi", "Every school grows a garden",
        "A garden teaches soil, water, seasons and food all at once. Every school should "
        "have one, and every class should look after a part of it.",
        ["beatriz", "lin", "amina", "yasmine", "priya", "noah"],
        [("beatriz", "Ours started with three beans in a bottle. Now it feeds the canteen.")],
        answer="Retained. We will present the garden as a place of learning for every "
        "subject, with the examples from Kumasi and Belém that you shared.",
    ),
    DemoProposal(
        "ines", "Climate in every subject, not only science",
        "Climate is also history, geography, economics and literature. Each subject could "
        "give one lesson a term to it.",
        ["mateo", "noah", "priya", "tomas", "yasmine"],
        [("noah", "In our history class we studied the flood of 1962. Everyone listened.")],
        answer="Retained. The ministers' meeting discusses the curriculum as a whole: this "
        "is the proposal we will open with.",
    ),
    DemoProposal(
        "amina", "Teach us to check climate news",
        "We read a lot about climate online, and much of it is wrong. Schools should teach "
        "how to check a source and a number.",
        ["ines", "priya", "tomas", "kofi"],
        answer="Retained. We will ask for media literacy lessons and offer the school "
        "newspaper workshops from Kano as an example.",
    ),
    DemoProposal(
        "noah", "Measure our school's own footprint",
        "Each class measures one part of the school's footprint (energy, food, transport) "
        "and proposes one change a year.",
        ["tomas", "ines", "lin"],
        [("tomas", "Our city publishes the energy use of each school: a good place to start.")],
    ),
    DemoProposal(
        "mateo", "Salidas al río cada trimestre",
        "Una vez por trimestre, cada clase sale a estudiar un río, un bosque o una costa "
        "cercana. Se aprende más afuera que en el libro.",
        ["yasmine", "beatriz", "amina"],
        [("beatriz", "¡Sí! Medimos el agua del río con mi escuela y fue la mejor clase.")],
    ),
    DemoProposal(
        "lin", "Draw the future",
        "Art lessons where we draw and build the town we want in 2050, then show it to the "
        "town council.",
        ["beatriz", "kofi"],
    ),
    DemoProposal(
        "yasmine", "Apprendre des anciens comment on gardait l'eau",
        "Nos grands-parents savaient économiser l'eau. Invitons-les à l'école pour raconter "
        "et montrer comment ils faisaient.",
        ["mateo"],
    ),
    DemoProposal(
        "priya", "A climate question in every exam",
        "If it is in the exam, it is taught. Add one climate question to every final exam.",
        [],
        [("noah", "I am not sure: exams might turn it into one more thing to memorise."),
         ("priya", "Fair point. Maybe a project instead of a question?")],
    ),
]  # fmt: skip

CITY_ROOM = {
    "title": "How should your city make room for young people's learning?",
    "context": (
        "Libraries, parks, youth centres, buses: a city is full of places where young "
        "people could learn, if they were open, reachable and welcoming.\n\n"
        "Amman Learning City Network asks young people everywhere: **what should your city "
        "change first?** The proposals with the most supports will be discussed with the "
        "city councils of the network."
    ),
    "organisation": "Amman Learning City Network",
    "by": "researcher",
    "zone": "Asia/Amman",
    "opens": -10,
    "closes": 35,
    "max_age": 30,
    "goals": [4, 11],
    "summary": "",
}

CITY_ROOM_PARTICIPANTS = [
    ("learner", 22, "ZA"), ("amina", 15, "NG"), ("noah", 20, "DE"), ("yasmine", 19, "MA"),
    ("lin", 14, "CN"), ("mateo", 17, "CO"),
]  # fmt: skip

CITY_ROOM_PROPOSALS = [
    DemoProposal(
        "learner", "Libraries open until midnight in exam weeks",
        "Many of us cannot study at home. In exam weeks, keep at least one library per "
        "district open until midnight.",
        ["amina", "noah", "yasmine"],
        [("amina", "In Kano the library closes at four. This would change everything.")],
    ),
    DemoProposal(
        "yasmine", "مساحات للدراسة في الحدائق العامة",
        "طاولات وظل وإنترنت مجاني في الحدائق العامة، حتى نتعلم معاً في الهواء الطلق.",
        ["lin", "learner"],
    ),
    DemoProposal(
        "noah", "Free buses to learning places for under-25s",
        "Museums, libraries and workshops are useless if we cannot afford the bus to reach "
        "them.",
        ["mateo"],
    ),
]  # fmt: skip

CONSULTATIONS = [
    (CLIMATE_SCHOOL, CLIMATE_SCHOOL_PARTICIPANTS, CLIMATE_SCHOOL_PROPOSALS),
    (CITY_ROOM, CITY_ROOM_PARTICIPANTS, CITY_ROOM_PROPOSALS),
]


def _email(short: str) -> str:
    return short if "@" in short else f"{short}@demo.learningplanet.local"


class ConsultationLoader:
    def __init__(self, people: dict, organisations: dict, *, today: date):
        self.people = people
        self.organisations = organisations
        self.today = today
        self.created = 0

    def load(self) -> int:
        for spec, participants, proposals in CONSULTATIONS:
            if not Consultation.objects.filter(title=spec["title"]).exists():
                self._consultation(spec, participants, proposals)
        return self.created

    def _at(self, zone, days: int, clock: time) -> datetime:
        return datetime.combine(self.today + timedelta(days=days), clock, tzinfo=zone)

    def _consultation(self, spec: dict, participants: list, proposals: list) -> None:
        zone = zoneinfo.ZoneInfo(spec["zone"])
        opens_at = self._at(zone, spec["opens"], time(9))
        closes_at = self._at(zone, spec["closes"], time(23, 59))
        consultation = Consultation.objects.create(
            title=spec["title"],
            context=spec["context"],
            content_language="en",
            organisation=self.organisations.get(spec["organisation"]),
            timezone=spec["zone"],
            opens_at=opens_at,
            closes_at=closes_at,
            max_age=spec["max_age"],
            status=ConsultationStatus.PUBLISHED,
            summary=spec["summary"],
            summary_published_at=closes_at + timedelta(days=30) if spec["summary"] else None,
            created_by=self.people.get(_email(spec["by"])),
        )
        consultation.goals.set(Goal.objects.filter(number__in=spec["goals"]))
        declared = {}
        for email, age, country in participants:
            assert not consultation.refusal(age, country), (email, age)
            declared[email] = Participant.objects.create(
                consultation=consultation, user=self.people[_email(email)], age=age,
                country=country,
            )  # fmt: skip
        for n, spec_proposal in enumerate(proposals):
            written = opens_at + timedelta(days=1 + 2 * n, hours=n)
            self._proposal(consultation, declared, spec_proposal, written, closes_at)
        self.created += 1

    def _proposal(self, consultation, declared, spec: DemoProposal, written, closes_at) -> None:
        author = declared[spec.by]
        proposal = Proposal.objects.create(
            consultation=consultation,
            participant=author,
            title=spec.title,
            body=spec.body,
            retained=bool(spec.answer),
            answer=spec.answer,
            answered_at=closes_at + timedelta(days=20) if spec.answer else None,
        )
        Proposal.objects.filter(pk=proposal.pk).update(created_at=written)
        for email in spec.supporters:
            # The rules of `participation.support`: a declared participant, not the author.
            assert email in declared and email != spec.by, (spec.title, email)
            Support.objects.create(proposal=proposal, user=declared[email].user)
        for n, (email, text) in enumerate(spec.comments):
            assert email in declared, (spec.title, email)
            comment = ProposalComment.objects.create(
                proposal=proposal, author=declared[email].user, body=text
            )
            ProposalComment.objects.filter(pk=comment.pk).update(
                created_at=written + timedelta(hours=5 + 7 * n)
            )


def load_consultations(people: dict, organisations: dict, *, today: date | None = None) -> int:
    """Create the demo consultations that are missing, with their participants, proposals,
    supports, comments and answers; return how many."""
    loader = ConsultationLoader(people, organisations, today=today or timezone.localdate())
    return loader.load()

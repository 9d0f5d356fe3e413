"""Demo challenges: "The Little Prince is back", a writing contest run from start to finish
(entries, a blind jury with a weighted rubric, scores, winners, published results), and
"Schools for climate repair", a call for projects open now with public voting.

Every text here is written for this demo. Loading is idempotent: a challenge is found by its
title and left as it is; only a missing one is created, with all that belongs to it. No e-mail
is sent: the contest's outcomes are recorded as already sent.
"""

import io
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from planet.challenges.models import (
    Answer,
    Assignment,
    Challenge,
    ChallengeKind,
    ChallengeStatus,
    Criterion,
    Juror,
    Participation,
    Question,
    QuestionKind,
    Score,
    Submission,
    SubmissionStatus,
    Vote,
)
from planet.projects.models import Project, Status, TeamRole
from planet.sdgs.models import Goal

# Young writers who entered the contest, in the same shape as load_demo.PEOPLE.
WRITERS = [
    ("ines@demo.learningplanet.local", "Inès Benali", "FR", "Marseille", ["fr", "ar"],
     ["creative writing"], [4, 11], "Writes stories on the bus to school.", "member"),
    ("mateo@demo.learningplanet.local", "Mateo Rojas", "CO", "Medellín", ["es", "en"],
     ["poetry", "theatre"], [6, 15], "Plays in his school's theatre group.", "member"),
    ("amina@demo.learningplanet.local", "Amina Yusuf", "NG", "Kano", ["en", "ha"],
     ["journalism"], [5, 13], "Runs her school newspaper.", "member"),
    ("lin@demo.learningplanet.local", "Lin Xiaoyu", "CN", "Chengdu", ["zh", "en"],
     ["illustration", "storytelling"], [7, 13], "Draws the stories she writes.", "member"),
    ("yasmine@demo.learningplanet.local", "Yasmine El Amrani", "MA", "Rabat", ["ar", "fr"],
     ["storytelling"], [6, 15], "Collects the tales her grandmother tells.", "member"),
    ("kofi@demo.learningplanet.local", "Kofi Mensah", "GH", "Kumasi", ["en", "tw"],
     ["comics", "gardening"], [2, 15], "Keeps the school garden and draws comics.", "member"),
    ("priya@demo.learningplanet.local", "Priya Raman", "IN", "Chennai", ["ta", "en"],
     ["letters", "debating"], [4, 10], "Writes letters to people she admires.", "member"),
    ("noah@demo.learningplanet.local", "Noah Schneider", "DE", "Hamburg", ["de", "en"],
     ["science fiction"], [9, 14], "Builds model boats and imagines floating cities.", "member"),
    ("beatriz@demo.learningplanet.local", "Beatriz Lima", "BR", "Belém", ["pt", "es"],
     ["school gardens"], [2, 4], "Grows beans and stories in her school's garden.", "member"),
]  # fmt: skip

ORGANISER = "organiser@demo.learningplanet.local"
JURORS = [
    "curator@demo.learningplanet.local",
    "researcher@demo.learningplanet.local",
    "teacher@demo.learningplanet.local",
]
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SAO_PAULO = zoneinfo.ZoneInfo("America/Sao_Paulo")

LITTLE_PRINCE = {
    "kind": ChallengeKind.CONTEST,
    "title": "The Little Prince is back",
    "summary": "A writing contest for young people: the Little Prince returns to a planet of "
    "today. What does he find, and what does he learn?",
    "description": (
        "## The contest\n\n"
        "Eighty years after his journey, the Little Prince comes back. The baobabs have "
        "changed, the roses are worried, and the businessman is counting carbon now. Write "
        "the story of his return to a planet of today: yours.\n\n"
        "## How it works\n\n"
        "- One story per person, up to **2,000 words**, in any language.\n"
        "- Add an illustration if you like to draw.\n"
        "- A jury of three reads every story without knowing who wrote it.\n\n"
        "The selected stories are published on 24 January, the International Day of Education."
    ),
    "goals": [4, 16],
    "organisation": "La Fabrique du Quartier",
    "opens_at": datetime(2020, 6, 29, 0, 0, tzinfo=PARIS),
    "closes_at": datetime(2020, 11, 30, 23, 59, tzinfo=PARIS),
    "review_ends_at": datetime(2021, 1, 15, 23, 59, tzinfo=PARIS),
    "results_at": datetime(2021, 1, 24, 10, 0, tzinfo=PARIS),
    "prizes": "The winning stories are printed in a small book sent to every school that took "
    "part, and read aloud at the Festival of Learning. Every selected story is published here.",
}

AGE_BANDS = ["8–11", "12–14", "15–18", "19–25"]

# entrant, title, age band, consent, outcome, story, illustration colour or None, and two
# reviews (imagination, writing, link to the SDGs, comment), by jurors i and i+1 in turn.
STORIES = [
    ("lin@demo.learningplanet.local", "小王子与会说话的风车", "12–14", True, "winner",
     "小王子降落在一片安静的山坡上。一座旧风车对他说：“我曾经磨面粉，现在我给整个村子发电。”\n\n"
     "小王子问：“那你累吗？”风车笑了：“风从来不累，只要人们记得关灯。”\n\n"
     "那天晚上，小王子数着村子里的灯，一盏一盏地，像数星星一样。",
     (40, 90, 200), [(10, 9, 9, "A windmill that speaks with such gentleness: unforgettable."),
                     (9, 9, 10, "Short, precise, and the energy theme is woven in lightly.")]),
    ("ines@demo.learningplanet.local", "Le Petit Prince et la ville sans arbres", "15–18", True,
     "winner",
     "Le Petit Prince arriva dans une ville où il n’y avait plus un seul arbre. Les enfants "
     "dessinaient des feuilles sur les murs pour se souvenir.\n\n"
     "« Chez moi, dit-il, on arrache les baobabs. Ici, vous avez arraché tout le reste. »\n\n"
     "Alors une petite fille lui montra une graine dans sa poche. Ils la plantèrent entre deux "
     "pavés, et toute la rue vint l’arroser.",
     None, [(9, 9, 8, "The mirror with the baobabs is a brilliant idea."),
            (9, 8, 9, "A city that learns to care again; the ending is moving.")]),
    ("kofi@demo.learningplanet.local", "The Baobabs of Kumasi", "12–14", True, "winner",
     "In Kumasi the Little Prince found a baobab that nobody wanted to pull out. It was the "
     "school's meeting tree, and under it the pupils decided everything.\n\n"
     "\"On my planet baobabs are dangerous,\" he said. \"Only when nobody looks after them,\" "
     "answered Kofi. \"Here, we all do.\"",
     (30, 140, 60), [(9, 8, 9, "Turns the original upside down with real wit."),
                     (8, 8, 10, "Care for a shared place: exactly the spirit of the goals.")]),
    ("mateo@demo.learningplanet.local", "El Principito y el río que se olvidó de cantar", "15–18",
     True, "selected",
     "El río de Medellín había dejado de cantar. El Principito se sentó en la orilla y esperó "
     "toda una tarde, pero el agua solo traía bolsas y silencio.\n\n"
     "Un grupo de estudiantes llegó con guantes y redes. «No sabemos si volverá a cantar», "
     "dijeron. «Pero queremos estar aquí cuando lo haga».",
     None, [(8, 8, 8, "A lovely image of a river that forgot its song."),
            (8, 7, 9, "Honest about what is uncertain; good dialogue.")]),
    ("yasmine@demo.learningplanet.local", "عودة الأمير الصغير إلى الواحة", "12–14", True,
     "selected",
     "عاد الأمير الصغير إلى الصحراء، فوجد الواحة أصغر مما تركها. قالت له النخلة: «الماء يرحل "
     "كل عام أبعد قليلا».\n\nجلس مع أطفال القرية، وتعلموا معا كيف يحفظون كل قطرة. وفي المساء "
     "قال الأمير: «البئر جميلة لأنها تخبئ شيئا في مكان ما».",
     None, [(8, 7, 8, "The echo of the desert well is handled with care."),
            (7, 8, 9, "Water as a shared treasure: clear and touching.")]),
    ("learner@demo.learningplanet.local", "The Rose Who Counted Plastic", "15–18", True,
     "selected",
     "The rose had grown thorns against the wind, but nothing had prepared her for plastic. "
     "Every morning she counted the bottles that the tide left at her feet.\n\n"
     "When the Little Prince came back, she did not ask for a glass globe. She asked for "
     "volunteers, and a Saturday.",
     None, [(7, 7, 10, "A rose turned activist: funny and sharp."),
            (8, 6, 9, "Strong idea; the writing could breathe a little more.")]),
    ("aigerim@demo.learningplanet.local", "Маленький принц и тихая библиотека", "19–25", False,
     "selected",
     "В горной деревне Маленький принц нашёл библиотеку, куда никто не приходил. Книги "
     "скучали и шептали друг другу свои истории.\n\nОн привёл детей, потом их родителей, потом "
     "бабушек. Через месяц библиотека стала самым шумным местом в деревне.",
     None, [(7, 8, 6, "A warm story about learning at every age."),
            (8, 7, 6, "Beautifully written; the link to the goals is implicit.")]),
    ("amina@demo.learningplanet.local", "A Fox at the Climate Summit", "15–18", True,
     "not_selected",
     "The fox had been invited to speak at the summit, but nobody had taught the delegates how "
     "to listen. \"It is only with the heart that one can see rightly,\" he began, and half "
     "the room checked their phones.",
     None, [(6, 7, 9, "A clever premise that stops too early."),
            (7, 6, 8, "Good satire; we wanted to know what happened next.")]),
    ("tomas@demo.learningplanet.local", "The Lamplighter's Solar Panel", "19–25", True,
     "not_selected",
     "The lamplighter no longer lights his lamp every minute. A solar panel does it for him, "
     "and he has time, at last, to read. The Little Prince finds him happy and a little bored.",
     None, [(7, 6, 8, "A neat update of the lamplighter."),
            (7, 6, 8, "Pleasant; the story needs a turn.")]),
    ("priya@demo.learningplanet.local", "A Letter to the Little Prince", "12–14", True,
     "not_selected",
     "Dear Little Prince, we have not tamed our planet yet, but we are trying. My class "
     "planted forty trees this year. Please come and see them before they grow taller than us.",
     None, [(6, 6, 7, "Sincere and hopeful."),
            (5, 7, 6, "A letter is a good form; more story would help.")]),
    ("noah@demo.learningplanet.local", "Der kleine Prinz und die Schule auf Stelzen", "15–18",
     False, "not_selected",
     "Das Meer war gestiegen, also hatten die Kinder ihre Schule auf Stelzen gebaut. Der kleine "
     "Prinz kam mit dem Boot zum Unterricht und lernte, wie man Dämme aus Austern baut.",
     None, [(6, 5, 5, "An original setting."),
            (7, 5, 4, "Great image of the school on stilts; the text is rushed.")]),
    ("beatriz@demo.learningplanet.local", "O Pequeno Príncipe e a horta da escola", "8–11", True,
     "not_selected",
     "O Pequeno Príncipe encontrou uma horta atrás da escola. Cada criança cuidava de um "
     "canteiro, e ninguém arrancava nada antes da hora.\n\n\"Aqui ninguém tem pressa\", disse "
     "Beatriz. \"O feijão ensina a esperar.\"",
     None, [(5, 6, 8, "A gentle story with a good last line."),
            (6, 5, 7, "Charming for such a young writer.")]),
]  # fmt: skip

CALL = {
    "kind": ChallengeKind.CALL,
    "title": "Schools for climate repair",
    "summary": "A call for school projects that repair a piece of their local climate: water, "
    "soil, air, biodiversity. Selected projects get mentoring and a small grant.",
    "description": (
        "## What we look for\n\n"
        "Projects where learners **repair something real** near their school: a stream, a "
        "schoolyard, a wasteland turned into a garden, the shade of a street. The project may "
        "be an idea or already running.\n\n"
        "## What selected teams receive\n\n"
        "Six months of mentoring by teachers who have done it before, a grant for materials, "
        "and a page on LearningPlanet to share what they learn."
    ),
    "goals": [4, 13, 15],
    "organisation": "Escola Horizonte Verde",
    "prizes": "Ten projects receive a grant of 2,000 euros and six months of mentoring.",
}

CALL_ENTRIES = [
    # entrant, title, team, school, plan, parts, link, submitted
    ("learner@demo.learningplanet.local", "Dune gardens for Durban's beaches",
     "Durban Youth for Oceans", "Umlazi Secondary School",
     "Pupils grow dune plants in the schoolyard and plant them with the city's coastal team, "
     "then measure how much sand stays in place after each storm.",
     ["Soil", "Biodiversity"], "https://example.org/dune-gardens", True),
    ("aigerim@demo.learningplanet.local", "Shade for the village school", "Green Naryn",
     "Naryn School No. 3",
     "Learners map the hottest corners of the school, plant poplars and willows with their "
     "families, and keep a temperature log through the summer.",
     ["Air", "Biodiversity"], "", True),
    ("tomas@demo.learningplanet.local", "Rain gardens in Kaunas schoolyards", "Kaunas Rain Team",
     "Kaunas Gymnasium",
     "Students design rain gardens that take the water from the school roofs, and teach the "
     "primary classes how to look after them.",
     ["Water", "Soil"], "https://example.org/rain-gardens", True),
    ("ines@demo.learningplanet.local", "A wild corner in the schoolyard", "",
     "Collège du Vieux-Port",
     "We want to let a corner of the yard grow wild and count the insects that come back.",
     ["Biodiversity"], "", False),
]  # fmt: skip

CLIMATE_PARTS = ["Water", "Soil", "Air", "Biodiversity", "Energy", "Waste"]


def _picture(colour: tuple[int, int, int]) -> ContentFile:
    """A small drawing: a planet with a rose on it, in the entry's colour."""
    image = Image.new("RGB", (480, 320), (14, 22, 48))
    draw = ImageDraw.Draw(image)
    for x, y in ((40, 40), (420, 60), (90, 270), (380, 250), (250, 30)):
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=(255, 236, 150))
    draw.ellipse((150, 110, 330, 290), fill=colour)
    draw.line((240, 110, 240, 70), fill=(40, 120, 40), width=4)
    draw.ellipse((225, 45, 255, 75), fill=(210, 40, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="illustration.png")


class ChallengeLoader:
    def __init__(self, people: dict, organisations: dict, *, today: date):
        self.people = people
        self.organisations = organisations
        self.today = today
        self.created = 0

    def load(self) -> int:
        if not Challenge.objects.filter(title=LITTLE_PRINCE["title"]).exists():
            self._little_prince()
        if not Challenge.objects.filter(title=CALL["title"]).exists():
            self._call()
        return self.created

    def _challenge(self, spec: dict, **extra) -> Challenge:
        fields = {k: v for k, v in spec.items() if k not in ("goals", "organisation")}
        challenge = Challenge.objects.create(
            organisation=self.organisations[spec["organisation"]],
            status=ChallengeStatus.PUBLISHED,
            content_language="en",
            **fields,
            **extra,
        )
        challenge.goals.set(Goal.objects.filter(number__in=spec["goals"]))
        self.created += 1
        return challenge

    # The writing contest, from the call to the published results ---------------------------

    def _little_prince(self) -> None:
        contest = self._challenge(
            LITTLE_PRINCE,
            created_by=self.people[ORGANISER],
            timezone="Europe/Paris",
            min_age=8,
            max_age=25,
            participation=Participation.INDIVIDUAL,
            reviews_per_submission=2,
            scale_min=0,
            scale_max=10,
            blind_review=True,
            share_comments=True,
        )
        questions = self._contest_questions(contest)
        criteria = [
            Criterion.objects.create(challenge=contest, position=n, name=name, weight=weight,
                                     description=description)
            for n, (name, weight, description) in enumerate([
                ("Imagination", 3, "A fresh idea, a world of its own, surprises."),
                ("Writing", 2, "Clear, alive, with its own voice."),
                ("Link to the SDGs", 1, "The story makes us feel what is at stake."),
            ])
        ]  # fmt: skip
        jurors = [Juror.objects.create(challenge=contest, user=self.people[e]) for e in JURORS]
        for position, story in enumerate(STORIES):
            entry = self._story(contest, questions, position, story)
            for turn, review in enumerate(story[7]):
                self._review(entry, jurors[(position + turn) % len(jurors)], criteria, review)
        announced = contest.results_at
        contest.results_finalised_at = datetime(2021, 1, 16, 11, 0, tzinfo=PARIS)
        contest.results_published_at = announced
        contest.outcomes_sent_at = announced + timedelta(minutes=1)
        contest.save()

    def _contest_questions(self, contest) -> dict[str, Question]:
        def ask(position, kind, label, **extra):
            return Question.objects.create(
                challenge=contest, position=position, kind=kind, label=label, **extra
            )

        return {
            "story": ask(0, QuestionKind.LONG_TEXT, "Your story", word_limit=2000,
                         help_text="Up to 2,000 words, in the language you write best."),
            "age": ask(1, QuestionKind.SINGLE_CHOICE, "Your age", choices=AGE_BANDS),
            "picture": ask(2, QuestionKind.FILE, "An illustration", required=False,
                           file_kinds=["picture"], max_file_mb=5,
                           help_text="A drawing or a photo of one (PNG, JPEG or WebP)."),
        }  # fmt: skip

    def _story(self, contest, questions, position, story) -> Submission:
        email, title, age, consent, outcome, text, colour, _reviews = story
        submitted = contest.opens_at + timedelta(days=12 * position + 9, hours=position)
        entry = Submission.objects.create(
            challenge=contest,
            entrant=self.people[email],
            title=title,
            status=SubmissionStatus.SUBMITTED,
            consent_to_publish=consent,
            submitted_at=submitted,
            outcome=outcome,
            outcome_sent_at=contest.results_at + timedelta(minutes=1),
        )
        Submission.objects.filter(pk=entry.pk).update(created_at=submitted, updated_at=submitted)
        Answer.objects.create(submission=entry, question=questions["story"], text=text)
        Answer.objects.create(submission=entry, question=questions["age"], choices=[age])
        if colour:
            Answer.objects.create(
                submission=entry, question=questions["picture"], file=_picture(colour),
                file_type="png", original_name="illustration.png",
            )  # fmt: skip
        return entry

    def _review(self, entry, juror, criteria, review) -> None:
        *values, comment = review
        done = datetime(2020, 12, 10, 18, 0, tzinfo=PARIS) + timedelta(days=entry.pk % 30)
        assignment = Assignment.objects.create(
            submission=entry, juror=juror, round=1, comment=comment, completed_at=done
        )
        Score.objects.bulk_create(
            Score(assignment=assignment, criterion=criterion, value=value)
            for criterion, value in zip(criteria, values, strict=True)
        )

    # The open call for projects ------------------------------------------------------------

    def _call(self) -> None:
        opens = datetime.combine(self.today - timedelta(days=14), time(8, 0), tzinfo=SAO_PAULO)
        closes = datetime.combine(self.today + timedelta(days=42), time(23, 59), tzinfo=SAO_PAULO)
        call = self._challenge(
            CALL,
            created_by=self.people["teacher@demo.learningplanet.local"],
            timezone="America/Sao_Paulo",
            opens_at=opens,
            closes_at=closes,
            review_ends_at=closes + timedelta(days=28),
            results_at=(closes + timedelta(days=35)).replace(hour=10, minute=0),
            min_age=10,
            max_age=18,
            participation=Participation.TEAM,
            max_entries_per_person=2,
            reviews_per_submission=2,
            scale_min=1,
            scale_max=5,
            voting_opens_at=opens + timedelta(days=7),
            voting_closes_at=closes,
        )
        questions = self._call_questions(call)
        for position, (name, weight) in enumerate(
            [("Repairs something real", 2), ("Learners lead", 2), ("Can be done", 1)]
        ):
            Criterion.objects.create(challenge=call, position=position, name=name, weight=weight)
        for email in JURORS[:2]:
            Juror.objects.create(challenge=call, user=self.people[email])
        entries = [self._project_entry(call, questions, spec) for spec in CALL_ENTRIES]
        voters = ["admin@demo.learningplanet.local", "organiser@demo.learningplanet.local",
                  "kofi@demo.learningplanet.local", "priya@demo.learningplanet.local"]  # fmt: skip
        votable = [entry for entry in entries if entry.status == SubmissionStatus.SUBMITTED]
        Vote.objects.bulk_create(
            Vote(submission=entry, voter=self.people[voter])
            for n, voter in enumerate(voters)
            for entry in votable[: 1 + n % len(votable)]
        )

    def _call_questions(self, call) -> dict[str, Question]:
        def ask(position, kind, label, **extra):
            return Question.objects.create(
                challenge=call, position=position, kind=kind, label=label, **extra
            )

        return {
            "school": ask(0, QuestionKind.SHORT_TEXT, "Name of your school or learning place"),
            "plan": ask(1, QuestionKind.LONG_TEXT, "What will your learners repair, and how?",
                        word_limit=500, help_text="Who takes part, what they do, by when."),
            "parts": ask(2, QuestionKind.MULTIPLE_CHOICE, "What does your project repair?",
                         choices=CLIMATE_PARTS),
            "project": ask(3, QuestionKind.PROJECT, "Your project on LearningPlanet",
                           required=False,
                           help_text="If the project already has a page, choose it here."),
            "link": ask(4, QuestionKind.LINK, "A video or photo album", required=False),
            "plan_file": ask(5, QuestionKind.FILE, "Your plan as a document", required=False,
                             file_kinds=["pdf", "document"], max_file_mb=5),
        }  # fmt: skip

    def _project_entry(self, call, questions, spec) -> Submission:
        email, title, team, school, plan, parts, link, submitted = spec
        entrant = self.people[email]
        moment = call.opens_at + timedelta(days=3, hours=len(title))
        entry = Submission.objects.create(
            challenge=call,
            entrant=entrant,
            title=title,
            team_name=team,
            status=SubmissionStatus.SUBMITTED if submitted else SubmissionStatus.DRAFT,
            consent_to_publish=submitted,
            submitted_at=moment if submitted else None,
        )
        own_project = Project.objects.filter(
            status=Status.PUBLISHED, team__user=entrant, team__role=TeamRole.OWNER
        ).first()
        Answer.objects.bulk_create([
            Answer(submission=entry, question=questions["school"], text=school),
            Answer(submission=entry, question=questions["plan"], text=plan),
            Answer(submission=entry, question=questions["parts"], choices=parts),
            Answer(submission=entry, question=questions["project"], project=own_project),
            Answer(submission=entry, question=questions["link"], url=link),
        ])  # fmt: skip
        return entry


def load_challenges(people: dict, organisations: dict, *, today: date) -> int:
    """Create the demo challenges that are missing; return how many."""
    return ChallengeLoader(people, organisations, today=today).load()

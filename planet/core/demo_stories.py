"""Demo stories: news, essays, development updates and guest stories by the demo people, in
several languages and tagged with SDGs, most published, one guest story awaiting the editors
and one sent back to its author with a note; and one member given the story editor role.

Every text here is written for this demo. Loading is idempotent: a story is found by its
title and left as it is; only a missing one is created. No e-mail is sent: decisions on guest
stories are recorded as already made.
"""

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from planet.sdgs.models import Goal
from planet.stories.models import Story, StoryEditor, StoryKind, StoryStatus

CURATOR = "curator@demo.learningplanet.local"
EDITOR = "organiser@demo.learningplanet.local"  # given the story editor role by the curator


@dataclass(frozen=True)
class DemoStory:
    kind: str
    title: str
    summary: str
    body: str
    language: str
    by: str  # the author's e-mail, short form ("teacher" → teacher@demo.learningplanet.local)
    goals: list[int]
    days_ago: int  # published (or submitted) this many days before today
    status: str = StoryStatus.PUBLISHED
    note: str = ""  # the editors' note, for a story sent back with changes requested
    cover: tuple[int, int, int] | None = None  # a colour for a drawn cover, or no cover


STORIES = [
    DemoStory(
        StoryKind.NEWS, "The Open Campus opens its doors",
        "A catalogue of tools and resources that help schools, cities and third places act "
        "on the SDGs, reviewed by the people who use them.",
        "## A shared shelf\n\n"
        "Teachers kept asking each other the same question: *what do you use?* The Open "
        "Campus is our answer: a catalogue of platforms, toolkits, courses and datasets, each "
        "one proposed by a member and checked by the curators.\n\n"
        "## Tell us what works\n\n"
        "- Organisations say which resources they **use**, so the most used rise to the top.\n"
        "- Members leave short **reviews** with a rating from 1 to 5.\n"
        "- The map of **learning opportunities** shows courses, internships, volunteering and "
        "workshops near you.\n",
        "en", "curator", [4, 17], 20, cover=(40, 110, 170),
    ),
    DemoStory(
        StoryKind.NEWS, "Festival de l'apprentissage 2027 : proposez votre événement",
        "Écoles, bibliothèques et tiers-lieux peuvent dès maintenant proposer leurs "
        "événements pour l'édition de janvier.",
        "Du 20 au 28 janvier 2027, le Festival de l'apprentissage revient autour de la "
        "Journée internationale de l'éducation.\n\n"
        "Publiez votre événement sur LearningPlanet puis proposez-le au festival : l'équipe "
        "du festival l'ajoute au programme mondial. Ateliers, lectures, portes ouvertes, "
        "hackathons : tout ce qui fait apprendre ensemble a sa place.\n\n"
        "À Lyon, La Fabrique du Quartier ouvre déjà un café de réparation pour les familles.",
        "fr", "organiser", [4, 11], 9, cover=(230, 150, 40),
    ),
    DemoStory(
        StoryKind.ESSAY, "Enseñar con preguntas que no tienen una sola respuesta",
        "Lo que aprendimos al formar docentes con desafíos reales en lugar de ejercicios "
        "cerrados.",
        "Durante años formé docentes con ejercicios que tenían una respuesta correcta. "
        "Funcionaban bien en el aula de formación y muy poco en la escuela.\n\n"
        "Cuando empezamos a trabajar con preguntas abiertas —¿cómo bajamos el calor en el "
        "patio?, ¿por qué se inunda esta calle?— cambió algo: los docentes dejaron de "
        "preguntar qué quería yo escuchar y empezaron a preguntar a sus vecinos.\n\n"
        "Un desafío real no se evalúa con una clave de respuestas. Se evalúa con lo que la "
        "comunidad puede hacer después.",
        "es", "curator", [4, 10], 35,
    ),
    DemoStory(
        StoryKind.ESSAY, "How pedagogies travel between cities",
        "A program proven in one city rarely works unchanged in another. What travels is "
        "the question, not the answer.",
        "In three years of following programs from one city to the next, I have seen very "
        "few copied as they were. The ones that spread kept their **question** and changed "
        "almost everything else: the timetable, the partners, the language of the "
        "materials.\n\n"
        "So when we document a program, we should write down what we would keep and what we "
        "would let go. That second list is the most useful page for the next city.",
        "en", "researcher", [4, 11, 17], 48, cover=(120, 70, 150),
    ),
    DemoStory(
        StoryKind.UPDATE, "Search now finds stories, resources and consultations",
        "One search box for projects, events, stories, the Open Campus and youth "
        "consultations, with filters by SDG and language.",
        "This month the search learned new kinds of content. Type a few words and you will "
        "find stories, Open Campus resources, learning opportunities and consultations next "
        "to projects and events.\n\n"
        "Filters by kind, SDG and language work across all of them, and a typo no longer "
        "hides what you were looking for.",
        "en", "admin", [17], 5,
    ),
    DemoStory(
        StoryKind.UPDATE, "Новые функции для сети обучения взрослых",
        "Как бишкекская сеть публикует курсы и открытые занятия на платформе.",
        "Этой осенью наша сеть перенесла на платформу все открытые занятия для взрослых. "
        "Теперь каждый курс виден на карте возможностей обучения, а участники могут "
        "оставить отзыв.\n\n"
        "Следующий шаг — волонтёры-наставники для жителей горных сёл.",
        "ru", "aigerim", [4, 8], 14,
    ),
    DemoStory(
        StoryKind.GUEST, "What the tide taught us",
        "Every Saturday we count what the sea brings back to our beach. The numbers "
        "changed our school more than the clean-ups did.",
        "We started with bags and gloves. After a month we added a notebook, and that was "
        "the real beginning: bottle caps, straws, fishing line, counted and mapped.\n\n"
        "When we showed the map to the city, they moved two bins and the numbers dropped. "
        "Now the younger pupils run the count themselves.",
        "en", "learner", [13, 14], 27, cover=(20, 140, 160),
    ),
    DemoStory(
        StoryKind.GUEST, "Feijões, minhocas e perguntas",
        "A horta da escola virou o nosso laboratório de ciências, e as minhocas, as nossas "
        "professoras.",
        "No começo ninguém queria mexer na terra. Depois descobrimos as minhocas, e cada "
        "turma quis saber quantas havia no seu canteiro.\n\n"
        "Medimos, comparamos, escrevemos. O feijão cresceu mais onde havia mais minhocas, e "
        "agora a cozinha da escola usa o que colhemos.",
        "pt", "beatriz", [2, 4, 15], 40,
    ),
    DemoStory(
        StoryKind.GUEST, "حكايات جدتي والماء",
        "كانت جدتي تقول إن الواحة تتذكر كل قطرة ماء. في مدرستنا بدأنا نقيس المطر.",
        "كانت جدتي تقول إن الواحة تتذكر كل قطرة ماء. لم أفهم ما تعنيه حتى بدأنا في "
        "المدرسة نقيس المطر ونكتب ما نتعلمه في دفتر مشترك.\n\n"
        "اليوم نعرف متى تمتلئ الآبار ومتى تجف، ونشارك الدفتر مع المزارعين في الحي.",
        "ar", "yasmine", [4, 6], 60,
    ),
    # Guest stories the editors have not published (yet).
    DemoStory(
        StoryKind.GUEST, "Comics from the school garden",
        "A comic strip a week about what grows, what eats it and what we learn from both.",
        "Every Monday I draw one page about the garden: the snail that ate the lettuce, the "
        "beans that climbed the fence, the rain that came too late.\n\n"
        "The younger pupils read them in the corridor and now they come to the garden to "
        "check whether the story was true.",
        "en", "kofi", [2, 15], 2, status=StoryStatus.SUBMITTED,
    ),
    DemoStory(
        StoryKind.GUEST, "A floating city for Hamburg",
        "Our class imagined how Hamburg could live with a higher river, and built a model "
        "of it.",
        "We built a model of a district that floats when the Elbe rises: houses on pontoons, "
        "gardens on the roofs, a school that is also a boat.",
        "en", "noah", [9, 11, 14], 6, status=StoryStatus.CHANGES_REQUESTED,
        note="What a good idea! Could you tell us how your class built the model and what "
        "you learned on the way, and add a photo of it? Then send it to us again.",
    ),
]  # fmt: skip


def _email(short: str) -> str:
    return short if "@" in short else f"{short}@demo.learningplanet.local"


def _cover(colour: tuple[int, int, int]) -> ContentFile:
    """A small banner: hills under a sun, in the story's colour."""
    image = Image.new("RGB", (640, 360), (245, 240, 228))
    draw = ImageDraw.Draw(image)
    draw.ellipse((460, 40, 560, 140), fill=(250, 200, 70))
    draw.ellipse((-120, 200, 380, 520), fill=colour)
    draw.ellipse((240, 230, 780, 600), fill=tuple(max(0, c - 40) for c in colour))
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=80)
    return ContentFile(buffer.getvalue(), name="cover.webp")


class StoryLoader:
    def __init__(self, people: dict, *, today: date):
        self.people = people
        self.today = today
        self.created = 0

    def load(self) -> int:
        curator = self.people.get(CURATOR)
        if EDITOR in self.people:
            StoryEditor.objects.get_or_create(
                user=self.people[EDITOR], defaults={"granted_by": curator}
            )
        for spec in STORIES:
            if not Story.objects.filter(title=spec.title).exists():
                self._story(spec, curator)
        return self.created

    def _story(self, spec: DemoStory, curator) -> None:
        author = self.people[_email(spec.by)]
        when = datetime.combine(self.today - timedelta(days=spec.days_ago), time(9), tzinfo=UTC)
        guest = spec.kind == StoryKind.GUEST
        published = spec.status == StoryStatus.PUBLISHED
        story = Story(
            kind=spec.kind,
            title=spec.title,
            summary=spec.summary,
            body=spec.body,
            content_language=spec.language,
            status=spec.status,
            editor_note=spec.note,
            submitted_at=when - timedelta(days=3) if guest else None,
            reviewed_by=curator if guest and spec.status != StoryStatus.SUBMITTED else None,
            reviewed_at=when if guest and spec.status != StoryStatus.SUBMITTED else None,
            published_at=when if published else None,
            created_by=author,
        )
        if guest and spec.status == StoryStatus.SUBMITTED:
            story.submitted_at = when
        story.save()  # first, so that the slug that names the cover file is set
        if spec.cover:
            story.cover_alt = "A drawing of green hills under a yellow sun."
            story.cover.save("cover.webp", _cover(spec.cover), save=True)
        story.authors.add(author)
        story.goals.set(Goal.objects.filter(number__in=spec.goals))
        self.created += 1


def load_stories(people: dict, *, today: date | None = None) -> int:
    """Create the demo stories that are missing (and the demo story editor); return how many
    stories were created."""
    return StoryLoader(people, today=today or timezone.localdate()).load()

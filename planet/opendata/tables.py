"""The tables of the open data: what each one holds, its Table Schema, and its rows.

Every table starts from the model's `visible_to(AnonymousUser())` (or a public queryset built
on it), whoever asks, so drafts and hidden items never leave through the exports. A reference
to another item (an organiser, the program a project adapts) is kept only when that item is
public too, so that the package never points at a row it leaves out.

Rows are read with `.values().iterator(chunk_size=...)`: one query per chunk whatever the size
of the data, and memory that does not grow with it.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import BigIntegerField, Case, F, Q, QuerySet, When
from django.urls import reverse

from planet.accounts.models import Profile, Visibility
from planet.campus.models import LearningOpportunity, Resource
from planet.challenges.models import Challenge
from planet.consultations.models import Consultation
from planet.events.models import Event, Festival, FestivalReview
from planet.orgs.models import Organisation
from planet.projects.models import Project, ProjectLocation, Status
from planet.sdgs.models import LINKED_DATA_BASE, Goal, Target
from planet.stories.models import Story

CHUNK_SIZE = 2000
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")


@dataclass(frozen=True)
class Column:
    """One field: its name, Table Schema type and description, and where its value comes from:
    a key of the row read from the database (the name by default) or a function of the row
    (which then lists the keys it `needs`)."""

    name: str
    type: str  # integer, number, string, date, datetime or boolean
    description: str
    source: str | Callable[[dict], object] | None = None
    needs: tuple[str, ...] = ()

    @property
    def lookups(self) -> tuple[str, ...]:
        return self.needs if callable(self.source) else (self.source or self.name,)

    def value(self, row: dict):
        return self.source(row) if callable(self.source) else row[self.source or self.name]

    def schema(self) -> dict:
        return {"name": self.name, "type": self.type, "description": self.description}


@dataclass(frozen=True)
class Reference:
    """A foreign key: `column` holds the `target` of a row of `table`."""

    column: str
    table: str
    target: str = "id"


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    queryset: Callable[[], QuerySet]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ("id",)
    references: tuple[Reference, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def rows(self) -> Iterator[dict]:
        """The rows in primary key order, one query per CHUNK_SIZE rows."""
        lookups = list(dict.fromkeys(key for c in self.columns for key in c.lookups))
        order = [key for name in self.primary_key for key in self.column(name).lookups]
        rows = self.queryset().order_by(*order).values(*lookups)
        for row in rows.iterator(chunk_size=CHUNK_SIZE):
            yield {column.name: column.value(row) for column in self.columns}

    def schema(self) -> dict:
        return {
            "fields": [column.schema() for column in self.columns],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [
                {
                    "fields": reference.column,
                    "reference": {
                        "resource": "" if reference.table == self.name else reference.table,
                        "fields": reference.target,
                    },
                }
                for reference in self.references
            ],
        }


# Public querysets ---------------------------------------------------------------------------


def _anonymous():
    return AnonymousUser()


def public_projects():
    return Project.objects.visible_to(_anonymous())


def public_organisations():
    return Organisation.objects.visible_to(_anonymous())


def public_events():
    return Event.objects.visible_to(_anonymous())


def public_opportunities():
    return LearningOpportunity.objects.visible_to(_anonymous())


def public_or_null(path: str, public: QuerySet) -> Case:
    """The id the relation `path` points at when that item is in `public`, else null."""
    return Case(
        When(Q(**{f"{path}__in": public.values("pk")}), then=F(f"{path}_id")),
        default=None,
        output_field=BigIntegerField(),
    )


# Columns shared by several tables -------------------------------------------------------------


def page_url(url_name: str, key: str = "slug") -> Callable[[dict], str]:
    return lambda row: settings.SITE_URL + reverse(url_name, args=[row[key]])


def _id(description: str) -> Column:
    return Column("id", "integer", description)


def _slug() -> Column:
    return Column("slug", "string", "Stable short name, the last part of the page's address.")


def _url(url_name: str) -> Column:
    return Column("url", "string", "Address of the public page.", page_url(url_name), ("slug",))


def _country(description="Country, ISO 3166-1 alpha-2 code.") -> Column:
    return Column("country", "string", description)


def _organisation(description: str) -> Column:
    return Column("organisation_id", "integer", description, "organisation_ref")


def _with_organisation(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        organisation_ref=public_or_null("organisation", public_organisations())
    )


def _joined(key: str) -> Callable[[dict], str]:
    return lambda row: ",".join(row[key] or [])


def _texts(prefix: str, key: str, what: str) -> tuple[Column, ...]:
    """One column per UN language, from a {language: text} JSON field."""
    return tuple(
        Column(
            f"{prefix}_{language.replace('-', '_')}",
            "string",
            f"{what} in {language}.",
            lambda row, language=language: (row[key] or {}).get(language, ""),
            (key,),
        )
        for language in LANGUAGES
    )


_LATITUDE = Column("latitude", "number", "Latitude in decimal degrees (WGS 84).")
_LONGITUDE = Column("longitude", "number", "Longitude in decimal degrees (WGS 84).")
_ORGANISATION_REF = Reference("organisation_id", "organisations")


# The tables -----------------------------------------------------------------------------------

SDG_GOALS = Table(
    "sdg_goals",
    "SDG goals",
    "The 17 Sustainable Development Goals, with their UN linked-data identifiers.",
    Goal.objects.all,
    (
        Column("number", "integer", "Number of the goal, 1 to 17."),
        Column(
            "uri",
            "string",
            "UN linked-data identifier.",
            lambda row: f"{LINKED_DATA_BASE}{row['number']}",
            ("number",),
        ),
        Column("colour", "string", "Official colour, #rrggbb."),
        *_texts("short_name", "short_names", "Short name"),
        *_texts("title", "titles", "Full title"),
    ),
    primary_key=("number",),
)

SDG_TARGETS = Table(
    "sdg_targets",
    "SDG targets",
    "The targets of each goal, such as 4.7 or 17.a.",
    Target.objects.all,
    (
        Column("code", "string", "Code of the target, such as 4.7."),
        Column("goal", "integer", "Number of its goal.", "goal_id"),
        Column(
            "uri",
            "string",
            "UN linked-data identifier.",
            lambda row: f"{LINKED_DATA_BASE}{row['code']}",
            ("code",),
        ),
        *_texts("title", "titles", "Text of the target"),
    ),
    primary_key=("code",),
    references=(Reference("goal", "sdg_goals", "number"),),
)

PROJECTS = Table(
    "projects",
    "Projects",
    "Published and archived programs, social experiments, initiatives and other projects.",
    lambda: public_projects().annotate(
        replicates_ref=public_or_null("replication__origin", public_projects())
    ),
    (
        _id("Project number."),
        _slug(),
        _url("projects:detail"),
        Column(
            "kind", "string", "program, social_experiment, initiative, study, tool or campaign."
        ),
        Column("title", "string", "Title."),
        Column("summary", "string", "One-line summary."),
        Column("description", "string", "Description, in Markdown."),
        Column("content_language", "string", "Language of the title and description."),
        Column("stage", "string", "idea, running or completed."),
        Column("status", "string", "published or archived."),
        Column(
            "featured",
            "boolean",
            "Curated on the platform.",
            lambda row: row["featured_at"] is not None and row["status"] == Status.PUBLISHED,
            ("featured_at", "status"),
        ),
        Column("starts_on", "date", "First day."),
        Column("ends_on", "date", "Last day."),
        Column("published_at", "datetime", "When it was first published (UTC)."),
        Column("updated_at", "datetime", "When it last changed (UTC)."),
        Column("replicates", "integer", "The program this project adapts.", "replicates_ref"),
    ),
    references=(Reference("replicates", "projects"),),
)

PROJECT_GOALS = Table(
    "project_goals",
    "Goals of the projects",
    "Which SDG goals each project serves.",
    lambda: Project.goals.through.objects.filter(project__in=public_projects()),
    (
        Column("project_id", "integer", "Project number."),
        Column("goal", "integer", "Number of the goal.", "goal_id"),
    ),
    primary_key=("project_id", "goal"),
    references=(Reference("project_id", "projects"), Reference("goal", "sdg_goals", "number")),
)

PROJECT_TARGETS = Table(
    "project_targets",
    "Targets of the projects",
    "Which SDG targets each project addresses.",
    lambda: Project.targets.through.objects.filter(project__in=public_projects()),
    (
        Column("project_id", "integer", "Project number."),
        Column("target", "string", "Code of the target.", "target_id"),
    ),
    primary_key=("project_id", "target"),
    references=(Reference("project_id", "projects"), Reference("target", "sdg_targets", "code")),
)

PROJECT_LOCATIONS = Table(
    "project_locations",
    "Places of the projects",
    "Where each project happens.",
    lambda: ProjectLocation.objects.filter(project__in=public_projects()),
    (
        _id("Place number."),
        Column("project_id", "integer", "Project number."),
        Column("place_name", "string", "Name of the place."),
        _country(),
        _LATITUDE,
        _LONGITUDE,
    ),
    references=(Reference("project_id", "projects"),),
)

PROJECT_ORGANISATIONS = Table(
    "project_organisations",
    "Organisations of the projects",
    "Which organisations run each project.",
    lambda: Project.organisations.through.objects.filter(
        project__in=public_projects(), organisation__in=public_organisations()
    ),
    (
        Column("project_id", "integer", "Project number."),
        Column("organisation_id", "integer", "Organisation number."),
    ),
    primary_key=("project_id", "organisation_id"),
    references=(Reference("project_id", "projects"), _ORGANISATION_REF),
)

ORGANISATIONS = Table(
    "organisations",
    "Organisations",
    "Schools, universities, companies, NGOs, cities and other organisations of the community.",
    public_organisations,
    (
        _id("Organisation number."),
        _slug(),
        _url("orgs:detail"),
        Column("name", "string", "Name."),
        Column("kind", "string", "Kind of organisation (school, university, ngo, ...)."),
        _country(),
        Column("website", "string", "Website."),
        Column("description", "string", "Description."),
        Column("is_partner", "boolean", "Partner of the alliance."),
        Column("created_at", "datetime", "When it joined the platform (UTC)."),
        Column("updated_at", "datetime", "When it last changed (UTC)."),
    ),
)

FESTIVALS = Table(
    "festivals",
    "Festival editions",
    "Editions of the yearly Festival of Learning.",
    Festival.objects.all,
    (
        _id("Edition number."),
        _slug(),
        Column(
            "url", "string", "Address of the public page.", page_url("festival:edition"), ("slug",)
        ),
        Column("name", "string", "Name."),
        Column("summary", "string", "One-line summary."),
        Column("starts_on", "date", "First day."),
        Column("ends_on", "date", "Last day."),
    ),
)

EVENTS = Table(
    "events",
    "Events",
    "Published and cancelled events, each in its own time zone.",
    lambda: _with_organisation(public_events()).annotate(
        festival_ref=Case(
            When(festival_review=FestivalReview.APPROVED, then=F("festival_id")),
            default=None,
            output_field=BigIntegerField(),
        )
    ),
    (
        _id("Event number."),
        _slug(),
        _url("events:detail"),
        Column("title", "string", "Title."),
        Column("summary", "string", "One-line summary."),
        Column("description", "string", "Description, in Markdown."),
        Column("content_language", "string", "Language of the title and description."),
        Column("kind", "string", "workshop, talk, celebration, hackathon, exhibition or other."),
        Column("format", "string", "in_person, online or hybrid."),
        Column("status", "string", "published or cancelled."),
        Column("timezone", "string", "Time zone the event happens in (IANA name)."),
        Column("starts_at", "datetime", "Start (UTC)."),
        Column("ends_at", "datetime", "End (UTC)."),
        Column("place_name", "string", "Place."),
        _country(),
        _LATITUDE,
        _LONGITUDE,
        _organisation("Organiser."),
        Column("festival_id", "integer", "Festival edition it is part of.", "festival_ref"),
        Column("updated_at", "datetime", "When it last changed (UTC)."),
    ),
    references=(_ORGANISATION_REF, Reference("festival_id", "festivals")),
)

STORIES = Table(
    "stories",
    "Stories",
    "Published news, essays, development updates and guest stories.",
    lambda: Story.objects.visible_to(_anonymous()),
    (
        _id("Story number."),
        _slug(),
        _url("stories:detail"),
        Column("kind", "string", "news, essay, update or guest."),
        Column("title", "string", "Title."),
        Column("summary", "string", "Summary."),
        Column("body", "string", "Text, in Markdown."),
        Column("content_language", "string", "Language of the story."),
        Column("published_at", "datetime", "When it was published (UTC)."),
        Column("updated_at", "datetime", "When it last changed (UTC)."),
    ),
)

RESOURCES = Table(
    "resources",
    "Open Campus resources",
    "Digital solutions and learning resources of the Open Campus.",
    lambda: _with_organisation(Resource.objects.visible_to(_anonymous())),
    (
        _id("Resource number."),
        _slug(),
        _url("campus:resource"),
        Column(
            "type", "string", "platform, tool, course, toolkit, book, report, video or dataset."
        ),
        Column("title", "string", "Title."),
        Column("summary", "string", "One-line summary."),
        Column("description", "string", "Description, in Markdown."),
        Column("link", "string", "Where to find it."),
        Column("licence", "string", "Its licence (cc-by, cc0, open-source, proprietary, ...)."),
        Column("cost", "string", "free, freemium or paid."),
        Column(
            "languages",
            "string",
            "Languages, comma-separated ISO 639-1 codes.",
            _joined("languages"),
            ("languages",),
        ),
        _organisation("Organisation behind it."),
        Column("published_at", "datetime", "When it was published (UTC)."),
        Column("updated_at", "datetime", "When it last changed (UTC)."),
    ),
    references=(_ORGANISATION_REF,),
)

LEARNING_OPPORTUNITIES = Table(
    "learning_opportunities",
    "Learning opportunities",
    "Courses, internships, volunteering and workshops on the map of the Open Campus.",
    lambda: _with_organisation(public_opportunities()),
    (
        _id("Opportunity number."),
        _slug(),
        _url("campus:opportunity"),
        Column("kind", "string", "course, internship, volunteering or workshop."),
        Column("title", "string", "Title."),
        Column("summary", "string", "One-line summary."),
        Column("place_name", "string", "Place."),
        _country(),
        _LATITUDE,
        _LONGITUDE,
        Column("online", "boolean", "Takes place online."),
        Column("starts_on", "date", "First day."),
        Column("ends_on", "date", "Last day."),
        Column("application_url", "string", "How to apply."),
        _organisation("Organisation offering it."),
        Column("published_at", "datetime", "When it was published (UTC)."),
    ),
    references=(_ORGANISATION_REF,),
)

CHALLENGES = Table(
    "challenges",
    "Challenges",
    "Published contests, calls for projects and challenges.",
    lambda: _with_organisation(Challenge.objects.visible_to(_anonymous())),
    (
        _id("Challenge number."),
        _slug(),
        _url("challenges:detail"),
        Column("kind", "string", "contest, call or challenge."),
        Column("title", "string", "Title."),
        Column("summary", "string", "One-line summary."),
        Column("content_language", "string", "Language of the title and description."),
        Column("participation", "string", "individual, team or either."),
        Column("opens_at", "datetime", "Submissions open (UTC)."),
        Column("closes_at", "datetime", "Submissions close (UTC)."),
        Column("results_at", "datetime", "Results announced (UTC)."),
        _organisation("Organiser."),
        Column("updated_at", "datetime", "When it last changed (UTC)."),
    ),
    references=(_ORGANISATION_REF,),
)

CONSULTATIONS = Table(
    "consultations",
    "Consultations",
    "Published youth consultations.",
    lambda: _with_organisation(Consultation.objects.visible_to(_anonymous())),
    (
        _id("Consultation number."),
        _slug(),
        _url("consultations:detail"),
        Column("title", "string", "The question put to the community."),
        Column("content_language", "string", "Language of the question and context."),
        Column("opens_at", "datetime", "Opens (UTC)."),
        Column("closes_at", "datetime", "Closes (UTC)."),
        _organisation("Organiser."),
        Column("updated_at", "datetime", "When it last changed (UTC)."),
    ),
    references=(_ORGANISATION_REF,),
)


def goal_links(name: str, model, noun: str, table: str, public: Callable[[], QuerySet]) -> Table:
    """The table linking each public item of `model` to the SDG goals it is tagged with."""
    key = f"{model._meta.model_name}_id"
    return Table(
        name,
        f"Goals of the {table.replace('_', ' ')}",
        f"Which SDG goals each {noun} serves.",
        lambda: model.goals.through.objects.filter(**{f"{key[:-3]}__in": public()}),
        (
            Column(key, "integer", f"{noun.capitalize()} number."),
            Column("goal", "integer", "Number of the goal.", "goal_id"),
        ),
        primary_key=(key, "goal"),
        references=(Reference(key, table), Reference("goal", "sdg_goals", "number")),
    )


EVENT_GOALS = goal_links("event_goals", Event, "event", "events", public_events)
STORY_GOALS = goal_links(
    "story_goals", Story, "story", "stories", lambda: Story.objects.visible_to(_anonymous())
)
RESOURCE_GOALS = goal_links(
    "resource_goals",
    Resource,
    "resource",
    "resources",
    lambda: Resource.objects.visible_to(_anonymous()),
)
LEARNING_OPPORTUNITY_GOALS = goal_links(
    "learning_opportunity_goals",
    LearningOpportunity,
    "learning opportunity",
    "learning_opportunities",
    public_opportunities,
)
CHALLENGE_GOALS = goal_links(
    "challenge_goals",
    Challenge,
    "challenge",
    "challenges",
    lambda: Challenge.objects.visible_to(_anonymous()),
)
CONSULTATION_GOALS = goal_links(
    "consultation_goals",
    Consultation,
    "consultation",
    "consultations",
    lambda: Consultation.objects.visible_to(_anonymous()),
)


def _shown_to_everyone(group: str, key: str, default=None) -> Callable[[dict], object]:
    """A profile field given only when its owner shows its group to everyone."""
    return lambda row: row[key] if row[f"{group}_visibility"] == Visibility.PUBLIC else default


PEOPLE = Table(
    "people",
    "People",
    "Public profiles of members. Their name is always public; each other field is given only "
    "when its owner shows it to everyone, and is empty otherwise.",
    lambda: Profile.objects.visible_to(_anonymous()),
    (
        Column("handle", "string", "Stable short name, the last part of the profile's address."),
        Column(
            "url",
            "string",
            "Address of the profile page.",
            page_url("profiles:detail", "handle"),
            ("handle",),
        ),
        Column("display_name", "string", "Name the member goes by."),
        Column(
            "bio",
            "string",
            "What they tell about themselves.",
            _shown_to_everyone("about", "bio", ""),
            ("bio", "about_visibility"),
        ),
        Column(
            "country",
            "string",
            "Country, ISO 3166-1 alpha-2 code.",
            _shown_to_everyone("location", "country", ""),
            ("country", "location_visibility"),
        ),
        Column(
            "city",
            "string",
            "City.",
            _shown_to_everyone("location", "city", ""),
            ("city", "location_visibility"),
        ),
        Column(
            "languages",
            "string",
            "Languages they speak, comma-separated ISO 639-1 codes.",
            lambda row: ",".join(_shown_to_everyone("interests", "languages", [])(row) or []),
            ("languages", "interests_visibility"),
        ),
        Column(
            "skills",
            "string",
            "Skills they offer, comma-separated.",
            lambda row: ",".join(_shown_to_everyone("interests", "skills", [])(row) or []),
            ("skills", "interests_visibility"),
        ),
    ),
    primary_key=("handle",),
)

TABLES = {
    table.name: table
    for table in [
        SDG_GOALS,
        SDG_TARGETS,
        PROJECTS,
        PROJECT_GOALS,
        PROJECT_TARGETS,
        PROJECT_LOCATIONS,
        PROJECT_ORGANISATIONS,
        ORGANISATIONS,
        FESTIVALS,
        EVENTS,
        STORIES,
        RESOURCES,
        LEARNING_OPPORTUNITIES,
        CHALLENGES,
        CONSULTATIONS,
        EVENT_GOALS,
        STORY_GOALS,
        RESOURCE_GOALS,
        LEARNING_OPPORTUNITY_GOALS,
        CHALLENGE_GOALS,
        CONSULTATION_GOALS,
        PEOPLE,
    ]
}

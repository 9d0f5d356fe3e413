"""The content types searched today. A later app registers its own the same way, from its
AppConfig.ready(): `registry.register(SearchType(...))`."""

import re

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from planet.accounts.models import Profile, User, Visibility
from planet.campus.models import LearningOpportunity, Resource
from planet.challenges.models import Challenge, ChallengeStatus
from planet.consultations.models import Consultation, ConsultationStatus
from planet.events.models import Event, EventStatus
from planet.orgs.models import Organisation
from planet.projects.models import Project, ProjectLanguage, ProjectLocation
from planet.sdgs.models import Goal, Target
from planet.search.registry import Document, SearchType, register
from planet.stories.models import Story, StoryStatus

MARKDOWN_NOISE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[#*_>`~|]+")
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")


def plain(markdown: str) -> str:
    """Markdown without its markup, for indexing and snippets (link texts kept)."""
    return MARKDOWN_NOISE.sub(lambda m: m.group(1) or " ", markdown or "")


def _key(queryset):
    return queryset.values(key=Cast("pk", CharField()))


# Projects ------------------------------------------------------------------------------


def project_document(project: Project) -> Document:
    locations = list(project.locations.all())
    organisations = list(project.organisations.all())
    return Document(
        title=project.title,
        url=project.get_absolute_url(),
        body=f"{project.summary}\n{plain(project.description)}",
        keywords=" ".join(
            [loc.place_name for loc in locations] + [org.name for org in organisations]
        ),
        language=project.content_language,
        is_public=project.is_public,
        kind=project.kind,
        stage=project.stage,
        status=project.status,
        featured=project.is_featured,
        facets={
            "goal": [goal.pk for goal in project.goals.all()],
            "country": [loc.country.code for loc in locations],
            "language": [language.code for language in project.languages.all()],
            "organisation_kind": [org.kind for org in organisations],
        },
    )


def project_private_keys(user):
    """Unpublished projects the viewer may see anyway (their team's, all for curators)."""
    if not user.is_authenticated:
        return None
    return _key(Project.objects.visible_to(user).unpublished())


register(
    SearchType(
        name="project",
        label=_("Project"),
        model=Project,
        queryset=lambda: Project.objects.prefetch_related(
            "goals", "locations", "languages", "organisations"
        ),
        document=project_document,
        private_keys=project_private_keys,
        watch={
            ProjectLocation: lambda location: [location.project_id],
            ProjectLanguage: lambda language: [language.project_id],
            Organisation: lambda org: list(org.projects.values_list("pk", flat=True)),
        },
        m2m=(Project.goals.through, Project.organisations.through),
    )
)


# Challenges: published ones only, for everybody (drafts are not indexed at all) ------------


def challenge_document(challenge: Challenge) -> Document | None:
    if challenge.status != ChallengeStatus.PUBLISHED:
        return None
    organiser = challenge.organisation.name if challenge.organisation else ""
    return Document(
        title=challenge.title,
        url=challenge.get_absolute_url(),
        body=f"{challenge.summary}\n{plain(challenge.description)}",
        keywords=" ".join([str(challenge.get_kind_display()), organiser]),
        language=challenge.content_language,
        facets={"goal": [goal.pk for goal in challenge.goals.all()]},
    )


register(
    SearchType(
        name="challenge",
        label=_("Challenge"),
        model=Challenge,
        queryset=lambda: Challenge.objects.select_related("organisation").prefetch_related("goals"),
        document=challenge_document,
        watch={Organisation: lambda org: list(org.challenges.values_list("pk", flat=True))},
        m2m=(Challenge.goals.through,),
    )
)


# Events: published ones only, for everybody (drafts and cancelled events are not indexed) --


def event_document(event: Event) -> Document | None:
    if event.status != EventStatus.PUBLISHED or event.is_hidden:
        return None
    organiser = event.organisation.name if event.organisation else ""
    return Document(
        title=event.title,
        url=event.get_absolute_url(),
        body=f"{event.summary}\n{plain(event.description)}",
        keywords=" ".join(
            [str(event.get_kind_display()), str(event.get_format_display()), event.place_name]
            + [event.country.name if event.country else "", organiser]
        ),
        language=event.content_language,
        facets={
            "goal": [goal.pk for goal in event.goals.all()],
            "country": [event.country.code] if event.country else [],
            "language": list(event.languages),
        },
    )


register(
    SearchType(
        name="event",
        label=_("Event"),
        model=Event,
        queryset=lambda: Event.objects.select_related("organisation").prefetch_related("goals"),
        document=event_document,
        watch={Organisation: lambda org: list(org.events.values_list("pk", flat=True))},
        m2m=(Event.goals.through,),
    )
)


# Consultations: published ones that are not hidden, for everybody --------------------------


def consultation_document(consultation: Consultation) -> Document | None:
    if consultation.status != ConsultationStatus.PUBLISHED or consultation.is_hidden:
        return None
    organiser = consultation.organisation.name if consultation.organisation else ""
    return Document(
        title=consultation.title,
        url=consultation.get_absolute_url(),
        body=f"{plain(consultation.context)}\n{plain(consultation.summary)}",
        keywords=organiser,
        language=consultation.content_language,
        facets={"goal": [goal.pk for goal in consultation.goals.all()]},
    )


register(
    SearchType(
        name="consultation",
        label=_("Consultation"),
        model=Consultation,
        queryset=lambda: Consultation.objects.select_related("organisation").prefetch_related(
            "goals"
        ),
        document=consultation_document,
        watch={Organisation: lambda org: list(org.consultations.values_list("pk", flat=True))},
        m2m=(Consultation.goals.through,),
    )
)


# Stories: published ones that are not hidden, for everybody ---------------------------------


def story_document(story: Story) -> Document | None:
    if story.status != StoryStatus.PUBLISHED or story.is_hidden:
        return None
    return Document(
        title=story.title,
        url=story.get_absolute_url(),
        body=f"{story.summary}\n{plain(story.body)}",
        keywords=" ".join(
            [str(story.get_kind_display())]
            + [person.display_name for person in story.authors.all()]
        ),
        language=story.content_language,
        facets={"goal": [goal.pk for goal in story.goals.all()]},
    )


register(
    SearchType(
        name="story",
        label=_("Story"),
        model=Story,
        queryset=lambda: Story.objects.prefetch_related("goals", "authors__profile"),
        document=story_document,
        m2m=(Story.goals.through, Story.authors.through),
    )
)


# Open Campus: published resources and learning opportunities that are not hidden ----------


def resource_document(resource: Resource) -> Document | None:
    if not resource.is_published or resource.is_hidden:
        return None
    organisation = resource.organisation.name if resource.organisation else ""
    return Document(
        title=resource.title,
        url=resource.get_absolute_url(),
        body=f"{resource.summary}\n{plain(resource.description)}",
        keywords=" ".join(
            [str(resource.get_type_display()), str(resource.get_cost_display()), organisation]
            + [str(label) for label in resource.audience_labels()]
        ),
        facets={
            "goal": [goal.pk for goal in resource.goals.all()],
            "language": list(resource.languages),
        },
    )


register(
    SearchType(
        name="resource",
        label=_("Open Campus resource"),
        model=Resource,
        queryset=lambda: Resource.objects.select_related("organisation").prefetch_related("goals"),
        document=resource_document,
        watch={Organisation: lambda org: list(org.campus_resources.values_list("pk", flat=True))},
        m2m=(Resource.goals.through,),
    )
)


def opportunity_document(opportunity: LearningOpportunity) -> Document | None:
    if not opportunity.is_published or opportunity.is_hidden:
        return None
    organisation = opportunity.organisation.name if opportunity.organisation else ""
    country = opportunity.country.name if opportunity.country else ""
    return Document(
        title=opportunity.title,
        url=opportunity.get_absolute_url(),
        body=f"{opportunity.summary}\n{plain(opportunity.description)}",
        keywords=" ".join(
            [str(opportunity.get_kind_display()), opportunity.place_name, country, organisation]
        ),
        facets={
            "goal": [goal.pk for goal in opportunity.goals.all()],
            "country": [opportunity.country.code] if opportunity.country else [],
        },
    )


register(
    SearchType(
        name="opportunity",
        label=_("Learning opportunity"),
        model=LearningOpportunity,
        queryset=lambda: LearningOpportunity.objects.select_related(
            "organisation"
        ).prefetch_related("goals"),
        document=opportunity_document,
        watch={
            Organisation: lambda org: list(org.learning_opportunities.values_list("pk", flat=True))
        },
        m2m=(LearningOpportunity.goals.through,),
    )
)


# Organisations that are not hidden, for everybody -----------------------------------------


def organisation_document(organisation: Organisation) -> Document | None:
    if organisation.is_hidden:
        return None
    return Document(
        title=organisation.name,
        url=organisation.get_absolute_url(),
        body=organisation.description,
        keywords=organisation.country.name if organisation.country else "",
        facets={"country": [organisation.country.code], "organisation_kind": [organisation.kind]},
    )


register(
    SearchType(
        name="organisation",
        label=_("Organisation"),
        model=Organisation,
        queryset=lambda: Organisation.objects.all(),
        document=organisation_document,
    )
)


# Public profiles -----------------------------------------------------------------------


def profile_document(profile: Profile) -> Document | None:
    """Only what the person shows to everyone: their name always, each group of fields
    only when its visibility is "Everyone". Nothing shown to members only is indexed."""
    if not profile.user.is_active or profile.is_hidden:
        return None
    about = profile.about_visibility == Visibility.PUBLIC
    location = profile.location_visibility == Visibility.PUBLIC
    interests = profile.interests_visibility == Visibility.PUBLIC
    keywords = []
    if interests:
        keywords += [str(skill) for skill in profile.skills]
    if location:
        keywords += [profile.city, profile.country.name if profile.country else ""]
    return Document(
        title=profile.display_name,
        url=profile.get_absolute_url(),
        body=profile.bio if about else "",
        keywords=" ".join(keywords),
        facets={
            "country": [profile.country.code] if location and profile.country else [],
            "language": list(profile.languages) if interests else [],
            "goal": [goal.pk for goal in profile.sdgs.all()] if interests else [],
        },
    )


register(
    SearchType(
        name="profile",
        label=_("Person"),
        model=Profile,
        queryset=lambda: Profile.objects.select_related("user").prefetch_related("sdgs"),
        document=profile_document,
        watch={
            User: lambda user: list(Profile.objects.filter(user=user).values_list("pk", flat=True))
        },
        m2m=(Profile.sdgs.through,),
    )
)


# SDG goals and targets: every language is indexed; `titles` shows the viewer's language ---


def goal_document(goal: Goal) -> Document:
    return Document(
        title=f"{goal.number}. " + " · ".join(goal.short_names.get(lang, "") for lang in LANGUAGES),
        titles={lang: f"{goal.number}. {goal.short_names.get(lang, '')}" for lang in LANGUAGES},
        url=goal.get_absolute_url(),
        body=" · ".join(goal.titles.get(lang, "") for lang in LANGUAGES),
        facets={"goal": [goal.number]},
    )


def target_document(target: Target) -> Document:
    return Document(
        title=target.code,
        titles={lang: f"{target.code} {target.titles.get(lang, '')}" for lang in LANGUAGES},
        url=target.get_absolute_url(),
        body=" · ".join(target.titles.get(lang, "") for lang in LANGUAGES),
        facets={"goal": [target.goal_id]},
    )


register(
    SearchType(
        name="goal",
        label=_("SDG"),
        model=Goal,
        queryset=lambda: Goal.objects.all(),
        document=goal_document,
    )
)
register(
    SearchType(
        name="target",
        label=_("SDG target"),
        model=Target,
        queryset=lambda: Target.objects.all(),
        document=target_document,
    )
)

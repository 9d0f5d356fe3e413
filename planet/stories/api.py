"""Stories in the JSON API: published stories that the moderators have not hidden, with
their authors, SDGs, language, and the text both as Markdown and as sanitised HTML."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema

from planet.lib.api import ERRORS, PageParams, page_schema, paginate
from planet.lib.api_refs import SdgGoalRef, absolute_url, sortable
from planet.lib.markdown import render_markdown
from planet.stories.forms import filter_stories
from planet.stories.models import Story, StoryKind

router = Router(tags=["stories"])


class StoryFilters(Schema):
    kind: StoryKind | None = None
    goal: int | None = Field(None, ge=1, le=17, description="SDG number.")
    language: str | None = Field(None, max_length=8, description="Language of the story.")


class StoryAuthorOut(Schema):
    name: str
    profile_url: str | None = Field(description="Null when the profile is hidden.")


class StoryOut(Schema):
    slug: str
    url: str
    kind: StoryKind
    title: str
    summary: str
    content_language: str
    authors: list[StoryAuthorOut]
    goals: list[SdgGoalRef]
    published_at: datetime | None
    cover_url: str | None
    cover_alt: str
    body_markdown: str = Field(description="The text as its authors wrote it.")
    body_html: str = Field(description="The text rendered to HTML and sanitised.")

    @staticmethod
    def resolve_url(story) -> str:
        return absolute_url(story.get_absolute_url())

    @staticmethod
    def resolve_authors(story) -> list[dict]:
        return [_author(person) for person in story.author_list]

    @staticmethod
    def resolve_goals(story) -> list:
        return list(story.goals.all())

    @staticmethod
    def resolve_cover_url(story) -> str | None:
        return absolute_url(story.cover.url) if story.cover else None

    @staticmethod
    def resolve_body_markdown(story) -> str:
        return story.body

    @staticmethod
    def resolve_body_html(story) -> str:
        return str(render_markdown(story.body))


def _author(person) -> dict:
    profile = person.profile
    url = None if profile.is_hidden else absolute_url(profile.get_absolute_url())
    return {"name": profile.display_name, "profile_url": url}


def public_stories(user):
    return Story.objects.visible_to(user).published().not_hidden().for_cards()


@router.get("/", response={200: page_schema(StoryOut), **ERRORS})
def list_stories(request, filters: Query[StoryFilters], page: Query[PageParams]):
    """Published stories, newest first; filters as on /stories/."""
    stories = filter_stories(public_stories(request.auth), filters.model_dump(exclude_none=True))
    stories, ordering = sortable(stories.newest_first())
    return paginate(request, stories, page, ordering=ordering)


@router.get("/{slug}/", response={200: StoryOut, **ERRORS})
def get_story(request, slug: str):
    story = public_stories(request.auth).filter(slug=slug).first()
    if story is None:
        raise Http404
    return story

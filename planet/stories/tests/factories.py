"""Small helpers to make stories and story editors in tests."""

from django.utils import timezone

from planet.stories.models import Story, StoryEditor, StoryKind, StoryStatus


def make_story(author=None, *, title="Pupils map their river", goals=(), **extra) -> Story:
    extra.setdefault("kind", StoryKind.NEWS)
    extra.setdefault("summary", "A class of twelve-year-olds measured the river for a year.")
    extra.setdefault("body", "They found **three** sources of pollution.")
    extra.setdefault("status", StoryStatus.PUBLISHED)
    if extra["status"] == StoryStatus.PUBLISHED:
        extra.setdefault("published_at", timezone.now())
    story = Story.objects.create(title=title, created_by=author, **extra)
    if author is not None:
        story.authors.add(author)
    if goals:
        story.goals.set(goals)
    return story


def make_story_editor(user, granted_by=None) -> StoryEditor:
    return StoryEditor.objects.create(user=user, granted_by=granted_by)


def story_data(**extra) -> dict:
    data = {
        "kind": "essay",
        "title": "Why schools should compost",
        "summary": "Compost teaches cycles better than any textbook.",
        "body": "## The pile\n\nIt starts with *leaves*.",
        "content_language": "en",
        "cover_alt": "",
        "goals": ["4", "12"],
        "author_emails": "",
        "action": "publish",
    }
    data.update(extra)
    return data

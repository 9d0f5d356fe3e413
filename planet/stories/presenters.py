"""The schema.org description of a story (NewsArticle, Article or BlogPosting)."""

from django.conf import settings

from planet.lib.jsonld import sdg_terms
from planet.stories.models import SCHEMA_TYPES, Story


def _absolute(url: str) -> str:
    return url if url.startswith("http") else settings.SITE_URL + url


def json_ld(story: Story) -> dict | None:
    """Published stories only: drafts and submissions are nobody's business."""
    if not story.is_published or story.published_at is None:
        return None
    url = _absolute(story.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[story.kind],
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": story.title[:110],
        "name": story.title,
        "description": story.summary,
        "inLanguage": story.content_language,
        "datePublished": story.published_at.isoformat(),
        "dateModified": max(story.updated_at, story.published_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": person.display_name,
                "url": _absolute(person.profile.get_absolute_url()),
            }
            for person in story.author_list
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL,
        },
    }
    if story.cover:
        data["image"] = _absolute(story.cover.url)
    goals = list(story.goals.all())
    if goals:
        data["about"] = sdg_terms(goals)
    return data

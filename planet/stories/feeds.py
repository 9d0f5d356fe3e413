"""RSS 2.0 and Atom feeds of the published stories: all of them, one kind, or one SDG.

What a feed lists goes through `visible_to` as an anonymous visitor: drafts, submissions and
hidden stories never appear. Links are absolute (SITE_URL); each item carries its dates,
authors, summary and categories (its kind and SDGs).
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from planet.sdgs.models import Goal
from planet.stories.models import Story, StoryKind

FEED_ITEMS = 30


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed
    format = "rss"

    def get_object(self, request, **kwargs):
        return None

    def stories(self, obj):
        return Story.objects.visible_to(AnonymousUser()).published()

    def items(self, obj):
        return self.stories(obj).for_cards().newest_first()[:FEED_ITEMS]

    def title(self, obj):
        return _("%(site)s stories") % {"site": settings.SITE_NAME}

    def description(self, obj):
        return _("News, essays, development updates and guest stories of LearningPlanet.")

    def page_path(self, obj) -> str:
        return reverse("stories:list")

    def link(self, obj):
        return settings.SITE_URL + self.page_path(obj)

    def feed_url(self, obj):
        return settings.SITE_URL + self.feed_path(obj)

    def feed_path(self, obj) -> str:
        return reverse(f"stories:feed_{self.format}")

    # RSS readers read titles and descriptions as HTML: the text is escaped to stay text.
    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        return escape(item.summary)

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(person.display_name for person in item.author_list) or None

    def item_categories(self, item):
        goals = [f"SDG {goal.number}: {goal.short_name}" for goal in item.goals.all()]
        return [str(item.get_kind_display()), *goals]


class AtomStoryFeed(StoryFeed):
    feed_type = Atom1Feed
    format = "atom"
    subtitle = StoryFeed.description

    def item_title(self, item):
        return item.title  # an Atom title is text (its summary is HTML, escaped as in RSS)


class _KindMixin:
    def get_object(self, request, kind):
        if kind not in StoryKind.values:
            raise Http404
        return StoryKind(kind)

    def stories(self, obj):
        return super().stories(obj).of_kind(obj)

    def title(self, obj):
        return _("LearningPlanet stories: %(kind)s") % {"kind": obj.label}

    def page_path(self, obj):
        return reverse("stories:list") + f"?kind={obj.value}"

    def feed_path(self, obj):
        return reverse(f"stories:kind_feed_{self.format}", args=[obj.value])


class _GoalMixin:
    def get_object(self, request, number):
        return get_object_or_404(Goal, number=number)

    def stories(self, obj):
        return super().stories(obj).for_goal(obj)

    def title(self, obj):
        return _("LearningPlanet stories on SDG %(number)s: %(name)s") % {
            "number": obj.number,
            "name": obj.short_name,
        }

    def page_path(self, obj):
        return reverse("stories:list") + f"?goal={obj.pk}"

    def feed_path(self, obj):
        return reverse(f"stories:sdg_feed_{self.format}", args=[obj.number])


class KindRssFeed(_KindMixin, StoryFeed):
    pass


class KindAtomFeed(_KindMixin, AtomStoryFeed):
    pass


class GoalRssFeed(_GoalMixin, StoryFeed):
    pass


class GoalAtomFeed(_GoalMixin, AtomStoryFeed):
    pass

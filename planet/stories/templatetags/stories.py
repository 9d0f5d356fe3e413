"""The "My stories" block of the dashboard: `{% load stories %}{% my_stories_block %}`."""

from django import template

from planet.stories.models import Story

register = template.Library()
DASHBOARD_STORIES = 5


@register.inclusion_tag("stories/_my_stories.html", takes_context=True)
def my_stories_block(context):
    user = context["request"].user
    stories = Story.objects.authored_by(user).order_by("-updated_at", "-pk")
    return {"stories": list(stories[:DASHBOARD_STORIES]), "request": context["request"]}

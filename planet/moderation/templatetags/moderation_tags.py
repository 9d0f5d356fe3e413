from django import template
from django.urls import reverse

from planet.moderation import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def flag_url(context, item) -> str:
    """The address of the report form for `item`, or "" when the viewer may not report it
    (signed out, its own author, or a kind of content that is not moderated)."""
    user = context.get("user")
    if item is None or user is None or not user.is_authenticated:
        return ""
    flaggable = registry.for_model(type(item))
    if flaggable is None:
        return ""
    owner = flaggable.owner(item)
    if owner is not None and owner.pk == user.pk:
        return ""
    return reverse("moderation:flag", args=[flaggable.label, item.pk])

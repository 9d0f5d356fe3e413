"""`{% calendar_links path %}`: the links to subscribe to an iCalendar feed (webcal:// for
calendar apps, https:// to copy into those that ask for an address)."""

from django import template
from django.conf import settings

register = template.Library()


def subscribe_urls(path: str) -> dict[str, str]:
    https_url = f"{settings.SITE_URL}{path}"
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {"https_url": https_url, "webcal_url": webcal_url}


@register.inclusion_tag("events/_calendar_links.html")
def calendar_links(path: str, label: str = ""):
    return {"label": label, **subscribe_urls(path)}

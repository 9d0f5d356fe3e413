import datetime

from django import template

from planet.lib.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(source: str):
    """Render stored Markdown as sanitised HTML."""
    return render_markdown(source)


@register.filter(expects_localtime=True)
def html_datetime(value) -> str:
    """The machine-readable value of `<time datetime>`: ISO 8601 to the second, since HTML
    allows at most three digits of a fraction of a second and `date:'c'` writes six."""
    if isinstance(value, datetime.datetime):
        value = value.replace(microsecond=0)
    return value.isoformat() if value else ""

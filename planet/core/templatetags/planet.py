from django import template

from planet.lib.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(source: str):
    """Render stored Markdown as sanitised HTML."""
    return render_markdown(source)

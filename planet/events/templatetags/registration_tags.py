"""`{% registration_box event as box %}`: the viewer's registration at `event` (see
`planet.events.registration.box_for`), for templates/events/_registration.html."""

from django import template

from planet.events.registration import box_for

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_box(context, event):
    request = context.get("request")
    user = request.user if request is not None else context["user"]
    return box_for(user, event)

import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Show times in the viewer's own time zone when their profile names one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = ""
        if request.user.is_authenticated:
            profile = getattr(request.user, "profile", None)
            tzname = profile.timezone if profile else ""
        if tzname:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tzname))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)

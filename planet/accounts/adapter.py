from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.db import transaction

from planet.accounts.models import Profile
from planet.lib.slugs import unique_slug


class MailSite:
    """What account e-mails call the site: its name, and the host the links point at."""

    def __init__(self, request):
        self.name = settings.SITE_NAME
        self.domain = request.get_host() if request else urlsplit(settings.SITE_URL).netloc

    def __str__(self):
        return self.name


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Create the user and give the profile (made by `User.save`) the chosen display name."""
        if not commit:
            return super().save_user(request, user, form, commit=False)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            display_name = form.cleaned_data.get("display_name")
            if display_name:
                profile = user.profile
                profile.display_name = display_name
                # the profile address follows the chosen name rather than the placeholder,
                # unless the name gives no slug at all (then "member-<id>" stays)
                handle = unique_slug(Profile, display_name, fallback="", field="handle")
                profile.handle = handle or profile.handle
                profile.save()
        return user

    def send_mail(self, template_prefix, email, context):
        # Without django.contrib.sites, allauth would greet people with the bare host name.
        request = getattr(allauth_context, "request", None)
        super().send_mail(template_prefix, email, {"current_site": MailSite(request), **context})

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from planet.accounts.models import Profile


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            default_name = user.email.split("@")[0][:80]
            with transaction.atomic():
                Profile.objects.get_or_create(user=user, defaults={"display_name": default_name})
        return user

"""Small helpers for the account tests: links in e-mails, sign-up data, TOTP codes."""

import re

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail

from conftest import PASSWORD


def last_mail_to(address: str):
    return next(m for m in reversed(mail.outbox) if address in m.to)


def link_in_last_mail(address: str, path_fragment: str) -> str:
    """The path of the link in the newest e-mail to `address` whose URL contains the fragment."""
    body = last_mail_to(address).body
    match = re.search(rf"https?://[^/\s]+(\S*{re.escape(path_fragment)}\S*)", body)
    assert match, body
    return match.group(1)


def signup_data(**overrides) -> dict:
    data = {
        "email": "alice@example.org",
        "display_name": "Alice Ngozi",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return data | overrides


def totp_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))

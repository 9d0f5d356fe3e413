"""Forms that must not act twice: a one-time token per rendered form, kept in the session.

A second submission of the same form (a double click, a reload after POST) finds its token
already used and is sent to what the first submission made instead of making it again.
"""

import secrets

from django import forms

SESSION_KEY = "form_tokens"
KEEP = 50


class OnceField(forms.CharField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=True, max_length=64, **kwargs)


def issue_token(request) -> str:
    token = secrets.token_urlsafe(16)
    tokens = request.session.get(SESSION_KEY, {})
    tokens[token] = ""
    request.session[SESSION_KEY] = dict(list(tokens.items())[-KEEP:])
    return token


def already_used(request, token: str) -> str | None:
    """None when the token may be used; otherwise where its first use led ("" if unknown)."""
    tokens = request.session.get(SESSION_KEY, {})
    if token in tokens and tokens[token] == "":
        return None
    return tokens.get(token, "")


def mark_used(request, token: str, result_url: str) -> None:
    tokens = request.session.get(SESSION_KEY, {})
    tokens[token] = result_url
    request.session[SESSION_KEY] = tokens

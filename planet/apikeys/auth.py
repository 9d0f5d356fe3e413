"""Who calls the API: a personal token (`Authorization: Bearer lp_...`), else the session's
user, else an anonymous visitor. A token that is unknown, expired or revoked is refused (401)
rather than treated as anonymous, so that a caller learns their key stopped working."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from planet.apikeys.models import PersonalToken


class TokenOrSession(HttpBearer):
    openapi_description = (
        "A personal API token, created in your account settings: "
        "`Authorization: Bearer lp_...`. Without it, you read what anonymous visitors see."
    )

    def __call__(self, request: HttpRequest):
        request.api_token = None
        header = request.headers.get(self.header)
        if header:
            return self.authenticate(request, self._bearer_value(header))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return AnonymousUser()

    def _bearer_value(self, header: str) -> str:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise AuthenticationError(message="Use 'Authorization: Bearer <token>'.")
        return value.strip()

    def authenticate(self, request: HttpRequest, token: str):
        found = PersonalToken.objects.find(token)
        if found is None:
            raise AuthenticationError(message="This token is unknown, expired or revoked.")
        found.mark_used()
        request.api_token = found
        return found.user


def require_write(request: HttpRequest) -> None:
    """For write endpoints: a token must have the read-write scope; anonymous callers may not."""
    if not request.auth.is_authenticated:
        raise AuthenticationError(message="Sign in or send a read-write token.")
    token = getattr(request, "api_token", None)
    if token is not None and not token.can_write:
        raise AuthorizationError(message="This token may only read.")

"""Who calls the API: a personal token (`Authorization: Bearer lp_...`), else the session's
user, else an anonymous visitor. A token that is unknown, expired or revoked is refused (401)
rather than treated as anonymous, so that a caller learns their key stopped working; an address
that sends too many of them in a minute gets 429 for every token (TokenGuessLimit)."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from planet.apikeys.models import PersonalToken
from planet.apikeys.throttling import TokenGuessLimit


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
        guesses = TokenGuessLimit()
        guesses.check(request)
        found = PersonalToken.objects.find(token)
        if found is None:
            guesses.record_failure(request)
            raise AuthenticationError(message="This token is unknown, expired or revoked.")
        found.mark_used()
        request.api_token = found
        return found.user


class WriteAccess(TokenOrSession):
    """The auth of every write operation (`auth=WRITE` on the route), checked before the body
    is read: anonymous callers may not write (401); a token needs the read-write scope (403);
    a signed-in browser (session, no token) must send the CSRF token like a web form does
    (`X-CSRFToken` header), so that another site cannot write in its name (403)."""

    openapi_description = "A personal API token with the read-write scope: `Bearer lp_...`."

    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        request.auth = user
        require_write(request)
        return user


def require_write(request: HttpRequest) -> None:
    if not request.auth.is_authenticated:
        raise AuthenticationError(message="Sign in or send a read-write token.")
    token = getattr(request, "api_token", None)
    if token is None:
        if check_csrf(request) is not None:
            raise AuthorizationError(
                message="Send the CSRF token in the X-CSRFToken header, or use an API token."
            )
    elif not token.can_write:
        raise AuthorizationError(message="This token may only read.")


WRITE = WriteAccess()

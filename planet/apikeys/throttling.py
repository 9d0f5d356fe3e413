"""Rate limits of the API, per token (or signed-in member) and per IP address for anonymous
callers, and a limit on failed token guesses per IP address: fixed one-minute windows counted
in the cache, so they hold across app servers when the cache is shared (Redis)."""

import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import Throttled
from ninja.throttling import BaseThrottle

WINDOW_SECONDS = 60


def _window(now: float) -> int:
    return int(now // WINDOW_SECONDS)


def _seconds_left(now: float) -> float:
    """Seconds until the current window ends (whole seconds, at least one)."""
    return max(WINDOW_SECONDS - (now % WINDOW_SECONDS), 1)


def _count(cache_key: str) -> int:
    """Add one to the counter `cache_key` of the current window; its new value."""
    cache.add(cache_key, 0, WINDOW_SECONDS + 1)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, WINDOW_SECONDS + 1)
        return 1


class ApiRateLimit(BaseThrottle):
    timer = staticmethod(time.time)

    def allow_request(self, request) -> bool:
        key, limit = self.key_and_limit(request)
        return _count(f"api-rate:{key}:{_window(self.timer())}") <= limit

    def key_and_limit(self, request) -> tuple[str, int]:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"token:{token.pk}", settings.API_RATE_LIMIT_PER_MINUTE
        user = getattr(request, "auth", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}", settings.API_RATE_LIMIT_PER_MINUTE
        return f"ip:{self.get_ident(request)}", settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE

    def wait(self) -> float:
        return _seconds_left(self.timer())


class TokenGuessLimit(BaseThrottle):
    """Failed token attempts per IP address. Once an address has sent
    API_FAILED_TOKEN_LIMIT_PER_MINUTE unknown tokens in a minute, every request of its that
    carries a token gets 429 until the minute ends, whether the token is right or not: the
    answer tells nothing, so tokens cannot be guessed at speed. Requests without a token go
    on under the anonymous limit."""

    timer = staticmethod(time.time)

    def check(self, request) -> None:
        """Raise Throttled (429 with Retry-After) if the caller's address is over the limit."""
        if not self.allow_request(request):
            raise Throttled(wait=self.wait())

    def allow_request(self, request) -> bool:
        failures = cache.get(self._cache_key(request), 0)
        return failures < settings.API_FAILED_TOKEN_LIMIT_PER_MINUTE

    def record_failure(self, request) -> None:
        _count(self._cache_key(request))

    def _cache_key(self, request) -> str:
        return f"api-token-guess:{self.get_ident(request)}:{_window(self.timer())}"

    def wait(self) -> float:
        return _seconds_left(self.timer())

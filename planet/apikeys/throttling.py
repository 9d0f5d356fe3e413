"""Rate limits of the API, per token (or signed-in member) and per IP address for anonymous
callers: a fixed one-minute window counted in the cache, so it holds across app servers when
the cache is shared (Redis)."""

import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

WINDOW_SECONDS = 60


class ApiRateLimit(BaseThrottle):
    timer = staticmethod(time.time)

    def allow_request(self, request) -> bool:
        key, limit = self.key_and_limit(request)
        now = self.timer()
        window = int(now // WINDOW_SECONDS)
        cache_key = f"api-rate:{key}:{window}"
        cache.add(cache_key, 0, WINDOW_SECONDS + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, WINDOW_SECONDS + 1)
            count = 1
        return count <= limit

    def key_and_limit(self, request) -> tuple[str, int]:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"token:{token.pk}", settings.API_RATE_LIMIT_PER_MINUTE
        user = getattr(request, "auth", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}", settings.API_RATE_LIMIT_PER_MINUTE
        return f"ip:{self.get_ident(request)}", settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE

    def wait(self) -> float:
        # Seconds until the current window ends (whole seconds, at least one).
        return max(WINDOW_SECONDS - (self.timer() % WINDOW_SECONDS), 1)

"""The public JSON API at /api/v1/: every app's router, mounted on one NinjaAPI.

Each app keeps its endpoints in planet/<app>/api.py (`router = Router(tags=[...])`) and is
added below with `api.add_router(...)`. Auth (token, session or anonymous), rate limits, the
error shape and ETags are set here once for every endpoint; see planet/lib/api.py.
"""

from django.urls import path, re_path
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from planet.apikeys.auth import TokenOrSession
from planet.apikeys.throttling import ApiRateLimit
from planet.lib.api import (
    CheckedOpenAPISchema,
    conditional_view,
    document_common_responses,
    install_error_handlers,
    not_found_view,
    refuse_nul_characters,
)


class PlanetAPI(NinjaAPI):
    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            pattern.callback = conditional_view(refuse_nul_characters(pattern.callback))
        urls += self._without_trailing_slash(urls)
        urls.append(re_path(r"^.*$", not_found_view))
        return urls

    @staticmethod
    def _without_trailing_slash(urls):
        """Every address is documented with a trailing slash and also answers without it (no
        redirect, which would lose the body of a POST)."""
        routes = {str(pattern.pattern) for pattern in urls}
        return [
            path(str(pattern.pattern).rstrip("/"), pattern.callback)
            for pattern in urls
            if str(pattern.pattern).endswith("/")
            and str(pattern.pattern).rstrip("/")
            and str(pattern.pattern).rstrip("/") not in routes
        ]

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        description = CheckedOpenAPISchema(self, path_prefix)
        document_common_responses(description)
        return description


api = PlanetAPI(
    title="LearningPlanet API",
    version="1.0.0",
    description=(
        "Open data of LearningPlanet: projects, organisations, people, SDG goals and targets "
        "and more, as JSON. Anonymous callers read public content; send a personal token "
        "(`Authorization: Bearer lp_...`) to read what you see on the site. A read-write "
        "token also acts as you do on the site (e.g. create, edit and submit your projects, "
        "register for events, enter challenges), "
        "under the site's own rules; a signed-in browser writes by sending its CSRF token in "
        "`X-CSRFToken`. Errors always "
        'answer `{"error": {"code", "message", "fields"}}`; lists are paginated with '
        "`limit` and `offset`; responses carry ETags (`If-None-Match` gets 304). Too many "
        "requests, or too many unknown tokens from one address, get 429 with `Retry-After`."
    ),
    urls_namespace="api",
    auth=TokenOrSession(),
    throttle=[ApiRateLimit()],
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

from planet.accounts.api import router as profiles_router  # noqa: E402
from planet.campus.api import opportunity_router  # noqa: E402
from planet.campus.api import router as resources_router  # noqa: E402
from planet.challenges.api import router as challenges_router  # noqa: E402
from planet.consultations.api import router as consultations_router  # noqa: E402
from planet.events.api import festival_router  # noqa: E402
from planet.events.api import router as events_router  # noqa: E402
from planet.orgs.api import router as orgs_router  # noqa: E402
from planet.projects.api import router as projects_router  # noqa: E402
from planet.sdgs.api import router as sdgs_router  # noqa: E402
from planet.stories.api import router as stories_router  # noqa: E402

api.add_router("/projects/", projects_router)
api.add_router("/organisations/", orgs_router)
api.add_router("/people/", profiles_router)
api.add_router("/sdgs/", sdgs_router)
api.add_router("/challenges/", challenges_router)
api.add_router("/events/", events_router)
api.add_router("/festivals/", festival_router)
api.add_router("/stories/", stories_router)
api.add_router("/resources/", resources_router)
api.add_router("/learning-opportunities/", opportunity_router)
api.add_router("/consultations/", consultations_router)

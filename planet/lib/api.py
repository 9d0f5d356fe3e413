"""Shared pieces of the JSON API: the one error shape, stable pagination and ETags.

Every app adds its endpoints in `planet/<app>/api.py` as `router = Router(tags=[...])`, and
planet/api.py mounts it (`api.add_router("/projects/", router)`). Inside a router:

    @router.get("/", response={200: page_schema(ProjectOut), **ERRORS})
    def list_projects(request, page: Query[PageParams]):
        return paginate(request, Project.objects.visible_to(request.auth), page)

`request.auth` is always a user (AnonymousUser when no token nor session), so querysets go
through the model's `visible_to(request.auth)` like the web pages do. Errors raised anywhere
(`Http404`, `ApiError`, validation of the parameters, auth, rate limits) all answer
{"error": {"code", "message", "fields"}}; ETags and `If-None-Match` are handled for every
GET by `conditional_view`, which planet/api.py wraps around each view.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, set_response_etag
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from pydantic import create_model

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid",
    429: "rate_limited",
}

# Parameter locations that are not part of a field's name ("query.goal" is just "goal").
_LOCATIONS = {"query", "path", "body", "form", "header", "cookie", "file", "payload"}


class ErrorDetail(Schema):
    code: str = Field(description="Machine-readable kind of error, e.g. 'not_found'.")
    message: str = Field(description="Human-readable explanation.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages per invalid field, by field name."
    )


class ErrorOut(Schema):
    error: ErrorDetail


# Spread into an operation's `response=` so the OpenAPI description documents every error.
ERRORS = dict.fromkeys((400, 401, 404, 422, 429), ErrorOut)


class ApiError(Exception):
    """Raise from an endpoint to answer with the error shape, e.g. a filter naming no goal."""

    def __init__(self, status: int, message: str, fields: dict[str, list[str]] | None = None):
        self.status = status
        self.message = message
        self.fields = fields or {}
        super().__init__(message)


def error_body(status: int, message: str, fields=None, code: str | None = None) -> dict:
    code = code or STATUS_CODES.get(status, "error")
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(status: int, message: str, fields=None) -> JsonResponse:
    return JsonResponse(error_body(status, message, fields), status=status)


def field_name(location: tuple | list) -> str:
    parts = [str(part) for part in location if str(part) not in _LOCATIONS]
    return ".".join(parts) or "__all__"


def validation_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(field_name(error.get("loc", ())), []).append(error.get("msg", ""))
    return fields


def install_error_handlers(api) -> None:
    """Make every error of `api` answer with the one documented shape."""

    def respond(request, status, message, fields=None):
        return api.create_response(request, error_body(status, message, fields), status=status)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        fields = validation_fields(exc.errors)
        return respond(request, 422, "Some parameters are not valid.", fields)

    @api.exception_handler(ApiError)
    def api_error(request, exc):
        return respond(request, exc.status, exc.message, exc.fields)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, "Not found.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, str(exc) or "You may not do this.")

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        response = respond(request, 401, exc.message)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        # ninja adds Retry-After from the throttle's wait.
        return respond(request, 429, "Too many requests: slow down and retry later.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return respond(request, exc.status_code, exc.message)


class PageParams(Schema):
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")
    offset: int = Field(0, ge=0, description="Items to skip.")


@functools.cache
def page_schema(item_schema):
    """The schema of a page of `item_schema` items: {count, next, previous, results}."""
    name = item_schema.__name__.removesuffix("Out") + "Page"
    return create_model(
        name,
        __base__=Schema,
        count=(int, ...),
        next=(str | None, None),
        previous=(str | None, None),
        results=(list[item_schema], ...),
    )


def _page_url(request, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = offset
    query["limit"] = limit
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request, queryset, page: PageParams, *, ordering=("pk",)) -> dict:
    """One page of `queryset`, ordered by `ordering` and then by pk so that no two items tie
    (pages never repeat or skip an item); links are absolute URLs keeping the filters."""
    unique = {"pk", "id"} & {key.lstrip("-") for key in ordering}
    keys = list(ordering) if unique else [*ordering, "pk"]
    queryset = queryset.order_by(*keys)
    count = queryset.count()
    results = list(queryset[page.offset : page.offset + page.limit])
    following = page.offset + page.limit
    return {
        "count": count,
        "next": _page_url(request, following, page.limit) if following < count else None,
        "previous": (
            _page_url(request, max(page.offset - page.limit, 0), page.limit)
            if page.offset > 0
            else None
        ),
        "results": results,
    }


def conditional_view(view):
    """Wrap an API view: a GET answer carries a strong ETag of its body and a matching
    `If-None-Match` gets 304 with no body; a bare 405 gets the error shape."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not _is_json(response):
            return _not_allowed(response)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            return _with_etag(request, response)
        return response

    return wrapper


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _not_allowed(response: HttpResponse) -> HttpResponse:
    allowed = response.get("Allow", "")
    error = error_response(405, "This method is not allowed here.")
    error["Allow"] = allowed
    return error


def _with_etag(request, response: HttpResponse) -> HttpResponse:
    if getattr(response, "streaming", False):
        return response
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def not_found_view(request, *args, **kwargs) -> JsonResponse:
    return error_response(404, "There is no such address in the API.")

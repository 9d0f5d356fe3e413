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

import copy
import enum
import functools
import math

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, set_response_etag
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema
from pydantic import create_model, field_validator

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Beyond any real list, and small enough that OFFSET fits the database's integers (a larger
# one is a database error, not an empty page).
MAX_OFFSET = 2**31 - 1

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
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
# Write operations may also be refused (403: read-only token, no CSRF token, not yours) or
# conflict with the state of the item (409: e.g. edited meanwhile, registration closed).
WRITE_ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422, 429), ErrorOut)


class ApiError(Exception):
    """Raise from an endpoint to answer with the error shape, e.g. a filter naming no goal."""

    def __init__(self, status: int, message: str, fields: dict[str, list[str]] | None = None):
        self.status = status
        self.message = message
        self.fields = fields or {}
        super().__init__(message)


def form_error(form, message: str = "Some fields are not valid.") -> ApiError:
    """The 422 ApiError of a Django form that did not validate: the form's own messages per
    field (the site's wording, in the caller's language), "__all__" for the form as a whole.
    Write endpoints bind the web page's form so that both apply the same rules."""
    fields = {
        name: [str(message) for message in messages] for name, messages in form.errors.items()
    }
    return ApiError(422, message, fields)


def current_form_data(form) -> dict:
    """What an unbound `form` (built with `instance=`) would post unchanged: each field's
    current value in the shape the form accepts. An update endpoint overlays the caller's
    fields on it, so that a PATCH changes only what it names:

        data = current_form_data(ProjectForm(instance=project)) | payload
        form = ProjectForm(data, instance=project)
    """
    data = {}
    for name, field in form.fields.items():
        data[name] = field.prepare_value(form.get_initial_for_field(field, name))
    return data


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
        response = respond(request, 429, "Too many requests: slow down and retry later.")
        if exc.wait is not None:  # raised by auth (failed token guesses) or a throttle
            response["Retry-After"] = str(max(math.ceil(exc.wait), 1))
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return respond(request, exc.status_code, exc.message)


def _refuse_unstorable_text(value) -> None:
    if isinstance(value, str):
        try:
            value.encode()
        except UnicodeEncodeError:
            raise ValueError("Text must be valid Unicode (no lone surrogates).") from None
        if "\x00" in value:
            raise ValueError("Text may not contain NUL characters.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_unstorable_text(key)
            _refuse_unstorable_text(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _refuse_unstorable_text(item)


class InputSchema(Schema):
    """The base of every request body. JSON can carry text no database stores (lone
    surrogates, or NUL characters): each field refuses it with a 422 naming the field,
    before any form or query sees it."""

    @field_validator("*", mode="before")
    @classmethod
    def _storable_text(cls, value):
        _refuse_unstorable_text(value)
        return value


class PageParams(Schema):
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


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


def refuse_nul_characters(view):
    """Wrap an API view: a NUL character in the path answers 404 and one in a query parameter
    422, before any query reaches the database (PostgreSQL refuses NUL in text: a 500)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if "\x00" in request.path:
            return error_response(404, "Not found.")
        fields = {
            name: ["Cannot contain NUL characters."]
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        }
        if fields:
            return error_response(422, "Some parameters are not valid.", fields)
        return view(request, *args, **kwargs)

    return wrapper


def conditional_view(view):
    """Wrap an API view: a GET answer carries a strong ETag of its body and a matching
    `If-None-Match` gets 304 with no body; HEAD answers what GET would, without the body; a
    bare 405 gets the error shape."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = _as_get_if_head(view, request, *args, **kwargs)
        if response.status_code == 405 and not _is_json(response):
            response = _not_allowed(response)
        elif request.method in ("GET", "HEAD") and response.status_code == 200:
            response = _with_etag(request, response)
        if request.method == "HEAD" and not getattr(response, "streaming", False):
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return wrapper


def _as_get_if_head(view, request, *args, **kwargs) -> HttpResponse:
    # ninja routes by method and knows no HEAD: run the GET operation, then drop the body.
    if request.method != "HEAD":
        return view(request, *args, **kwargs)
    request.method = "GET"
    try:
        return view(request, *args, **kwargs)
    finally:
        request.method = "HEAD"


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _not_allowed(response: HttpResponse) -> HttpResponse:
    allowed = [method.strip() for method in response.get("Allow", "").split(",") if method]
    if "GET" in allowed:
        allowed.append("HEAD")
    error = error_response(405, "This method is not allowed here.")
    error["Allow"] = ", ".join(allowed)
    return error


def _with_etag(request, response: HttpResponse) -> HttpResponse:
    if getattr(response, "streaming", False):
        return response
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def not_found_view(request, *args, **kwargs) -> JsonResponse:
    return error_response(404, "There is no such address in the API.")


def renamed_choices(choices: type[enum.Enum], name: str) -> type[enum.StrEnum]:
    """The values of `choices` as an enum called `name` in the OpenAPI description, for
    choices whose class name another app uses too (both apps have a `Phase`)."""
    return enum.StrEnum(name, {member.name: member.value for member in choices})


class CheckedOpenAPISchema(OpenAPISchema):
    """ninja's OpenAPI description, refusing two different schemas of one name: ninja names a
    component after its class, so two `LocationOut` classes in two apps would silently share
    one description (the last one wins) and the API would lie about one of them."""

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and known != definition:
                raise ImproperlyConfigured(
                    f"Two API schemas are named {name!r}: rename one of the classes."
                )
        super().add_schema_definitions(definitions)


_HEADERS = {
    "ETag": "Strong validator of the body: send it back in `If-None-Match`.",
    "Retry-After": "Seconds to wait before trying again.",
    "WWW-Authenticate": "How to authenticate: `Bearer`.",
    "Allow": "The methods this address accepts.",
}
_IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the answer you hold: 304 with no body if it has not changed.",
}


def document_common_responses(description: dict) -> None:
    """Add to every operation of the OpenAPI `description` what the shared layer does for all
    of them: ETags and 304 for GET, 405 with Allow, Retry-After on 429, WWW-Authenticate on
    401."""
    error = _error_content(description)
    for path_item in description["paths"].values():
        for method, operation in path_item.items():
            # ninja keys responses by int; JSON keys them by string.
            responses = {str(status): value for status, value in operation["responses"].items()}
            operation["responses"] = responses
            if method == "get":
                operation.setdefault("parameters", []).append(dict(_IF_NONE_MATCH))
                _add_header(responses.get("200"), "ETag")
                responses["304"] = {
                    "description": "Not Modified: `If-None-Match` names the current ETag.",
                    "headers": {"ETag": _header("ETag")},
                }
            responses["405"] = {
                "description": "Method Not Allowed here: the Allow header lists those that are.",
                "headers": {"Allow": _header("Allow")},
                "content": copy.deepcopy(error),
            }
            _add_header(responses.get("401"), "WWW-Authenticate")
            _add_header(responses.get("429"), "Retry-After")


def _header(name: str) -> dict:
    kind = "integer" if name == "Retry-After" else "string"
    return {"description": _HEADERS[name], "schema": {"type": kind}}


def _add_header(response: dict | None, name: str) -> None:
    if response is not None:
        response.setdefault("headers", {})[name] = _header(name)


def _error_content(description: dict) -> dict:
    schemas = description.setdefault("components", {}).setdefault("schemas", {})
    if "ErrorOut" not in schemas:
        generated = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(generated.pop("$defs", {}))
        schemas["ErrorOut"] = generated
    return {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}

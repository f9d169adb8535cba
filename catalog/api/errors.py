"""Error bodies the API returns: always JSON, always `{"detail": ..., "errors": {...}}`.

`detail` says what was wrong in a sentence; `errors` holds the messages per
parameter or field for invalid input, and is `{}` otherwise. Every 4xx of the
API has this shape, with DEBUG on or off: DRF's exceptions (exception_handler),
URLs no view matches under /api/ (not_found, and the catch-all `api_not_found`
at the end of the URLs, which Django's DEBUG pages never see).
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def body(detail: str, errors: dict | None = None) -> dict:
    return {"detail": detail, "errors": errors or {}}


def exception_handler(exc, context):
    """Validation errors become `{"detail": ..., "errors": {field: [messages]}}`;
    every other error `{"detail": ..., "errors": {}}`.

    A body over Django's request limits is a 400 saying which, in JSON like
    any other error, rather than Django's HTML page.
    """
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ParseError(str(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = (
            response.data
            if isinstance(response.data, dict)
            else {"non_field_errors": response.data}
        )
        response.data = body("Invalid request; see errors.", errors)
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = body(str(response.data["detail"]), getattr(exc, "errors", None))
    return response


def slashed(path: str) -> str | None:
    """`path` with a trailing slash when that names a view, else None."""
    if path.endswith("/"):
        return None
    try:
        resolve(f"{path}/")
    except Resolver404:
        return None
    return f"{path}/"


@csrf_exempt  # it changes nothing; a CSRF 403 would hide the 404
def api_not_found(request, rest=""):
    """A JSON 404 for any /api/ URL no view matches, whatever the method.

    A URL missing its trailing slash is not redirected (Django's APPEND_SLASH
    would answer a POST with a 301 that clients follow as a GET, or fail with
    DEBUG on): the 404 names the URL to use instead.
    """
    right = slashed(request.path_info)
    if right:
        detail = f"Not found. API URLs end with a slash: use {right}"
        return JsonResponse(body(detail, {"url": [right]}), status=404)
    return JsonResponse(body("Not found."), status=404)


def not_found(request, exception=None):
    """404 for URLs no view matches: JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return api_not_found(request)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)

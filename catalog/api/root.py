"""`/api/`: what the API is, where its documentation is, and every endpoint."""

from django.urls import reverse
from django.utils.html import format_html
from rest_framework.routers import APIRootView, DefaultRouter

DESCRIPTION = (
    "The Media Catalog API: the catalog's slideshows, photos with their captions and "
    "credits, photographers, agencies, content warnings, videos with their transcripts, "
    "and the articles they came from, as JSON. Anyone may read; editors write with a "
    "token (POST /api/token/)."
)


class CatalogApiRootView(APIRootView):
    """The endpoints, as DRF's root lists them, said for what they are and
    with the documentation linked: in the browsable API's text and, for
    programs, in a `Link` header (RFC 8631: service-doc, service-desc)."""

    name = "Media Catalog API"

    def get_view_description(self, html=False):
        docs, redoc, schema = reverse("api:docs"), reverse("api:redoc"), reverse("api:schema")
        if not html:
            return (
                f"{DESCRIPTION}\n\nDocumentation: {docs} (Swagger UI), {redoc} (Redoc); "
                f"OpenAPI schema: {schema}."
            )
        return format_html(
            '<p>{}</p><p>Documentation: <a href="{}">Swagger UI</a>, where requests can be '
            'tried, and <a href="{}">Redoc</a>; the <a href="{}">OpenAPI schema</a>. '
            "The list below links each endpoint.</p>",
            DESCRIPTION,
            docs,
            redoc,
            schema,
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = ", ".join(
            [
                f'<{request.build_absolute_uri(reverse("api:docs"))}>; rel="service-doc"',
                f'<{request.build_absolute_uri(reverse("api:schema"))}>; rel="service-desc"',
            ]
        )
        return response


class CatalogRouter(DefaultRouter):
    APIRootView = CatalogApiRootView

from django.conf import settings
from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

from catalog.paginators import EstimatingPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of `page_size` items (default 20, at most API_MAX_PAGE_SIZE).

    A page size that is not a whole number is an error rather than quietly
    replaced by the default; one above the maximum is cut to the maximum.

    Anonymous clients read no further than the first API_ANON_MAX_RESULTS
    results of a list (page * page_size): each page deeper costs the database
    the rows before it. A deeper page is a 400 that says to narrow the list;
    staff may read any page.
    """

    page_size_query_param = "page_size"
    django_paginator_class = EstimatingPaginator

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]}
            )
        return min(size, self.max_page_size)

    def check_depth(self, request, page_number, page_size: int) -> None:
        """A 400 for an anonymous client asking for a page past the limit."""
        limit = settings.API_ANON_MAX_RESULTS
        if not limit or request.user.is_authenticated:
            return
        try:
            number = int(page_number)
        except (TypeError, ValueError):
            return  # `last`, checked once resolved; not a number: a 404 as before
        if number * page_size > limit:
            raise ValidationError(
                {
                    "page": [
                        f"Without signing in, only the first {limit:,} results of a list "
                        f"can be read (page * page_size at most {limit:,}); narrow the list "
                        "with filters (such as q, photographer, agency or slideshow) instead."
                    ]
                }
            )

    def paginate_queryset(self, queryset, request, view=None):
        requested = request.query_params.get(self.page_query_param, 1)
        self.check_depth(request, requested, self.get_page_size(request))
        page = super().paginate_queryset(queryset, request, view)
        self.check_depth(request, self.page.number, self.page.paginator.per_page)
        return page

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_is_estimate"] = self.page.paginator.estimated
        return response

    def paginate_ids(self, queryset, request, view=None) -> list[int]:
        """As paginate_queryset, but the page comes as the primary keys of its
        rows, for the view to read them (views.RowsMixin)."""
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        page_number = self.get_page_number(request, paginator)
        self.check_depth(request, page_number, paginator.per_page)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as error:
            message = self.invalid_page_message.format(page_number=page_number, message=error)
            raise NotFound(message) from None
        self.check_depth(request, self.page.number, paginator.per_page)
        self.display_page_controls = paginator.num_pages > 1
        start = (self.page.number - 1) * paginator.per_page
        return list(queryset.values_list("pk", flat=True)[start : start + paginator.per_page])

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count_is_estimate"] = {
            "type": "boolean",
            "description": "True when `count` is the database's estimate: an unfiltered "
            "list of a very large table is not counted row by row.",
        }
        paginated["required"] = [*paginated.get("required", []), "count_is_estimate"]
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] += f" At most {self.max_page_size}."
        return parameters


class FacetedPageNumberPagination(PageNumberPagination):
    """A page that may carry facet counts (`?facet=`) beside its results."""

    facets: dict | None = None

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if self.facets is not None:
            response.data["facets"] = self.facets
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        facet_value = {
            "type": "object",
            "properties": {
                "value": {"type": "string", "nullable": True},
                "label": {"type": "string"},
                "count": {"type": "integer"},
            },
            "required": ["value", "label", "count"],
        }
        paginated["properties"]["facets"] = {
            "type": "object",
            "description": "Counts per value over all the photos the filters select.",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "values": {"type": "array", "items": facet_value},
                    "truncated": {"type": "boolean"},
                },
                "required": ["values", "truncated"],
            },
        }
        return paginated

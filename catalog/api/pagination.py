from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

from catalog.paginators import EstimatingPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of `page_size` items (default 20, at most API_MAX_PAGE_SIZE).

    A page size that is not a whole number from 1 to the maximum is a 400
    saying the allowed range, as is a page that is not a whole number from 1
    (or `last`); a page past the end is a 404. Both in the API's error shape,
    with the message under `errors.page` or `errors.page_size`.

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
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]}
            )
        return size

    def find_page(self, paginator, request):
        """The requested page of `paginator`: 400 for a page that is no page
        number, 404 for one past the end."""
        page_number = self.get_page_number(request, paginator)
        self.check_depth(request, page_number, paginator.per_page)
        try:
            if int(page_number) < 1:
                raise PageNotAnInteger
            page = paginator.page(page_number)
        except (PageNotAnInteger, ValueError, TypeError):
            raise ValidationError({"page": ["Must be a whole number from 1, or `last`."]}) from None
        except EmptyPage:
            error = NotFound("Invalid page: there are not that many pages.")
            error.errors = {"page": [f"Past the last page, {paginator.num_pages}."]}
            raise error from None
        self.check_depth(request, page.number, paginator.per_page)
        return page

    def check_depth(self, request, page_number, page_size: int) -> None:
        """A 400 for an anonymous client asking for a page past the limit."""
        limit = settings.API_ANON_MAX_RESULTS
        if not limit or request.user.is_authenticated:
            return
        try:
            number = int(page_number)
        except (TypeError, ValueError):
            return  # `last`, checked once resolved; not a number: a 400 from find_page
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
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        self.page = self.find_page(paginator, request)
        self.display_page_controls = paginator.num_pages > 1
        return list(self.page)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_is_estimate"] = self.page.paginator.estimated
        return response

    def paginate_ids(self, queryset, request, view=None) -> list[int]:
        """As paginate_queryset, but the page comes as the primary keys of its
        rows, for the view to read them (views.RowsMixin)."""
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        self.page = self.find_page(paginator, request)
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
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] += f" From 1 to {self.max_page_size}; outside, a 400."
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

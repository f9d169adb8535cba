"""The admin's search box, bounded as the API's `q` is (catalog.search):
each term once, ignoring case, the first MAX_WORDS of them, read from the
first MAX_QUERY_LENGTH characters. Django's own search adds a condition (and
joins) per term, so a pasted page of words would otherwise be one huge query."""

from django.utils.text import smart_split

from catalog.search import clipped, first_distinct


def search_terms(search_term: str) -> list[str]:
    """The terms Django's admin search would read (quoted phrases kept whole), bounded."""
    return first_distinct(smart_split(clipped(search_term)))


class BoundedSearch:
    """For a ModelAdmin with `search_fields`: searches the bounded terms only."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, " ".join(search_terms(search_term)))

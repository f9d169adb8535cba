"""The front page: what the catalog is, how much it holds, and the ways in."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from catalog.models import Agency, Photo, Photographer, Slideshow, Video
from catalog.paginators import EstimatingPaginator

# What the front page counts, in the order it shows them.
COUNTED = (
    (Photo, "photo", "photos", "api:photo-list"),
    (Slideshow, "slideshow", "slideshows", "api:slideshow-list"),
    (Photographer, "photographer", "photographers", "api:photographer-list"),
    (Agency, "agency", "agencies", "api:agency-list"),
    (Video, "video", "videos", "api:video-list"),
)


def catalog_counts() -> list[dict]:
    """How many of each the catalog holds: counted exactly up to
    COUNT_ESTIMATE_ABOVE rows, the database's estimate beyond (as the lists
    page), so that the page costs the same at a million photos. At most two
    queries a model, however many rows."""
    counts = []
    for model, singular, plural, url_name in COUNTED:
        paginator = EstimatingPaginator(model.objects.all(), per_page=1)
        count = paginator.count
        counts.append(
            {
                "count": count,
                "estimated": paginator.estimated,
                "name": singular if count == 1 else plural,
                "url_name": url_name,
            }
        )
    return counts


# The same page for everyone, signed in or not: caches may keep it as they
# keep the API's anonymous answers.
@require_safe
@cache_control(public=True, max_age=settings.API_CACHE_MAX_AGE)
def front_page(request):
    return render(request, "catalog/front_page.html", {"counts": catalog_counts()})

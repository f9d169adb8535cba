"""Writes that touch several rows, each in one transaction.

Shared by the importer, the admin and the API so that every path keeps the
same invariants: slide positions unique and gap-free (1..n), every credit
pointing at a record that exists, every name an alias.
"""

from collections import Counter
from collections.abc import Mapping, Sequence

from django.db import models, transaction
from django.db.models import QuerySet

from . import history
from .models import (
    Agency,
    AgencyAlias,
    Article,
    ContentWarning,
    Photo,
    Photographer,
    PhotographerAlias,
    Slide,
    Slideshow,
    WarningKind,
)
from .permissions import require


class OrderConflict(Exception):
    """The slideshow changed since the editor loaded it; nothing was saved."""


def apply_positions(slides: Sequence[Slide], positions: Sequence[int]) -> None:
    """Give each slide its new position without ever breaking uniqueness.

    The moved slides are first parked above every position in use, then
    set to their final places: two UPDATEs whatever the number of slides,
    and one version of each moved slide in the edit history.
    """
    moved = [
        (slide, position)
        for slide, position in zip(slides, positions, strict=True)
        if slide.position != position
    ]
    if not moved:
        return
    slideshow_ids = {slide.slideshow_id for slide, _ in moved}
    top = max(
        max(positions),
        max(
            Slide.objects.filter(slideshow_id__in=slideshow_ids)
            .order_by("-position")
            .values_list("position", flat=True)[:1],
            default=0,
        ),
    )
    for offset, (slide, _) in enumerate(moved, start=1):
        slide.position = top + offset
    Slide.objects.bulk_update([slide for slide, _ in moved], ["position"])
    for slide, position in moved:
        slide.position = position
    Slide.objects.bulk_update([slide for slide, _ in moved], ["position"])
    history.record(Slide, [slide.pk for slide, _ in moved])


@transaction.atomic
def reorder_slides(
    *, slideshow: Slideshow, slide_ids: Sequence[int], expected: Sequence[int] | None = None
) -> list[Slide]:
    """Put the slideshow's slides in the order of `slide_ids` (positions 1..n).

    `slide_ids` must name every slide of the slideshow once. `expected`, the
    order the editor saw, turns a concurrent change into `OrderConflict`
    instead of a silent overwrite.
    """
    Slideshow.objects.select_for_update().filter(pk=slideshow.pk).first()
    slides = {slide.pk: slide for slide in slideshow.slides.all()}
    current = sorted(slides, key=lambda pk: slides[pk].position)
    if expected is not None and list(expected) != current:
        raise OrderConflict(
            f"The slides of {slideshow} were reordered by someone else; reload and try again."
        )
    if sorted(slide_ids) != sorted(slides) or len(set(slide_ids)) != len(slide_ids):
        raise ValueError("slide_ids must list every slide of the slideshow exactly once")
    ordered = [slides[pk] for pk in slide_ids]
    apply_positions(ordered, range(1, len(ordered) + 1))
    return ordered


@transaction.atomic
def move_slide(*, slide: Slide, position: int) -> list[Slide]:
    """Move one slide to `position`; the others close up around it."""
    Slideshow.objects.select_for_update().filter(pk=slide.slideshow_id).first()
    order = list(
        Slide.objects.filter(slideshow_id=slide.slideshow_id)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    if not 1 <= position <= len(order):
        raise ValueError(f"position must be between 1 and {len(order)}")
    order.remove(slide.pk)
    order.insert(position - 1, slide.pk)
    return reorder_slides(slideshow=slide.slideshow, slide_ids=order)


@transaction.atomic
def close_gaps(*, slideshow: Slideshow) -> None:
    """Renumber the slides 1..n in their present order (after a removal)."""
    Slideshow.objects.select_for_update().filter(pk=slideshow.pk).first()
    slides = list(slideshow.slides.order_by("position"))
    apply_positions(slides, range(1, len(slides) + 1))


def requested_order(current: Sequence[int], moves: Mapping[int, int]) -> list[int]:
    """The order after moving some slides to the positions an editor typed.

    `current` lists slide ids in their present order; `moves` maps a slide id
    to the position wanted for it. Slides not moved keep their relative order
    and close up; each moved slide is then put at its position, lowest first,
    so "7 to 1" puts slide 7 first and "1 to 3" makes it the third. A
    position past the end puts the slide last; slides asking for the same
    position take it and the ones after it, in their present order.
    """
    order = [pk for pk in current if pk not in moves]
    taken: Counter[int] = Counter()
    for pk, position in sorted(moves.items(), key=lambda item: (item[1], current.index(item[0]))):
        order.insert(position - 1 + taken[position], pk)
        taken[position] += 1
    return order


@transaction.atomic
def place_slides(*, slideshow: Slideshow, moves: Mapping[int, int]) -> list[Slide]:
    """Move slides to the positions an editor typed; number them 1..n again.

    Also closes the gaps a removal leaves, so it is the one call an edit of
    a slideshow's slides ends with.
    """
    if any(position < 1 for position in moves.values()):
        raise ValueError("positions start at 1")
    Slideshow.objects.select_for_update().filter(pk=slideshow.pk).first()
    current = list(
        Slide.objects.filter(slideshow=slideshow).order_by("position").values_list("pk", flat=True)
    )
    unknown = set(moves) - set(current)
    if unknown:
        raise ValueError(f"slides {sorted(unknown)} are not in {slideshow}")
    return reorder_slides(slideshow=slideshow, slide_ids=requested_order(current, moves))


@transaction.atomic
def remove_image(*, photo: Photo) -> bool:
    """Take the image file away from a photo, with its renditions and the
    metadata read from it; the photo and its credit stay. The files leave
    storage once this commits (the renditions' through catalog.signals).
    False when the photo had no image."""
    if not photo.image:
        return False
    name, storage = photo.image.name, photo.image.storage
    photo.renditions.all().delete()
    photo.image = ""
    photo.image_sha256 = None
    photo.image_name = photo.image_format = ""
    photo.image_width = photo.image_height = photo.image_size = None
    photo.embedded = {}
    photo.save()
    transaction.on_commit(lambda: storage.delete(name))
    return True


GRAPHIC_NOTE = "This image contains graphic content."


@transaction.atomic
def flag_photos(
    *,
    photos: QuerySet[Photo],
    kind: str = WarningKind.GRAPHIC,
    note: str = GRAPHIC_NOTE,
) -> int:
    """Give every photo a warning of `kind` unless it has one; return how many got one.

    Two queries whatever the number of photos: the ids still to flag, then
    one insert.
    """
    unflagged = (
        photos.exclude(warnings__kind=kind)
        .prefetch_related(None)
        .order_by()
        .values_list("pk", flat=True)
    )
    warnings = [ContentWarning(photo_id=pk, kind=kind, note=note) for pk in unflagged]
    ContentWarning.objects.bulk_create(warnings)
    history.record(ContentWarning, [warning.pk for warning in warnings], "+")
    return len(warnings)


class MergeError(ValueError):
    """The records chosen cannot be merged; nothing was changed."""


def _merge_parties(
    *,
    survivor: Agency | Photographer,
    duplicates: Sequence[Agency | Photographer],
    credits: Sequence[tuple[type[models.Model], str]],
    user=None,
) -> int:
    """Point every credit of the duplicates at the survivor, keep their
    names as its aliases, delete them; return how many were merged.

    The edit history records the merge on both sides: a version of the
    survivor and of every photo repointed, and the duplicates' deletion,
    each with the merge as its reason."""
    model = type(survivor)
    duplicate_ids = {party.pk for party in duplicates} - {survivor.pk}
    if not duplicate_ids:
        raise MergeError(f"Choose at least one other {model._meta.verbose_name} to merge.")
    names = dict(
        model.objects.select_for_update()
        .filter(pk__in=[survivor.pk, *duplicate_ids])
        .values_list("pk", "name")
    )
    if names.keys() != duplicate_ids | {survivor.pk}:
        raise MergeError(f"A {model._meta.verbose_name} to merge no longer exists.")
    merged = ", ".join(sorted(names[pk] for pk in duplicate_ids))
    with history.recording(reason=f"Merged {merged} into {names[survivor.pk]}", user=user):
        _repoint(model, survivor, duplicate_ids, names, credits)
    return len(duplicate_ids)


def _repoint(model, survivor, duplicate_ids: set[int], names: dict, credits) -> None:
    for credited, field in credits:
        repointed = credited.objects.filter(**{f"{field}__in": duplicate_ids})
        pks = list(repointed.values_list("pk", flat=True)) if history.is_tracked(credited) else []
        repointed.update(**{field: survivor})
        history.record(credited, pks)
    # Alias names are unique across the table, so moving the rows cannot clash.
    aliases = survivor.aliases
    aliases.model.objects.filter(**{f"{aliases.field.name}__in": duplicate_ids}).update(
        **{aliases.field.name: survivor}
    )
    kept = {name.lower() for name in aliases.values_list("name", flat=True)}
    aliases.bulk_create(
        [
            aliases.model(**{aliases.field.name: survivor}, name=names[pk])
            for pk in sorted(duplicate_ids)
            if names[pk].lower() not in kept
        ]
    )
    model.objects.filter(pk__in=duplicate_ids).delete()  # recorded through its signals
    history.record(model, [survivor.pk])


# What a merge does: change and delete the merged model's rows, repoint and
# add its aliases, and repoint the credits of the rows below.
PHOTOGRAPHER_MERGE_NEEDS = {
    Photographer: {"change", "delete"},
    PhotographerAlias: {"add", "change"},
    Photo: {"change"},
}
AGENCY_MERGE_NEEDS = {
    Agency: {"change", "delete"},
    AgencyAlias: {"add", "change"},
    Photo: {"change"},
    Article: {"change"},
}


@transaction.atomic
def merge_photographers(*, survivor: Photographer, duplicates: Sequence[Photographer], user) -> int:
    """Merge duplicate photographer records into `survivor`, atomically.

    `user` must hold PHOTOGRAPHER_MERGE_NEEDS (WriteNotAllowed otherwise);
    None is a trusted caller (a script).
    """
    if user is not None:
        require(user, PHOTOGRAPHER_MERGE_NEEDS, doing="merge photographers")
    return _merge_parties(
        survivor=survivor, duplicates=duplicates, credits=[(Photo, "photographer")], user=user
    )


@transaction.atomic
def merge_agencies(*, survivor: Agency, duplicates: Sequence[Agency], user) -> int:
    """Merge duplicate agency records into `survivor`, atomically.

    A photo made by one of them and distributed by another (`X via Y`)
    would end up `X via X`, which the catalog forbids: its distributor is
    dropped, as the importer does for such a credit. `user` must hold
    AGENCY_MERGE_NEEDS (WriteNotAllowed otherwise); None is a trusted caller.
    """
    if user is not None:
        require(user, AGENCY_MERGE_NEEDS, doing="merge agencies")
    party_ids = {survivor.pk} | {agency.pk for agency in duplicates}
    clashing = Photo.objects.filter(agency__in=party_ids, distributor__in=party_ids)
    pks = list(clashing.values_list("pk", flat=True))
    clashing.update(distributor=None)
    reason = f"Merge into {survivor.name}: distributor dropped"
    with history.recording(reason=reason, user=user):
        history.record(Photo, pks)
    return _merge_parties(
        survivor=survivor,
        duplicates=duplicates,
        credits=[(Photo, "agency"), (Photo, "distributor"), (Article, "source_agency")],
        user=user,
    )

"""What the API returns, each representation declared once (see declaring.py).

The schema is read from these classes; the photo and slideshow views render
them from plain rows (readers.py), the others from model instances. To add a
plain field, declare it here with its `source`; its column follows.
"""

from rest_framework import serializers

from catalog.models import (
    Agency,
    CreditRole,
    LeaseAccess,
    Photographer,
    RightsCategory,
    WarningKind,
    house_credit_line,
)
from catalog.rights import Cost

from .declaring import Derived, Link, Representation
from .links import Site

# -- small parts -----------------------------------------------------------------------


class PartySerializer(Representation):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


def credit_line(photographer, agency, distributor, role) -> str:
    return house_credit_line(
        photographer=photographer or "",
        agency=agency or "",
        distributor=distributor or "",
        role=role,
    )


class CreditSerializer(Representation):
    photographer = PartySerializer(read_only=True, allow_null=True)
    agency = PartySerializer(read_only=True, allow_null=True, help_text="Who made the picture.")
    distributor = PartySerializer(
        read_only=True, allow_null=True, help_text="Who distributed it (`X via Y`)."
    )
    role = serializers.ChoiceField(source="credit_role", choices=CreditRole.choices, read_only=True)
    text = serializers.CharField(
        source="credit_text", read_only=True, help_text="The credit as the source wrote it."
    )
    line = Derived(
        credit_line,
        "photographer.name",
        "agency.name",
        "distributor.name",
        "credit_role",
        output=serializers.CharField(),
        help_text="House-style credit line: `Photographer / Agency`.",
    )


class WarningSerializer(Representation):
    id = serializers.UUIDField(source="uid", read_only=True)
    kind = serializers.ChoiceField(choices=WarningKind.choices, read_only=True)
    note = serializers.CharField(read_only=True)
    scope = Derived(
        lambda photo_id: "photo" if photo_id is not None else "slideshow",
        "photo_id",
        output=serializers.ChoiceField(choices=["photo", "slideshow"]),
        help_text="`slideshow`: the note covers a whole slideshow this photo is in.",
    )
    slideshow = serializers.SlugField(source="slideshow.slug", read_only=True, allow_null=True)


class RenditionSerializer(Representation):
    url = Derived(Site.file_url, "file", output=serializers.URLField(), needs_site=True)
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)


class RenditionsSerializer(Representation):
    thumbnail = RenditionSerializer(read_only=True, allow_null=True, help_text="For lists.")
    web = RenditionSerializer(read_only=True, allow_null=True, help_text="For pages.")


def original_url(site: Site, uid) -> str | None:
    return site.links.original(uid) if site.originals else None


class ImageSerializer(Representation):
    """The photo's file; null when it has none."""

    url = Derived(
        original_url,
        "uid",
        output=serializers.URLField(),
        needs_site=True,
        allow_null=True,
        help_text="The file as ingested, with its embedded metadata: staff only, "
        "null for anyone else. The renditions are public.",
    )
    name = serializers.CharField(
        source="image_name", read_only=True, help_text="The file's name as uploaded."
    )
    width = serializers.IntegerField(source="image_width", read_only=True)
    height = serializers.IntegerField(source="image_height", read_only=True)
    format = serializers.CharField(source="image_format", read_only=True)
    size = serializers.IntegerField(source="image_size", read_only=True, help_text="In bytes.")
    sha256 = serializers.CharField(source="image_sha256", read_only=True)
    renditions = RenditionsSerializer(source="renditions_by_spec", read_only=True)

    class Meta:
        present_if = "image"
        batched = ("renditions",)


class EmbeddedSerializer(serializers.Serializer):
    creator = serializers.CharField(read_only=True)
    credit_line = serializers.CharField(read_only=True)
    source = serializers.CharField(read_only=True)
    copyright_notice = serializers.CharField(read_only=True)
    caption = serializers.CharField(read_only=True)
    headline = serializers.CharField(read_only=True)
    date_created = serializers.CharField(read_only=True, help_text="ISO 8601, as embedded.")


EMBEDDED_FIELDS = tuple(EmbeddedSerializer().fields)


def embedded_values(embedded) -> dict:
    """Every embedded field, "" where the file had none."""
    embedded = embedded or {}
    return {name: embedded.get(name, "") for name in EMBEDDED_FIELDS}


# -- photos --------------------------------------------------------------------------


class PhotoSummarySerializer(Representation):
    """A photo as a slideshow shows it: its own warnings only."""

    id = serializers.UUIDField(source="uid", read_only=True)
    url = Link("photo", "uid")
    title = serializers.CharField(read_only=True)
    caption = serializers.CharField(read_only=True)
    alt_text = serializers.CharField(
        read_only=True, help_text="What a screen reader says instead of the picture."
    )
    credit = CreditSerializer(source="*", read_only=True)
    warnings = WarningSerializer(many=True, read_only=True)
    image = ImageSerializer(source="*", read_only=True, allow_null=True)

    class Meta:
        batched = ("warnings",)


class PhotoSlideshowSerializer(Representation):
    """A slideshow a photo is in, from the slide that places it there."""

    slug = serializers.SlugField(source="slideshow.slug", read_only=True)
    title = serializers.CharField(source="slideshow.title", read_only=True)
    position = serializers.IntegerField(read_only=True)
    url = Link("slideshow", "slideshow.slug")


class LeaseShownSerializer(Representation):
    access = serializers.ChoiceField(choices=LeaseAccess.choices, read_only=True)
    starts_at = serializers.DateTimeField(read_only=True, allow_null=True)
    ends_at = serializers.DateTimeField(read_only=True, allow_null=True)
    note = Derived(
        lambda site, note: note if site.staff else None,
        "note",
        output=serializers.CharField(allow_null=True),
        needs_site=True,
        help_text="Staff only: null for anyone else.",
    )


class RightsSerializer(Representation):
    """Whether the photo may be used at the time asked (`usable_at`, else now), and
    what it costs; the rules are in the README. Read for a whole page by
    catalog.rights.rights_blocks."""

    category = serializers.ChoiceField(choices=RightsCategory.choices, read_only=True)
    restrictions = serializers.CharField(read_only=True)
    licence = serializers.CharField(read_only=True, help_text="For Creative Commons.")
    source = serializers.CharField(read_only=True, help_text="Where the rights are stated.")
    cost = serializers.ChoiceField(choices=Cost.choices, read_only=True)
    usable = serializers.BooleanField(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    embargo_until = serializers.DateTimeField(read_only=True, allow_null=True)
    leases = LeaseShownSerializer(many=True, read_only=True, help_text="Leases in force.")

    class Meta:
        batched = ("leases",)


class PhotoSerializer(PhotoSummarySerializer):
    """A photo with where it appears; its warnings include its slideshows' notes."""

    warnings = WarningSerializer(source="listed_warnings", many=True, read_only=True)
    slideshows = PhotoSlideshowSerializer(source="listed_slides", many=True, read_only=True)
    embedded = Derived(
        embedded_values,
        "embedded",
        output=EmbeddedSerializer(),
        help_text="Metadata embedded in the image file, as read on ingest.",
    )
    credit_conflict = serializers.BooleanField(
        read_only=True, help_text="The file's embedded credit disagrees with the catalog's."
    )
    article = serializers.SlugField(source="article.slug", read_only=True, allow_null=True)
    source_line = serializers.IntegerField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    rights = RightsSerializer(
        source="rights_block",
        read_only=True,
        help_text="Whether it may be used now (or at `usable_at`), and what it costs.",
    )

    class Meta:
        batched = ("warnings", "slideshows", "rights")


# -- slideshows ------------------------------------------------------------------------


class SlideSerializer(Representation):
    position = serializers.IntegerField(read_only=True)
    caption = Derived(
        lambda own, photo: own or photo,
        "caption",
        "photo.caption",
        output=serializers.CharField(),
        help_text="The caption shown on this slide.",
    )
    caption_source = Derived(
        lambda own: "slide" if own else "photo",
        "caption",
        output=serializers.ChoiceField(choices=["slide", "photo"]),
        help_text="`slide`: as this slideshow printed it; `photo`: the photo's own.",
    )
    photo = PhotoSummarySerializer(read_only=True)


class SlideshowSerializer(Representation):
    slug = serializers.SlugField(read_only=True)
    url = Link("slideshow", "slug")
    title = serializers.CharField(read_only=True)
    heading = serializers.CharField(read_only=True)
    declared_count = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Slides the page announced."
    )
    present_count = serializers.IntegerField(read_only=True, help_text="Slides the catalog has.")
    incomplete = Derived(
        lambda declared, present: declared is not None and declared > present,
        "declared_count",
        "present_count",
        output=serializers.BooleanField(),
    )
    cover = PhotoSummarySerializer(read_only=True, allow_null=True)
    warnings = WarningSerializer(many=True, read_only=True)
    article = serializers.SlugField(source="article.slug", read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True)

    class Meta:
        batched = ("warnings",)


class SlideshowDetailSerializer(SlideshowSerializer):
    slides = SlideSerializer(many=True, read_only=True, help_text="In position order.")

    class Meta:
        batched = ("warnings", "slides")


# -- people and agencies ----------------------------------------------------------------


def photos_of(party: str):
    """A Derived function: the photo list of a photographer or agency, by slug."""

    def link(site: Site, slug: str) -> str:
        return site.links.photos_of(f"{party}={slug}")

    return link


class PhotographerSerializer(Representation):
    slug = serializers.SlugField(read_only=True)
    url = Link("photographer", "slug")
    name = serializers.CharField(read_only=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    photo_count = serializers.IntegerField(read_only=True)
    agencies = PartySerializer(
        many=True, read_only=True, help_text="Agencies of their photos, most credited first."
    )
    photos = Derived(
        photos_of("photographer"),
        "slug",
        output=serializers.URLField(),
        needs_site=True,
        help_text="Their photos, as a photo list URL.",
    )

    class Meta:
        model = Photographer  # where the schema looks up the type of `aliases`
        batched = ("aliases", "agencies")


class AgencySerializer(Representation):
    slug = serializers.SlugField(read_only=True)
    url = Link("agency", "slug")
    name = serializers.CharField(read_only=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    photo_count = serializers.IntegerField(read_only=True, help_text="Photos it made.")
    photos = Derived(photos_of("agency"), "slug", output=serializers.URLField(), needs_site=True)

    class Meta:
        model = Agency  # where the schema looks up the type of `aliases`
        batched = ("aliases",)


# -- videos and articles --------------------------------------------------------------------


class SpeakerSerializer(Representation):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)


class TurnSerializer(Representation):
    position = serializers.IntegerField(read_only=True)
    speaker = SpeakerSerializer(
        read_only=True, allow_null=True, help_text="Null when the transcript names no one."
    )
    label = serializers.CharField(
        source="speaker_label",
        read_only=True,
        help_text="The speaker as the transcript wrote them.",
    )
    text = serializers.CharField(read_only=True)


class VideoSerializer(Representation):
    id = serializers.UUIDField(source="uid", read_only=True)
    url = Link("video", "uid")
    title = serializers.CharField(read_only=True)
    article = serializers.SlugField(source="article.slug", read_only=True, allow_null=True)
    turns = TurnSerializer(many=True, read_only=True)

    class Meta:
        batched = ("turns",)


class ArticleSlideshowSerializer(Representation):
    id = serializers.SlugField(source="slug", read_only=True)
    title = serializers.CharField(read_only=True)
    url = Link("slideshow", "slug")


class ArticleVideoSerializer(Representation):
    id = serializers.UUIDField(source="uid", read_only=True)
    title = serializers.CharField(read_only=True)
    url = Link("video", "uid")


class BodyBlockSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["paragraph", "heading", "related"], read_only=True)
    text = serializers.CharField(read_only=True)
    line = serializers.IntegerField(read_only=True)


class ArticleSerializer(Representation):
    slug = serializers.SlugField(read_only=True)
    url = Link("article", "slug")
    source_name = serializers.CharField(read_only=True)
    headline = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    byline = serializers.CharField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)
    source_agency = PartySerializer(read_only=True, allow_null=True)
    rights_notice = serializers.CharField(read_only=True)
    lead_photo = Link("photo", "lead_photo.uid", allow_null=True)
    photos = Derived(
        photos_of("article"),
        "slug",
        output=serializers.URLField(),
        needs_site=True,
        help_text="Its photos, as a photo list URL.",
    )
    slideshows = ArticleSlideshowSerializer(many=True, read_only=True)
    videos = ArticleVideoSerializer(many=True, read_only=True)

    class Meta:
        batched = ("slideshows", "videos")


class ArticleDetailSerializer(ArticleSerializer):
    body = Derived(list, "body", output=BodyBlockSerializer(many=True))

"""What the API returns and accepts.

Read serializers declare their fields (for the OpenAPI schema) and build
their output directly from model attributes, skipping DRF's per-field
machinery; photos and slideshows, the hot paths, are built from plain rows
by readers.py. Write serializers are ordinary ModelSerializers.
"""

import functools
from datetime import UTC

from django.conf import settings
from django.db import transaction
from django.urls import get_script_prefix, get_urlconf, reverse
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from catalog.credits import parse_credit
from catalog.credits.resolving import CreditRejected, CreditResolver
from catalog.importers.errors import ImportFailed
from catalog.importers.image_store import ingest_image
from catalog.importers.images import ImageRejected, check_size
from catalog.models import (
    Agency,
    Article,
    ContentWarning,
    CreditRole,
    LeaseAccess,
    Photo,
    Photographer,
    RightsCategory,
    Slideshow,
    WarningKind,
)
from catalog.permissions import party_writes, require
from catalog.rights import Cost

PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


class Links:
    """Absolute URLs of API resources, each route's path reversed once."""

    def __init__(self, request):
        self.base = request.build_absolute_uri("/")[:-1] if request is not None else ""
        self.templates: dict[str, str] = {}

    def detail(self, route: str, key) -> str:
        template = self.templates.get(route)
        if template is None:
            template = self.templates[route] = self.base + _detail_path(
                route, get_script_prefix(), get_urlconf()
            )
        return template.replace(PLACEHOLDER, str(key))

    def original(self, uid) -> str:
        """The staff-only endpoint that serves a photo's original file."""
        return f"{self.detail('photo', uid)}original/"

    def photos_of(self, query: str) -> str:
        return f"{self.base}{reverse('api:photo-list')}?{query}"


@functools.cache
def _detail_path(route: str, script_prefix: str, urlconf) -> str:
    """The path of a detail route, PLACEHOLDER for its key; the same for every
    request under one script prefix and URLconf."""
    return reverse(f"api:{route}-detail", args=[PLACEHOLDER], urlconf=urlconf)


def links(context) -> Links:
    if "links" not in context:
        context["links"] = Links(context.get("request"))
    return context["links"]


def iso(value) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def party(obj) -> dict | None:
    return {"slug": obj.slug, "name": obj.name} if obj is not None else None


# -- schema-only shapes of nested values ---------------------------------------------


class PartySerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class CreditSerializer(serializers.Serializer):
    photographer = PartySerializer(read_only=True, allow_null=True)
    agency = PartySerializer(read_only=True, allow_null=True, help_text="Who made the picture.")
    distributor = PartySerializer(
        read_only=True, allow_null=True, help_text="Who distributed it (`X via Y`)."
    )
    role = serializers.ChoiceField(choices=CreditRole.choices, read_only=True)
    text = serializers.CharField(read_only=True, help_text="The credit as the source wrote it.")
    line = serializers.CharField(
        read_only=True, help_text="House-style credit line: `Photographer / Agency`."
    )


class WarningSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=WarningKind.choices, read_only=True)
    note = serializers.CharField(read_only=True)
    scope = serializers.ChoiceField(
        choices=["photo", "slideshow"],
        read_only=True,
        help_text="`slideshow`: the note covers a whole slideshow this photo is in.",
    )
    slideshow = serializers.SlugField(read_only=True, allow_null=True)


class PhotoSlideshowSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    position = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True)
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)


class RenditionsSerializer(serializers.Serializer):
    thumbnail = RenditionSerializer(read_only=True, allow_null=True, help_text="For lists.")
    web = RenditionSerializer(read_only=True, allow_null=True, help_text="For pages.")


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text="The file as ingested, with its embedded metadata: staff only, "
        "null for anyone else. The renditions are public.",
    )
    name = serializers.CharField(read_only=True, help_text="The file's name as uploaded.")
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    format = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True, help_text="In bytes.")
    sha256 = serializers.CharField(read_only=True)
    renditions = RenditionsSerializer(read_only=True)


class EmbeddedSerializer(serializers.Serializer):
    creator = serializers.CharField(read_only=True)
    credit_line = serializers.CharField(read_only=True)
    source = serializers.CharField(read_only=True)
    copyright_notice = serializers.CharField(read_only=True)
    caption = serializers.CharField(read_only=True)
    headline = serializers.CharField(read_only=True)
    date_created = serializers.CharField(read_only=True, help_text="ISO 8601, as embedded.")


EMBEDDED_FIELDS = list(EmbeddedSerializer().fields)


# -- photos --------------------------------------------------------------------------


class PhotoSummarySerializer(serializers.Serializer):
    """A photo as a slideshow shows it: its own warnings only."""

    id = serializers.UUIDField(read_only=True)
    url = serializers.URLField(read_only=True)
    title = serializers.CharField(read_only=True)
    caption = serializers.CharField(read_only=True)
    credit = CreditSerializer(read_only=True)
    warnings = WarningSerializer(many=True, read_only=True)
    image = ImageSerializer(read_only=True, allow_null=True)


class LeaseShownSerializer(serializers.Serializer):
    access = serializers.ChoiceField(choices=LeaseAccess.choices, read_only=True)
    starts_at = serializers.DateTimeField(read_only=True, allow_null=True)
    ends_at = serializers.DateTimeField(read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True, required=False, help_text="Staff only.")


class RightsSerializer(serializers.Serializer):
    """Whether the photo may be used at the time asked (`usable_at`, else now), and
    what it costs; the rules are in the README."""

    category = serializers.ChoiceField(choices=RightsCategory.choices, read_only=True)
    restrictions = serializers.CharField(read_only=True)
    licence = serializers.CharField(read_only=True, help_text="For Creative Commons.")
    source = serializers.CharField(read_only=True, help_text="Where the rights are stated.")
    cost = serializers.ChoiceField(choices=Cost.choices, read_only=True)
    usable = serializers.BooleanField(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    embargo_until = serializers.DateTimeField(read_only=True, allow_null=True)
    leases = LeaseShownSerializer(many=True, read_only=True, help_text="Leases in force.")


class PhotoSerializer(PhotoSummarySerializer):
    """A photo with where it appears; its warnings include its slideshows' notes."""

    slideshows = PhotoSlideshowSerializer(many=True, read_only=True)
    embedded = EmbeddedSerializer(
        read_only=True, help_text="Metadata embedded in the image file, as read on ingest."
    )
    credit_conflict = serializers.BooleanField(
        read_only=True, help_text="The file's embedded credit disagrees with the catalog's."
    )
    article = serializers.SlugField(read_only=True, allow_null=True)
    source_line = serializers.IntegerField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    rights = RightsSerializer(read_only=True)


class SlugLookupField(serializers.SlugRelatedField):
    """A record by its slug; a value with a NUL character (which PostgreSQL
    refuses in a query: a 500) names no record, without a query."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class SlugOrNullField(SlugLookupField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", required=False, allow_null=True, **kwargs)


class PhotoWriteSerializer(serializers.ModelSerializer):
    """Create or change a photo.

    Give the credit's parts by slug, or only `credit_text` (`Name / AGENCY`):
    it is then split as the importer splits credits, and the agency and
    photographer are found through their aliases or created, which needs
    permission to add them (a 403 saying which, and nothing saved).
    """

    photographer = SlugOrNullField(queryset=Photographer.objects.all())
    agency = SlugOrNullField(queryset=Agency.objects.all())
    distributor = SlugOrNullField(queryset=Agency.objects.all())
    image = serializers.FileField(
        write_only=True,
        required=False,
        help_text="The picture file (multipart/form-data). The credit, caption and "
        "headline embedded in it fill the photo's empty fields.",
    )

    class Meta:
        model = Photo
        fields = [
            "title",
            "caption",
            "photographer",
            "agency",
            "distributor",
            "credit_role",
            "credit_text",
            "image",
        ]

    def validate_image(self, upload):
        try:
            check_size(upload.size, max_bytes=settings.MAX_IMAGE_BYTES)
        except ImageRejected as rejected:
            raise serializers.ValidationError(rejected.message, code=rejected.reason) from None
        return upload

    def validate(self, attrs):
        parts = ("photographer", "agency", "distributor")
        if attrs.get("credit_text") and not any(part in attrs for part in parts):
            attrs["parsed_credit"] = parse_credit(attrs["credit_text"])
        agency = attrs.get("agency", getattr(self.instance, "agency", None))
        distributor = attrs.get("distributor", getattr(self.instance, "distributor", None))
        if agency is not None and agency == distributor:
            raise serializers.ValidationError(
                {"distributor": ["The distributor must differ from the agency."]}
            )
        return attrs

    @transaction.atomic
    def save(self, **kwargs):
        parsed = self.validated_data.pop("parsed_credit", None)
        if parsed is not None:
            resolver = CreditResolver()
            try:
                resolver.resolve([(parsed, None)])
            except CreditRejected as error:
                raise serializers.ValidationError({"credit_text": [error.message]}) from None
            # A credit naming a new agency or photographer needs permission to add it.
            require(self._user(), party_writes(resolver.summary.writes()), doing="save this credit")
            fields = resolver.fields(parsed)
            for name in ("photographer", "agency", "distributor"):
                kwargs[f"{name}_id"] = fields[f"{name}_id"]
            kwargs["credit_role"] = fields["credit_role"]
        upload = self.validated_data.pop("image", None)
        photo = super().save(**kwargs)
        if upload is not None:
            try:
                _, summary = ingest_image(
                    upload.read(), name=upload.name, photo=photo, user=self._user()
                )
                self.notices = [notice.message for notice in summary.notices]
            except ImportFailed as error:
                raise serializers.ValidationError({"image": [error.message]}) from None
        return photo

    def _user(self):
        return self.context["request"].user


class PhotoDataSerializer(PhotoWriteSerializer):
    """A photo's data as JSON: PhotoWriteSerializer without the file, which
    goes to `PUT /api/photos/{id}/image/` (multipart)."""

    image = None

    class Meta(PhotoWriteSerializer.Meta):
        fields = [name for name in PhotoWriteSerializer.Meta.fields if name != "image"]


class PhotoImageSerializer(serializers.Serializer):
    """The body of an image upload (multipart/form-data)."""

    image = serializers.FileField(
        help_text="The picture file. The credit, caption and headline embedded in it "
        "fill the photo's empty fields."
    )


# -- slideshows ------------------------------------------------------------------------


class SlideSerializer(serializers.Serializer):
    position = serializers.IntegerField(read_only=True)
    caption = serializers.CharField(read_only=True, help_text="The caption shown on this slide.")
    caption_source = serializers.ChoiceField(
        choices=["slide", "photo"],
        read_only=True,
        help_text="`slide`: as this slideshow printed it; `photo`: the photo's own.",
    )
    photo = PhotoSummarySerializer(read_only=True)


class SlideshowSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    url = serializers.URLField(read_only=True)
    title = serializers.CharField(read_only=True)
    heading = serializers.CharField(read_only=True)
    declared_count = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Slides the page announced."
    )
    present_count = serializers.IntegerField(read_only=True, help_text="Slides the catalog has.")
    incomplete = serializers.BooleanField(read_only=True)
    cover = PhotoSummarySerializer(read_only=True, allow_null=True)
    warnings = WarningSerializer(many=True, read_only=True)
    article = serializers.SlugField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True)


class SlideshowDetailSerializer(SlideshowSerializer):
    slides = SlideSerializer(many=True, read_only=True, help_text="In position order.")


class SlideshowWriteSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(
        required=False,
        max_length=300,
        validators=[UniqueValidator(queryset=Slideshow.objects.all())],
        help_text="Made from the title when left out.",
    )
    cover = serializers.SlugRelatedField(
        slug_field="uid", queryset=Photo.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Slideshow
        fields = ["slug", "title", "heading", "declared_count", "cover"]


class SlideOrderSerializer(serializers.Serializer):
    photos = serializers.ListField(
        child=serializers.UUIDField(),
        help_text="Every photo of the slideshow, by id, in the new order.",
    )
    expected = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        help_text="The order you saw; if the slideshow changed since, the request fails "
        "with 409 instead of overwriting someone else's order.",
    )


# -- warnings ----------------------------------------------------------------------------


class ContentWarningSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uid", read_only=True)
    photo = serializers.SlugRelatedField(
        slug_field="uid", queryset=Photo.objects.all(), required=False, allow_null=True
    )
    slideshow = SlugLookupField(
        slug_field="slug", queryset=Slideshow.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = ContentWarning
        fields = ["id", "photo", "slideshow", "kind", "note"]

    def validate(self, attrs):
        photo = attrs.get("photo", getattr(self.instance, "photo", None))
        slideshow = attrs.get("slideshow", getattr(self.instance, "slideshow", None))
        if (photo is None) == (slideshow is None):
            raise serializers.ValidationError("Give either a photo or a slideshow, not both.")
        return attrs


# -- people and agencies ----------------------------------------------------------------


class PhotographerSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    url = serializers.URLField(read_only=True)
    name = serializers.CharField(read_only=True)
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True)
    photo_count = serializers.IntegerField(read_only=True)
    agencies = PartySerializer(
        many=True, read_only=True, help_text="Agencies of their photos, most credited first."
    )
    photos = serializers.URLField(read_only=True, help_text="Their photos, as a photo list URL.")

    def to_representation(self, person):
        site = links(self.context)
        return {
            "slug": person.slug,
            "url": site.detail("photographer", person.slug),
            "name": person.name,
            "aliases": [alias.name for alias in person.aliases.all()],
            "photo_count": person.photo_count,
            "agencies": [party(agency) for agency in person.agencies],
            "photos": site.photos_of(f"photographer={person.slug}"),
        }


class AgencySerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    url = serializers.URLField(read_only=True)
    name = serializers.CharField(read_only=True)
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True)
    photo_count = serializers.IntegerField(read_only=True, help_text="Photos it made.")
    photos = serializers.URLField(read_only=True)

    def to_representation(self, agency):
        site = links(self.context)
        return {
            "slug": agency.slug,
            "url": site.detail("agency", agency.slug),
            "name": agency.name,
            "aliases": [alias.name for alias in agency.aliases.all()],
            "photo_count": agency.photo_count,
            "photos": site.photos_of(f"agency={agency.slug}"),
        }


# -- videos and articles --------------------------------------------------------------------


class SpeakerSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)


class TurnSerializer(serializers.Serializer):
    position = serializers.IntegerField(read_only=True)
    speaker = SpeakerSerializer(
        read_only=True, allow_null=True, help_text="Null when the transcript names no one."
    )
    label = serializers.CharField(
        read_only=True, help_text="The speaker as the transcript wrote them."
    )
    text = serializers.CharField(read_only=True)


class VideoSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    url = serializers.URLField(read_only=True)
    title = serializers.CharField(read_only=True)
    article = serializers.SlugField(read_only=True, allow_null=True)
    turns = TurnSerializer(many=True, read_only=True)

    def to_representation(self, video):
        return {
            "id": str(video.uid),
            "url": links(self.context).detail("video", video.uid),
            "title": video.title,
            "article": video.article.slug if video.article_id else None,
            "turns": [
                {
                    "position": turn.position,
                    "speaker": {
                        "slug": turn.speaker.slug,
                        "name": turn.speaker.name,
                        "role": turn.speaker.role,
                    }
                    if turn.speaker_id is not None
                    else None,
                    "label": turn.speaker_label,
                    "text": turn.text,
                }
                for turn in video.turns.all()
            ],
        }


class LinkSerializer(serializers.Serializer):
    id = serializers.CharField(read_only=True, help_text="Slug or id.")
    title = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True)


class BodyBlockSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["paragraph", "heading", "related"], read_only=True)
    text = serializers.CharField(read_only=True)
    line = serializers.IntegerField(read_only=True)


class ArticleSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    url = serializers.URLField(read_only=True)
    source_name = serializers.CharField(read_only=True)
    headline = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    byline = serializers.CharField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)
    source_agency = PartySerializer(read_only=True, allow_null=True)
    rights_notice = serializers.CharField(read_only=True)
    lead_photo = serializers.URLField(read_only=True, allow_null=True)
    photos = serializers.URLField(read_only=True, help_text="Its photos, as a photo list URL.")
    slideshows = LinkSerializer(many=True, read_only=True)
    videos = LinkSerializer(many=True, read_only=True)

    def to_representation(self, article: Article):
        site = links(self.context)
        return {
            "slug": article.slug,
            "url": site.detail("article", article.slug),
            "source_name": article.source_name,
            "headline": article.headline,
            "summary": article.summary,
            "byline": article.byline,
            "updated_at": iso(article.updated_at),
            "source_agency": party(article.source_agency),
            "rights_notice": article.rights_notice,
            "lead_photo": (
                site.detail("photo", article.lead_photo.uid) if article.lead_photo_id else None
            ),
            "photos": site.photos_of(f"article={article.slug}"),
            "slideshows": [
                {"id": s.slug, "title": s.title, "url": site.detail("slideshow", s.slug)}
                for s in article.slideshows.all()
            ],
            "videos": [
                {"id": str(v.uid), "title": v.title, "url": site.detail("video", v.uid)}
                for v in article.videos.all()
            ],
        }


class ArticleDetailSerializer(ArticleSerializer):
    body = BodyBlockSerializer(many=True, read_only=True)

    def to_representation(self, article):
        data = super().to_representation(article)
        data["body"] = article.body
        return data


# -- API tokens ------------------------------------------------------------------------


class NewTokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        read_only=True, help_text="Send as `Authorization: Token <token>`; shown only once."
    )
    expiry = serializers.DateTimeField(read_only=True, help_text="When the token stops working.")

"""What the API accepts: write serializers, ordinary ModelSerializers.

What it returns is declared in representations.py.
"""

from django.conf import settings
from django.db import transaction
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from catalog.credits import parse_credit
from catalog.credits.resolving import CreditRejected, CreditResolver
from catalog.images.files import ImageRejected, check_size
from catalog.images.store import ingest_image
from catalog.models import Agency, ContentWarning, Photo, Photographer, Slideshow
from catalog.outcomes import ImportFailed
from catalog.permissions import party_writes, require


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
            "alt_text",
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


# -- API tokens ------------------------------------------------------------------------


class NewTokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        read_only=True, help_text="Send as `Authorization: Token <token>`; shown only once."
    )
    expiry = serializers.DateTimeField(read_only=True, help_text="When the token stops working.")

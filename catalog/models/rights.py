"""Usage rights: the agreements with agencies, leases on single photos, and
the record of where photos were used.

The rights a photo carries (its category, restrictions, embargo) are
columns of Photo; the verdict drawn from all of them lives in
catalog/rights.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .parties import Agency


class RightsCategory(models.TextChoices):
    """Why the newsroom may use a picture (after the Guardian's Grid)."""

    AGENCY = "agency", "Agency"
    STAFF = "staff", "Staff photographer"
    CONTRACT = "contract", "Contract photographer"
    COMMISSIONED = "commissioned", "Commissioned"
    HANDOUT = "handout", "Handout"
    POOL = "pool", "Pool"
    SCREENGRAB = "screengrab", "Screengrab"
    SOCIAL_MEDIA = "social_media", "Social media"
    PR_IMAGE = "pr_image", "PR image"
    CREATIVE_COMMONS = "creative_commons", "Creative Commons"
    PUBLIC_DOMAIN = "public_domain", "Public domain"
    NO_RIGHTS = "no_rights", "No rights"


def category_from_credit(*, role: str, agency: bool) -> str:
    """The rights category a credit makes plain: a `Handout` or `Pool` role,
    else an agency's credit; otherwise none is recorded (NO_RIGHTS)."""
    by_role = {"handout": RightsCategory.HANDOUT, "pool": RightsCategory.POOL}
    if role in by_role:
        return by_role[role]
    return RightsCategory.AGENCY if agency else RightsCategory.NO_RIGHTS


class AgreementTerms(models.TextChoices):
    SUBSCRIPTION = "subscription", "Subscription (free to use)"
    PER_USE = "per_use", "Paid per use"


class AgencyAgreement(models.Model):
    """The newsroom's terms with an agency, for the photos it sells: the
    agency of a photo, or its distributor for an `X via Y` credit.

    Pictures of an excluded collection (the X of `X via <this agency>`) are
    outside the subscription. An agency without an agreement is paid per use.
    """

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="agreement")
    terms = models.CharField(
        max_length=20, choices=AgreementTerms.choices, default=AgreementTerms.SUBSCRIPTION
    )
    excluded_collections = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="excluded_from_agreements",
        help_text="Collections this agency distributes that its subscription does not cover.",
    )
    monthly_quota = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Photos the subscription covers in a calendar month; empty for no limit.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(terms__in=AgreementTerms.values), name="agreement_terms_valid"
            ),
        ]

    def __str__(self):
        return f"Agreement with {self.agency}"


class MadeBy(models.Model):
    """Who recorded it (an editor, or no one for an import) and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class LeaseAccess(models.TextChoices):
    ALLOW = "allow", "Allow use"
    DENY = "deny", "Deny use"


class LeaseQuerySet(models.QuerySet):
    def active_at(self, at):
        """Leases in force at `at`: started (or open) and not yet ended (or open)."""
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=at),
            Q(ends_at__isnull=True) | Q(ends_at__gt=at),
        )


class Lease(MadeBy):
    """An editor's decision on one photo for a time: allow its use (whatever
    it costs) or deny it. Either end may be open."""

    photo = models.ForeignKey("Photo", on_delete=models.CASCADE, related_name="leases")
    access = models.CharField(max_length=10, choices=LeaseAccess.choices)
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Empty: from now on.")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty: with no end.")
    note = models.TextField(blank=True)

    objects = LeaseQuerySet.as_manager()

    class Meta:
        ordering = ["photo", "starts_at", "id"]
        indexes = [
            models.Index(fields=["photo", "access", "starts_at", "ends_at"], name="lease_by_photo")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(access__in=LeaseAccess.values), name="lease_access_valid"
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(starts_at__lt=F("ends_at")),
                name="lease_starts_before_it_ends",
                violation_error_message="A lease must start before it ends.",
            ),
        ]

    def __str__(self):
        return f"{self.get_access_display()} of {self.photo}"


class UsagePlatform(models.TextChoices):
    WEB = "web", "Web"
    PRINT = "print", "Print"
    APP = "app", "App"
    SOCIAL = "social", "Social media"
    OTHER = "other", "Other"


class UsageManager(models.Manager):
    def get_by_natural_key(self, photo_uid, used_at, where, article_slug):
        return self.get(
            photo__uid=photo_uid, used_at=used_at, where=where, article__slug=article_slug
        )


class Usage(MadeBy):
    """One use of a photo: where, when, on which platform.

    An import records a use of each of its photos in its article (a slide
    or a slideshow cover in the article's slideshow); other uses are
    reported through the API or the admin with `where` written out.
    """

    photo = models.ForeignKey("Photo", on_delete=models.CASCADE, related_name="uses")
    article = models.ForeignKey(
        "Article", null=True, blank=True, on_delete=models.CASCADE, related_name="photo_uses"
    )
    slideshow = models.ForeignKey(
        "Slideshow", null=True, blank=True, on_delete=models.SET_NULL, related_name="photo_uses"
    )
    where = models.CharField(
        max_length=500, blank=True, help_text="The page, issue or post: a title or an address."
    )
    used_at = models.DateTimeField(help_text="When it was published.")
    platform = models.CharField(
        max_length=10, choices=UsagePlatform.choices, default=UsagePlatform.WEB
    )

    objects = UsageManager()

    class Meta:
        verbose_name = "use"
        ordering = ["photo", "-used_at", "id"]
        indexes = [
            models.Index(fields=["photo", "used_at"], name="usage_by_photo"),
            models.Index(fields=["used_at", "photo"], name="usage_by_time"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "article"],
                condition=Q(article__isnull=False),
                name="usage_once_per_article",
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(where=""),
                name="usage_says_where",
                violation_error_message="A use names its article or says where it was.",
            ),
            models.CheckConstraint(
                condition=Q(platform__in=UsagePlatform.values), name="usage_platform_valid"
            ),
        ]

    def __str__(self):
        return f"{self.photo} in {self.place}"

    def natural_key(self):
        article = self.article.slug if self.article_id else None
        return (str(self.photo.uid), self.used_at.isoformat(), self.where, article)

    natural_key.dependencies = ["catalog.photo", "catalog.article", "catalog.slideshow"]

    @property
    def place(self) -> str:
        return self.where or str(self.slideshow or self.article)

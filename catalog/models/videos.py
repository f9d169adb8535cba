"""Videos and their transcripts, turn by turn."""

import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from .base import NaturalSlugManager, SluggedModel, Sourced, UidManager


class Speaker(SluggedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(max_length=100, blank=True, help_text="e.g. anchor, reporter")

    objects = NaturalSlugManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="speaker_name_unique_ci"),
        ]

    def __str__(self):
        return self.name


class Video(Sourced):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=300)

    objects = UidManager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (str(self.uid),)

    def get_absolute_url(self):
        """Its public page: the API's detail (the admin's "View on site")."""
        return reverse("api:video-detail", kwargs={"id": self.uid})


class TurnManager(models.Manager):
    def get_by_natural_key(self, video_uid, position):
        return self.get(video__uid=video_uid, position=position)


class TranscriptTurn(Sourced):
    """One speaker's turn in a video transcript, in order."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="turns")
    position = models.PositiveIntegerField()
    # Empty for a turn the transcript gives no name to (`Unidentified Man`,
    # `Reporter`, a closed caption's `>>`); the label still says who spoke.
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="turns", null=True, blank=True
    )
    speaker_label = models.CharField(
        max_length=200, help_text="The speaker as the transcript wrote them."
    )
    text = models.TextField()

    objects = TurnManager()

    class Meta:
        ordering = ["video", "position"]
        constraints = [
            models.UniqueConstraint(fields=["video", "position"], name="turn_position_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="turn_position_positive"),
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | ~Q(speaker_label=""),
                name="turn_speaker_or_label",
                violation_error_message="A turn without a named speaker needs its label.",
            ),
        ]

    def __str__(self):
        return f"{self.video} #{self.position} ({self.speaker or self.speaker_label})"

    def natural_key(self):
        return (str(self.video.uid), self.position)

    # A turn names its speaker, when it has one, by the speaker's natural key.
    natural_key.dependencies = ["catalog.video", "catalog.speaker"]

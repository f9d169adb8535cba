import factory

from catalog import models


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")


class PhotographerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Photographer
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Photographer {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article

    slug = factory.Sequence(lambda n: f"article-{n}")
    source_name = factory.LazyAttribute(lambda article: f"{article.slug}.txt")
    summary = factory.Faker("sentence")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Photo

    caption = factory.Faker("sentence", nb_words=16)
    photographer = factory.SubFactory(PhotographerFactory)
    agency = factory.SubFactory(AgencyFactory)
    credit_text = factory.LazyAttribute(
        lambda photo: f"{photo.photographer.name} / {photo.agency.name}"
    )


class SlideshowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Slideshow

    title = factory.Sequence(lambda n: f"Slideshow {n}")
    declared_count = 3


class SlideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Slide

    slideshow = factory.SubFactory(SlideshowFactory)
    photo = factory.SubFactory(PhotoFactory)
    position = factory.Sequence(lambda n: n + 1)


class ContentWarningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ContentWarning

    photo = factory.SubFactory(PhotoFactory)
    kind = models.WarningKind.GRAPHIC
    note = "This image contains graphic content."


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Speaker
        django_get_or_create = ("name",)

    name = factory.Faker("name")


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Video

    title = factory.Faker("sentence", nb_words=6)


class TranscriptTurnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TranscriptTurn

    video = factory.SubFactory(VideoFactory)
    position = factory.Sequence(lambda n: n + 1)
    speaker = factory.SubFactory(SpeakerFactory)
    speaker_label = factory.LazyAttribute(lambda turn: turn.speaker.name.upper())
    text = factory.Faker("paragraph")


def slideshow_with_slides(count: int, **kwargs) -> models.Slideshow:
    """A slideshow of `count` slides, each a photo with its own credit."""
    slideshow = SlideshowFactory(declared_count=count, **kwargs)
    for position in range(1, count + 1):
        SlideFactory(slideshow=slideshow, position=position)
    return slideshow

"""Saving a parsed article into the catalog.

One article is one transaction. Records are found again through stable
identities (a photo's uid derives from where the page printed it, a
slideshow's slug from its title, an agency through its aliases), so a
re-import updates rows instead of adding them, and rows the article no
longer prints are removed. Agencies, photographers and speakers are shared
between articles and are never removed by an import.

An import changes only what its own article imported (the records whose
provenance `article` is that article). A slideshow, photo, warning or video
another article imported, or an editor made, is found by the same identity
but only linked: left exactly as it is (a slideshow with its slides, cover
and warnings), and reported as a notice. `take_over` applies the page to
those records too and makes them this article's.

An unchanged source file (same SHA-256 as the last import) is not applied
again unless forced, so an editor's later corrections stand.

The rows written in bulk, which no signal reports, are recorded in the edit
history here (catalog.history.record): one version per record created or
changed, none for a record left as it was.
"""

import uuid
from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone

from catalog import history
from catalog.credits.resolving import CreditRejected, CreditResolver
from catalog.models import (
    Agency,
    AgencyAlias,
    Article,
    ContentWarning,
    Photo,
    Photographer,
    Slide,
    Slideshow,
    Speaker,
    TranscriptTurn,
    Usage,
    Video,
)
from catalog.models.inserting import create_named, insert_rows, update_row
from catalog.models.lookups import keys_present, keys_with_owner, named_rows
from catalog.models.rights import category_from_credit
from catalog.outcomes import ImportFailed, ImportSummary, Notice, check_lengths
from catalog.services import apply_positions

from .records import ParsedArticle, ParsedPhoto, ParsedSlideshow

# Imported records take uuid5(NAMESPACE, key) as their uid: the same page
# always yields the same uids, in every database.
NAMESPACE = uuid.UUID("6f1f5a1e-4c0b-4d47-9a52-3c1f2f8e7d10")

# The order in which summaries list the models.
SUMMARY_MODELS = (
    Article,
    Agency,
    AgencyAlias,
    Photographer,
    Photo,
    Slideshow,
    Slide,
    ContentWarning,
    Video,
    Speaker,
    TranscriptTurn,
)


def uid_for(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def save_article(
    parsed: ParsedArticle,
    *,
    source_text: str,
    sha256: str,
    force: bool = False,
    take_over: bool = False,
) -> ImportSummary:
    """Create or update everything `parsed` describes, atomically. Records
    other articles imported are linked, not changed, unless `take_over`."""
    with transaction.atomic():
        pk = keys_present(Article, "slug", [parsed.slug], lock=True).get(parsed.slug)
        existing = None
        if pk is not None:
            existing = Article.objects.get(pk=pk)
            if existing.source_sha256 == sha256 and not force:
                return _unchanged(pk)
        writer = _ArticleWriter(parsed, take_over=take_over)
        return writer.write(existing, source_text=source_text, sha256=sha256)


def _unchanged(article_id: int) -> ImportSummary:
    summary = ImportSummary()
    summary.count(Article, "unchanged")
    for model in (Photo, Slideshow, Slide, ContentWarning, Video, TranscriptTurn):
        summary.count(model, "unchanged", model.objects.filter(article_id=article_id).count())
    return summary


class _ArticleWriter:
    def __init__(self, parsed: ParsedArticle, *, take_over: bool = False):
        self.parsed = parsed
        self.take_over = take_over
        self.summary = ImportSummary()
        self.credits = CreditResolver(self.summary)
        # (line, what, owning article id, taken over) for each record of another lane
        self.others: list[tuple[int | None, str, int | None, bool]] = []
        self.linked: set[uuid.UUID] = set()

    def write(self, article: Article | None, *, source_text: str, sha256: str) -> ImportSummary:
        # A new article holds no rows yet: nothing of it can be stale.
        self.new_article = article is None
        self.article_id = None if article is None else article.pk
        parsed = self.parsed
        shows = self._own_slideshows(parsed.slideshows)
        photos = [*parsed.photos]
        for show in shows:
            photos += [slide.photo for slide in show.slides or []]
            photos += [show.cover] if show.cover else []
        try:
            self.credits.resolve(
                ((photo.credit, photo.line) for photo in photos), agencies=[parsed.rights_holder]
            )
        except CreditRejected as error:
            raise ImportFailed(error.message, error.line) from error
        self.article = self._save_article(article, source_text, sha256)
        self.article_id = self.article.pk
        photo_ids = self._save_photos(photos)
        lead = photo_ids.get(parsed.lead_photo.key) if parsed.lead_photo else None
        if self.article.lead_photo_id != lead:
            self.article.lead_photo_id = lead
            update_row(Article, self.article.pk, {"lead_photo_id": lead})
        self._save_slideshows(shows, photo_ids)
        self._record_uses(photos, shows, photo_ids)
        self._save_videos()
        if not self.new_article:
            self._delete_stale_photos(set(photo_ids.values()))
        self._report_others()
        return self.summary

    # -- whose records --------------------------------------------------------

    def _claims(self, owner_id: int | None, line: int | None, what: str) -> bool:
        """Whether this import may change a record `owner_id` imported: its
        own, or any when taking over. Records of other lanes are noted."""
        if owner_id is not None and owner_id == self.article_id:
            return True
        self.others.append((line, what, owner_id, self.take_over))
        return self.take_over

    def _own_slideshows(self, shows: list[ParsedSlideshow]) -> list[ParsedSlideshow]:
        """The slideshows this import writes: new ones and its own, found with
        one locked query. The others are linked as they are, with their slides,
        cover and warnings."""
        found = keys_with_owner(Slideshow, "slug", [show.slug for show in shows], lock=True)
        self.slideshow_ids = {slug: pk for slug, (pk, _) in found.items()}
        own = []
        for show in shows:
            if show.slug not in found or self._claims(
                found[show.slug][1], show.line, f"slideshow {_quoted(show.title)}"
            ):
                own.append(show)
            else:
                self.summary.count(Slideshow, "unchanged")
        return own

    def _report_others(self):
        """A notice for each record of another lane, naming its article."""
        if not self.others:
            return
        owner_ids = {owner for _, _, owner, _ in self.others if owner is not None}
        slugs = dict(Article.objects.filter(pk__in=owner_ids).values_list("pk", "slug"))
        for line, what, owner, taken in self.others:
            # None: an editor made it, or the article that imported it was deleted.
            whose = "no article" if owner is None else f"article {slugs.get(owner, owner)}"
            message = (
                f"{what} belonged to {whose}; taken over"
                if taken
                else (f"{what} belongs to {whose}; linked, not changed")
            )
            self.summary.notices.append(Notice(line or 0, message))

    # -- rows of this article --------------------------------------------------

    def _save_article(self, article: Article | None, source_text: str, sha256: str) -> Article:
        parsed = self.parsed
        values = {
            "source_name": parsed.source_name,
            "headline": parsed.headline,
            "summary": parsed.summary,
            "byline": parsed.byline,
            "updated_at": parsed.updated_at,
            "source_agency_id": self.credits.agency_id(parsed.rights_holder),
            "rights_notice": parsed.rights_notice,
            "body": [
                {"type": block.type, "text": block.text, "line": block.line}
                for block in parsed.body
            ],
            "source_text": source_text,
            "source_sha256": sha256,
        }
        check_lengths(Article, values, None)
        if article is None:
            row = {"slug": parsed.slug, "imported_at": timezone.now(), **values}
            article = Article(**row)
            (article.pk,) = insert_rows(Article, [row])
            self.summary.count(Article, "created")
        elif changed := _assign(article, values):
            article.imported_at = timezone.now()
            article.save(update_fields=[*changed, "imported_at"])
            self.summary.count(Article, "updated")
        else:
            self.summary.count(Article, "unchanged")
        return article

    def _photo_values(self, photo: ParsedPhoto) -> dict:
        values = {
            "title": photo.title,
            "caption": photo.caption,
            **self.credits.fields(photo.credit),
            "credit_conflict": photo.credit_conflict,
            "article_id": self.article.pk,
            "source_line": photo.line,
        }
        check_lengths(Photo, values, photo.line)
        return values

    def _save_photos(self, photos: list[ParsedPhoto]) -> dict[str, int]:
        rows = {uid_for(photo.key): (photo, self._photo_values(photo)) for photo in photos}
        # The rights category only on creation: an editor's choice stands.
        categories = {
            uid: {
                "rights_category": category_from_credit(
                    role=values["credit_role"], agency=values["agency_id"] is not None
                )
            }
            for uid, (_, values) in rows.items()
        }
        saved, _ = self._upsert(
            Photo, {uid: values for uid, (_, values) in rows.items()}, on_create=categories
        )
        return {photo.key: saved[uid] for uid, (photo, _) in rows.items()}

    def _record_uses(self, photos: list[ParsedPhoto], shows, photo_ids: dict[str, int]):
        """A use of each photo in this article, when the article was updated:
        found again by (photo, article), so a re-import adds none twice."""
        in_show = {}
        for show in shows:
            for photo in [*(slide.photo for slide in show.slides or []), show.cover]:
                if photo is not None:
                    in_show.setdefault(photo_ids[photo.key], self.slideshow_pks[show.slug])
        when = self.article.updated_at or self.article.imported_at or timezone.now()
        wanted = {photo_ids[photo.key] for photo in photos}
        uses = Usage.objects.filter(article=self.article)
        if not self.new_article:
            uses.exclude(photo_id__in=wanted).delete()
            uses.exclude(used_at=when).update(used_at=when)
            wanted -= set(uses.values_list("photo_id", flat=True))
        Usage.objects.bulk_create(
            [
                Usage(
                    photo_id=photo_id,
                    article=self.article,
                    slideshow_id=in_show.get(photo_id),
                    used_at=when,
                )
                for photo_id in sorted(wanted)
            ]
        )

    def _upsert(
        self,
        model,
        rows: dict[uuid.UUID, dict],
        on_create: dict[uuid.UUID, dict] | None = None,
    ) -> tuple[dict[uuid.UUID, int], set[uuid.UUID]]:
        """Create or update rows by uid in a few queries; count the outcomes.
        Returns the primary keys by uid, and the uids created. The new rows,
        most of an import, go in straight from their values (see insert_rows),
        with their values `on_create` too.
        """
        present = keys_with_owner(model, "uid", rows)
        what = model._meta.verbose_name
        own = [
            pk
            for uid, (pk, owner) in present.items()
            if self._claims(owner, rows[uid].get("source_line"), what)
        ]
        existing = {obj.uid: obj for obj in model.objects.filter(pk__in=own)} if own else {}
        linked = {uid: pk for uid, (pk, _) in present.items() if uid not in existing}
        self.linked |= set(linked)
        created, updated, fields = {}, [], set()
        for uid, values in rows.items():
            if uid in linked:
                continue
            obj = existing.get(uid)
            if obj is None:
                created[uid] = {"uid": uid, **values, **(on_create or {}).get(uid, {})}
            elif changed := _assign(obj, values):
                updated.append(obj)
                fields.update(changed)
        pks = {uid: obj.pk for uid, obj in existing.items()} | linked
        new_pks = insert_rows(model, list(created.values()))
        pks.update(zip(created, new_pks, strict=True))
        history.record(model, new_pks, "+")
        if updated:
            if any(f.name == "updated_at" for f in model._meta.fields):
                now = timezone.now()
                for obj in updated:
                    obj.updated_at = now
                fields.add("updated_at")
            model.objects.bulk_update(updated, sorted(fields))
            history.record(model, [obj.pk for obj in updated])
        self.summary.count(model, "created", len(created))
        self.summary.count(model, "updated", len(updated))
        self.summary.count(model, "unchanged", len(rows) - len(created) - len(updated))
        return pks, set(created)

    def _save_slideshows(self, shows: list[ParsedSlideshow], photo_ids: dict[str, int]):
        """The article's slideshows, found with one locked query and the new
        ones inserted together; so are their new slides and warnings."""
        self.slideshow_pks = {}
        if not shows:
            return
        present = [
            self.slideshow_ids[show.slug] for show in shows if show.slug in self.slideshow_ids
        ]
        found = {}
        if present:
            found = {show.slug: show for show in Slideshow.objects.filter(pk__in=present)}
        made = {}
        for show in shows:
            values = self._slideshow_values(show, photo_ids)
            slideshow = found.get(show.slug)
            if slideshow is None:
                # Every column named in every row, as insert_rows wants.
                made[show.slug] = {"declared_count": None, "cover_id": None, **values}
                made[show.slug]["slug"] = show.slug
                self.summary.count(Slideshow, "created")
            elif changed := _assign(slideshow, values):
                slideshow.save(update_fields=[*changed, "updated_at"])
                self.summary.count(Slideshow, "updated")
            else:
                self.summary.count(Slideshow, "unchanged")
        ids = {slug: slideshow.pk for slug, slideshow in found.items()}
        made_ids = insert_rows(Slideshow, list(made.values()))
        ids.update(zip(made, made_ids, strict=True))
        history.record(Slideshow, made_ids, "+")
        self.slideshow_pks = ids
        self.new_slides, self.new_warnings = [], []
        for show in shows:
            created = show.slug in made
            if show.slides is not None:
                self._save_slides(ids[show.slug], show, photo_ids, created=created)
            self._save_warnings(ids[show.slug], show, created=created)
        # After every slideshow's own deletions and moves, as one insert each.
        history.record(Slide, insert_rows(Slide, self.new_slides), "+")
        history.record(ContentWarning, insert_rows(ContentWarning, self.new_warnings), "+")

    def _slideshow_values(self, show: ParsedSlideshow, photo_ids: dict[str, int]) -> dict:
        values = {
            "title": show.title,
            "heading": show.heading,
            "article_id": self.article.pk,
            "source_line": show.line,
        }
        if show.declared_count is not None:
            values["declared_count"] = show.declared_count
        if show.cover:
            values["cover_id"] = photo_ids[show.cover.key]
        check_lengths(Slideshow, values, show.line)
        return values

    def _save_slides(self, slideshow_id: int, show: ParsedSlideshow, photo_ids, created: bool):
        wanted = {
            photo_ids[slide.photo.key]: (slide.position, slide.photo.line) for slide in show.slides
        }
        current = (
            {}
            if created
            else {
                slide.photo_id: slide for slide in Slide.objects.filter(slideshow_id=slideshow_id)
            }
        )
        stale = [slide.pk for photo_id, slide in current.items() if photo_id not in wanted]
        if stale:
            Slide.objects.filter(pk__in=stale).delete()
            self.summary.count(Slide, "deleted", len(stale))
        kept, positions, created, relocated = [], [], [], []
        for photo_id, (position, line) in wanted.items():
            provenance = {"article_id": self.article.pk, "source_line": line}
            slide = current.get(photo_id)
            if slide is None:
                created.append(
                    {
                        "slideshow_id": slideshow_id,
                        "photo_id": photo_id,
                        "position": position,
                        **provenance,
                    }
                )
                continue
            kept.append(slide)
            positions.append(position)
            if _assign(slide, provenance):
                relocated.append(slide)
        updated = {s.pk for s, p in zip(kept, positions, strict=True) if s.position != p}
        apply_positions(kept, positions)  # records the slides it moves
        Slide.objects.bulk_update(relocated, ["article", "source_line"])
        history.record(Slide, {slide.pk for slide in relocated} - updated)
        self.new_slides += created
        updated |= {slide.pk for slide in relocated}
        self.summary.count(Slide, "created", len(created))
        self.summary.count(Slide, "updated", len(updated))
        self.summary.count(Slide, "unchanged", len(wanted) - len(created) - len(updated))

    def _save_warnings(self, slideshow_id: int, show: ParsedSlideshow, created: bool):
        rows = {
            uid_for(warning.key): {
                "slideshow_id": slideshow_id,
                "photo_id": None,
                "kind": warning.kind,
                "note": warning.note,
                "article_id": self.article.pk,
                "source_line": warning.line,
            }
            for warning in show.warnings
        }
        if created:
            # A slideshow made just now has no warnings yet (they go with it).
            self.new_warnings += [{"uid": uid, **values} for uid, values in rows.items()]
            self.summary.count(ContentWarning, "created", len(rows))
            return
        self._upsert(ContentWarning, rows)
        if self.new_article:
            return
        stale = ContentWarning.objects.filter(
            slideshow_id=slideshow_id, article=self.article
        ).exclude(uid__in=list(rows))
        self.summary.count(ContentWarning, "deleted", stale.delete()[0])

    def _save_videos(self):
        videos = {
            uid_for(video.key): (
                video,
                {"title": video.title, "article_id": self.article.pk, "source_line": video.line},
            )
            for video in self.parsed.videos
        }
        for _, values in videos.values():
            check_lengths(Video, values, values["source_line"])
        saved, made = self._upsert(Video, {uid: values for uid, (_, values) in videos.items()})
        if not self.new_article:
            stale = Video.objects.filter(article=self.article).exclude(uid__in=list(videos))
            for video in stale:
                self.summary.count(TranscriptTurn, "deleted", video.turns.count())
            self.summary.count(Video, "deleted", stale.delete()[1].get(Video._meta.label, 0))
        speakers = self._speakers(
            (turn.speaker, turn.speaker_role, turn.line)
            for uid, (video, _) in videos.items()
            if uid not in self.linked
            for turn in video.turns
            if turn.speaker is not None
        )
        for uid, (video, _) in videos.items():
            if uid not in self.linked:
                self._save_turns(saved[uid], video, speakers, created=uid in made)

    def _speakers(self, people: Iterable[tuple[str, str, int]]) -> dict[str, Speaker]:
        roles, lines = {}, {}
        for name, role, line in people:
            lines.setdefault(name, line)
            if role:
                roles.setdefault(name, role)
        known = {
            name.lower(): Speaker(pk=pk, name=name, role=role)
            for pk, name, role in named_rows(Speaker, lines, ("id", "name", "role"))
        }
        new = {}
        for name, line in sorted(lines.items()):
            speaker = known.get(name.lower()) or new.get(name.lower())
            if speaker is None:
                speaker = Speaker(name=name, role=roles.get(name, ""))
                check_lengths(Speaker, {"name": name, "role": speaker.role}, line)
                new[name.lower()] = speaker
            elif speaker.pk and not speaker.role and roles.get(name):
                speaker.role = roles[name]
                update_row(Speaker, speaker.pk, {"role": speaker.role})
                self.summary.count(Speaker, "updated")
            elif speaker.pk:
                self.summary.count(Speaker, "unchanged")
        create_named(Speaker, list(new.values()))
        known.update(new)
        self.summary.count(Speaker, "created", len(new))
        return {name: known[name.lower()] for name in lines}

    def _save_turns(self, video_id: int, parsed_video, speakers: dict[str, Speaker], created: bool):
        current = (
            {}
            if created
            else {turn.position: turn for turn in TranscriptTurn.objects.filter(video_id=video_id)}
        )
        created, updated, fields = [], [], set()
        for turn in parsed_video.turns:
            values = {
                "speaker_id": speakers[turn.speaker].pk if turn.speaker is not None else None,
                "speaker_label": turn.speaker_label,
                "text": turn.text,
                "article_id": self.article.pk,
                "source_line": turn.line,
            }
            check_lengths(TranscriptTurn, values, turn.line)
            existing = current.pop(turn.position, None)
            if existing is None:
                created.append({"video_id": video_id, "position": turn.position, **values})
            elif changed := _assign(existing, values):
                updated.append(existing)
                fields.update(changed)
        if current:
            TranscriptTurn.objects.filter(pk__in=[t.pk for t in current.values()]).delete()
        insert_rows(TranscriptTurn, created)
        if updated:
            TranscriptTurn.objects.bulk_update(updated, sorted(fields))
        self.summary.count(TranscriptTurn, "created", len(created))
        self.summary.count(TranscriptTurn, "updated", len(updated))
        self.summary.count(TranscriptTurn, "deleted", len(current))
        unchanged = len(parsed_video.turns) - len(created) - len(updated)
        self.summary.count(TranscriptTurn, "unchanged", unchanged)

    def _delete_stale_photos(self, keep: set[int]):
        """Remove this article's photos it no longer prints, unless still in a slideshow."""
        stale = Photo.objects.filter(article=self.article, slides__isnull=True).exclude(pk__in=keep)
        deleted = stale.delete()[1].get(Photo._meta.label, 0)
        self.summary.count(Photo, "deleted", deleted)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def _assign(obj: models.Model, values: dict) -> list[str]:
    """Set the values that differ; return the names of the fields changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name.removesuffix("_id"))
    return changed

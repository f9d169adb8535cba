from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.synthetic.articles import write_articles
from catalog.synthetic.catalog import Sizes, catalog_is_empty, generate_catalog


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic catalog (--photos N), or write synthetic "
        "article pages for import_articles (--articles N --out DIR). For measuring at scale."
    )

    def add_arguments(self, parser):
        parser.add_argument("--photos", type=int, help="Number of photos to generate.")
        parser.add_argument("--photographers", type=int, help="Default: photos / 200.")
        parser.add_argument("--agencies", type=int, help="Default: photos / 5,000 (10 to 400).")
        parser.add_argument("--slideshows", type=int, help="Default: photos / 100.")
        parser.add_argument("--warnings", type=int, help="Default: photos / 100.")
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a catalog that already holds data (otherwise refused).",
        )
        parser.add_argument("--articles", type=int, help="Number of article pages to write.")
        parser.add_argument("--out", type=Path, help="Folder for the article pages.")
        parser.add_argument("--seed", default="0", help="Same seed, same data (default: 0).")
        parser.add_argument(
            "--batch-size", type=int, default=10_000, help="Photos per transaction."
        )

    def handle(self, *args, photos, articles, out, seed, batch_size, append, **options):
        self.verbosity = options["verbosity"]
        if photos is None and articles is None:
            raise CommandError("give --photos N, or --articles N --out DIR")
        if articles is not None:
            if out is None:
                raise CommandError("--articles needs --out DIR")
            paths = write_articles(articles, out, seed=seed)
            self.stdout.write(f"Wrote {len(paths)} article pages to {out}.")
        if photos is not None:
            self._catalog(photos, seed, batch_size, append, options)

    def _catalog(self, photos, seed, batch_size, append, options):
        try:
            sizes = Sizes.for_photos(
                photos,
                photographers=options["photographers"],
                agencies=options["agencies"],
                slideshows=options["slideshows"],
                warnings=options["warnings"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not append and not catalog_is_empty():
            raise CommandError("the catalog is not empty; pass --append to add to it")
        self.stdout.write(
            f"Generating {sizes.photos:,} photos, {sizes.photographers:,} photographers, "
            f"{sizes.agencies:,} agencies, {sizes.slideshows:,} slideshows, "
            f"{sizes.warnings:,} warnings (seed {seed})."
        )
        result = generate_catalog(sizes, seed=seed, batch_size=batch_size, progress=self._progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {result.photos:,} photos, {result.slideshows:,} slideshows, "
                f"{result.slides:,} slides, {result.warnings:,} warnings and "
                f"{result.articles:,} articles "
                f"in {result.seconds:.1f} s."
            )
        )

    def _progress(self, done: int, total: int, seconds: float):
        if self.verbosity >= 1:
            percent = done * 100 // total
            self.stdout.write(f"  {done:>11,} / {total:,} photos ({percent}%) {seconds:.0f} s")

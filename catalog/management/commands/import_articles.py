import time

from django.core.management.base import BaseCommand, CommandError

from catalog.importers.batch import find_article_files, import_article
from catalog.importers.store import SUMMARY_MODELS
from catalog.importers.summary import ImportSummary

# Above this many files, print a progress line at every tenth of the way
# instead of a line per file (unless -v 2).
QUIET_ABOVE = 20


class Command(BaseCommand):
    help = (
        "Import article text dumps (files, or folders of .txt files). Each file is "
        "imported in full or not at all; importing a file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Article files or folders.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and report what would change; save nothing.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Apply files even when unchanged since their last import "
            "(overwrites editors' changes to imported fields).",
        )
        parser.add_argument(
            "--encoding", default="utf-8", help="Text encoding of the files (default: utf-8)."
        )

    def handle(self, *args, paths, dry_run, force, encoding, verbosity, **options):
        files, missing = find_article_files(paths)
        for path in missing:
            self.stderr.write(self.style.ERROR(f"{path}: no such file or folder"))
        if not files and not missing:
            raise CommandError("no article files found")
        per_file = verbosity >= 2 or (verbosity >= 1 and len(files) <= QUIET_ABOVE)
        total, failed = ImportSummary(), len(missing)
        started = time.monotonic()
        step = max(1, len(files) // 10)
        for number, path in enumerate(files, start=1):
            try:
                data = path.read_bytes()
            except OSError as error:
                self.stderr.write(self.style.ERROR(f"{path}: cannot read: {error.strerror}"))
                failed += 1
                continue
            outcome = import_article(
                str(path), data, encoding=encoding, dry_run=dry_run, force=force
            )
            if verbosity >= 1:
                for notice in outcome.describe_notices():
                    self.stderr.write(self.style.WARNING(notice))
            if not outcome.ok:
                failed += 1
                self.stderr.write(self.style.ERROR(outcome.describe_error()))
            else:
                total.merge(outcome.summary)
                if per_file:
                    self.stdout.write(f"{path}: {outcome.state}")
            if not per_file and verbosity >= 1 and (number % step == 0 or number == len(files)):
                self.stdout.write(f"{number}/{len(files)} files ({number * 100 // len(files)}%)")
        if verbosity >= 1:
            self._print_summary(total, dry_run)
            elapsed = time.monotonic() - started
            imported = len(files) - (failed - len(missing))
            self.stdout.write(
                f"{imported} of {len(files) + len(missing)} files imported"
                f"{' (dry run: nothing saved)' if dry_run else ''} in {elapsed:.1f} s."
            )
        if failed:
            raise CommandError(f"{failed} file(s) failed; see the messages above")

    def _print_summary(self, summary: ImportSummary, dry_run: bool):
        heading = "Would change" if dry_run else "Summary"
        self.stdout.write(
            f"\n{heading:<22}{'created':>9}{'updated':>9}{'unchanged':>11}{'deleted':>9}"
        )
        for name, tally in summary.rows(SUMMARY_MODELS):
            self.stdout.write(
                f"{name:<22}{tally.created:>9}{tally.updated:>9}{tally.unchanged:>11}{tally.deleted:>9}"
            )

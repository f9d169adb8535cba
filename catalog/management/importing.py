"""What the import commands share: file discovery, progress, summary, exit status."""

import time

from django.core.management.base import BaseCommand, CommandError

from catalog.importers.batch import FileOutcome, find_files
from catalog.importers.summary import ImportSummary

# Above this many files, print a progress line at every tenth of the way
# instead of a line per file (unless -v 2).
QUIET_ABOVE = 20


class ImportFilesCommand(BaseCommand):
    suffixes: tuple[str, ...] = ()
    summary_models: tuple = ()

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders to search for them.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and report what would change; save nothing.",
        )

    def import_file(self, name: str, data: bytes, options: dict) -> FileOutcome:
        raise NotImplementedError

    def handle(self, *args, paths, dry_run, verbosity, **options):
        files, missing = find_files(paths, self.suffixes)
        for path in missing:
            self.stderr.write(self.style.ERROR(f"{path}: no such file or folder"))
        if not files and not missing:
            raise CommandError(f"no files found ({', '.join(self.suffixes)})")
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
            outcome = self.import_file(str(path), data, {"dry_run": dry_run, **options})
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
            self.print_summary(total, dry_run)
            elapsed = time.monotonic() - started
            imported = len(files) - (failed - len(missing))
            self.stdout.write(
                f"{imported} of {len(files) + len(missing)} files imported"
                f"{' (dry run: nothing saved)' if dry_run else ''} in {elapsed:.1f} s."
            )
        if failed:
            raise CommandError(f"{failed} file(s) failed; see the messages above")

    def print_summary(self, summary: ImportSummary, dry_run: bool):
        heading = "Would change" if dry_run else "Summary"
        self.stdout.write(
            f"\n{heading:<22}{'created':>9}{'updated':>9}{'unchanged':>11}{'deleted':>9}"
        )
        for name, tally in summary.rows(self.summary_models):
            self.stdout.write(
                f"{name:<22}{tally.created:>9}{tally.updated:>9}"
                f"{tally.unchanged:>11}{tally.deleted:>9}"
            )

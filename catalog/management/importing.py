"""What the import commands share: file discovery, progress, summary, exit
status, and importing in several processes at once."""

import multiprocessing
import time
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from catalog.importers.batch import FileOutcome, find_files
from catalog.outcomes import ImportSummary

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
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Files imported at once, each in its own process (default 1). Each file "
            "is still imported whole or not at all.",
        )

    def import_file(self, name: str, data: File, options: dict) -> FileOutcome:
        raise NotImplementedError

    def handle(self, *args, paths, dry_run, jobs, verbosity, **options):
        files, missing = find_files(paths, self.suffixes)
        for path in missing:
            self.stderr.write(self.style.ERROR(f"{path}: no such file or folder"))
        if not files and not missing:
            raise CommandError(f"no files found ({', '.join(self.suffixes)})")
        per_file = verbosity >= 2 or (verbosity >= 1 and len(files) <= QUIET_ABOVE)
        total, failed = ImportSummary(), len(missing)
        started = time.monotonic()
        step = max(1, len(files) // 10)
        if jobs < 1:
            raise CommandError("--jobs must be 1 or more")
        results = self._results(files, {"dry_run": dry_run, **options}, jobs)
        for number, (path, outcome) in enumerate(results, start=1):
            if isinstance(outcome, OSError):
                self.stderr.write(self.style.ERROR(f"{path}: cannot read: {outcome.strerror}"))
                failed += 1
                continue
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

    def _results(self, files: list[Path], options: dict, jobs: int):
        """(path, outcome or OSError) for each file, in order."""
        global _running
        if jobs == 1 or len(files) < 2 or _in_memory(connections["default"]):
            yield from (_import_one(self, path, options) for path in files)
            return
        _running = (self, options)
        connections.close_all()  # each process opens its own
        with multiprocessing.get_context("fork").Pool(min(jobs, len(files))) as pool:
            yield from pool.imap(_import_in_worker, files, chunksize=4)

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


_running: tuple | None = None


def _import_one(command: ImportFilesCommand, path: Path, options: dict):
    """The file goes to the importer open, not read: one over its size limit is
    refused unread."""
    try:
        with path.open("rb") as handle:
            outcome = command.import_file(str(path), File(handle, name=str(path)), options)
    except OSError as error:
        return path, error
    outcome.record = None  # not needed by the command, and not sent between processes
    return path, outcome


def _import_in_worker(path: Path):
    return _import_one(*_running[:1], path, _running[1])


def _in_memory(connection) -> bool:
    """An in-memory SQLite database lives in this process only."""
    return connection.vendor == "sqlite" and connection.is_in_memory_db()

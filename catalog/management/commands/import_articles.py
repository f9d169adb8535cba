from catalog.importers.batch import ARTICLE_SUFFIXES, import_article
from catalog.importers.store import SUMMARY_MODELS
from catalog.management.importing import ImportFilesCommand


class Command(ImportFilesCommand):
    help = (
        "Import article text dumps (files, or folders of .txt files). Each file is "
        "imported in full or not at all; importing a file again changes nothing."
    )
    suffixes = ARTICLE_SUFFIXES
    summary_models = SUMMARY_MODELS

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Apply files even when unchanged since their last import "
            "(overwrites editors' changes to imported fields).",
        )
        parser.add_argument(
            "--take-over",
            action="store_true",
            help="Also update (and trim) slideshows, photos and warnings that other "
            "articles imported; without it they are linked, not changed.",
        )
        parser.add_argument(
            "--encoding", default="utf-8", help="Text encoding of the files (default: utf-8)."
        )

    def import_file(self, name, data, options):
        return import_article(
            name,
            data,
            encoding=options["encoding"],
            dry_run=options["dry_run"],
            force=options["force"],
            take_over=options["take_over"],
        )

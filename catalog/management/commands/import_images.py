from catalog.importers.batch import IMAGE_SUFFIXES, import_image
from catalog.management.importing import ImportFilesCommand
from catalog.models import Agency, AgencyAlias, Photo, Photographer, Rendition


class Command(ImportFilesCommand):
    help = (
        "Create or update photos from image files (files, or folders of JPEG, PNG, WebP, "
        "TIFF and GIF files), reading the credit, caption and date embedded in them. "
        "The same file is imported once; each file is imported in full or not at all."
    )
    suffixes = IMAGE_SUFFIXES
    summary_models = (Photo, Rendition, Photographer, Agency, AgencyAlias)

    def import_file(self, name, data, options):
        return import_image(name, data, dry_run=options["dry_run"])

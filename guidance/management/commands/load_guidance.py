"""manage.py load_guidance: load guidance/content/ into the database."""

from django.core.management.base import BaseCommand, CommandError

from guidance.content_files import CONTENT_DIR, ContentError
from guidance.loading import load_guidance


class Command(BaseCommand):
    help = (
        "Load the guidance articles and vocabulary from guidance/content/. Creates what "
        "is missing, updates rows staff have not edited since the last load, and leaves "
        "staff edits alone. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", default=CONTENT_DIR, help="Folder to load from.")

    def handle(self, *args, content_dir, **options):
        try:
            report = load_guidance(content_dir)
        except (ContentError, OSError) as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            f"Guidance content: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.kept_staff_edits)} kept as "
            "staff edited them."
        )
        if options["verbosity"] > 1:
            for heading, labels in [("Created", report.created), ("Updated", report.updated)]:
                for label in labels:
                    self.stdout.write(f"  {heading}: {label}")
        for label in report.kept_staff_edits:
            self.stdout.write(f"  Not updated, edited by staff since the last load: {label}")

"""Work out again the journal summaries that are missing or no longer fit.

`make migrate` and `make serve` run it, so an upgrade that adds the summary, or staff
changing the symptom-free gap or the severe pain level, is followed by a rebuild of just
the journals it concerns; with nothing to do it costs one query. Until a journal's summary
fits, it is assessed from all its episodes, which gives the same answer more slowly.
"""

from django.core.management.base import BaseCommand

from journal.summaries import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the journal summaries that are missing or no longer fit (--all: every one)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Rebuild every journal's summary.")

    def handle(self, *args, **options):
        count = rebuild_all(everyone=options["all"])
        if options["verbosity"] > 0:
            self.stdout.write(f"Rebuilt {count} journal summar{'y' if count == 1 else 'ies'}.")

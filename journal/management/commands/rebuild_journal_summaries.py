"""Work every person's journal summary out again from their episodes.

Run once after upgrading to a version that adds the summary, and after staff change the
symptom-free gap or the severe pain level: until then those journals are assessed from
all their episodes, which gives the same answer more slowly.
"""

from django.core.management.base import BaseCommand

from journal.summaries import rebuild_all


class Command(BaseCommand):
    help = "Rebuild every journal's summary from its episodes."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"Rebuilt {count} journal summaries.")

"""Lists joined into one text value by the database, so a row and its lists arrive in one
query: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL (the two databases BackCare
runs on). The order inside a joined list is not set; callers sort."""

from django.db.models import Aggregate, OuterRef, Subquery, TextField, Value


class Joined(Aggregate):
    """A group's values joined with `separator`."""

    function = "GROUP_CONCAT"
    name = "Joined"
    output_field = TextField()

    def __init__(self, expression, separator: str, **extra):
        super().__init__(expression, Value(separator), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def joined_per_episode(model, expression, separator: str) -> Subquery:
    """`expression` over the rows of `model` that belong to each episode, joined."""
    return Subquery(
        model.objects.filter(episode=OuterRef("pk"))
        .order_by()
        .values("episode")
        .annotate(joined=Joined(expression, separator))
        .values("joined")
    )


def split_sorted(joined: str | None, separator: str, key=None) -> list[str]:
    """The items of a joined list, sorted; empty items (from joining two lists, one of
    them empty) left out."""
    return sorted((item for item in joined.split(separator) if item), key=key) if joined else []

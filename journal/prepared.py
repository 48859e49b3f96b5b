"""Queries of one person's rows, turned into SQL once and then run with each person's id.

Django builds a queryset's SQL afresh on every request. For the few fixed queries every
dashboard makes after a change (the open episodes, the latest few, each with a list
joined by the database), building the SQL cost many times more than running it. So each
is written out once per process and database: built with a stand-in id that no row can
have, which is then swapped for the person's id, always as a query parameter. The rows
come back through ``Manager.raw``, which converts each column as the model's field says.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import Model, QuerySet

# An id no person has (ids count up from 1): it marks where the person's id goes.
_STAND_IN = -7_351_902_664


class PreparedQuery:
    """``build(user_id)``'s SQL, kept; ``rows(user_id)`` runs it for one person."""

    def __init__(self, model: type[Model], build: Callable[[int], QuerySet]):
        self.model = model
        self.build = build
        self._written: dict[str, tuple[str, tuple, int]] = {}

    def _sql(self) -> tuple[str, tuple, int]:
        vendor = connection.vendor
        if vendor not in self._written:
            sql, params = self.build(_STAND_IN).query.sql_with_params()
            places = [n for n, value in enumerate(params) if value == _STAND_IN]
            if len(places) != 1:
                raise ValueError("A prepared query takes the person's id exactly once.")
            self._written[vendor] = (sql, tuple(params), places[0])
        return self._written[vendor]

    def rows(self, user_id: int) -> list:
        sql, params, place = self._sql()
        with_id = (*params[:place], user_id, *params[place + 1 :])
        return list(self.model.objects.raw(sql, with_id))

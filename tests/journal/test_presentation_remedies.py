"""What helped: the history page and the report give a remedy the same figure, and the
history's sentence names the remedy its chart and table put first."""

import re

import pytest
from django.urls import reverse

from .conftest import chart_data, days_ago
from .factories import EpisodeFactory, RemedyFactory, RemedyUseFactory

pytestmark = pytest.mark.django_db

HISTORY = reverse("journal:history")
REPORT = reverse("journal:report")


def tried(user, remedy, effects):
    for n, effect in enumerate(effects):
        episode = EpisodeFactory(user=user, started_at=days_ago(n + 1))
        RemedyUseFactory(episode=episode, remedy=remedy, effect=effect)


def history_remedy_rows(html):
    section = re.search(r'aria-labelledby="chart-remedies-title">(.*?)</section>', html, re.S)
    return re.findall(
        r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>',
        section.group(1),
    )


def report_remedy_rows(html):
    section = re.search(r'aria-labelledby="remedies-heading">(.*?)</section>', html, re.S)
    return re.findall(
        r'<tr><th scope="row"[^>]*>([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>',
        section.group(1),
    )


def what_helped(html):
    section = re.search(r'aria-labelledby="chart-remedies-title">(.*?)</section>', html, re.S)
    return re.search(r'<p class="chart-summary">([^<]*)</p>', section.group(1)).group(1)


def test_history_and_report_show_the_same_figure_rounded_once(user_client, user):
    # 29 over 20 tries is 1.45: one rounding gives 1.5; rounding to 1.45 first and then
    # formatting the float gave +1.4 on the history page and 1.5 in the report.
    warmth = RemedyFactory(name="Warm compress")
    tried(user, warmth, [2] * 9 + [1] * 11)

    history = user_client.get(f"{HISTORY}?range=365")
    report = user_client.get(f"{REPORT}?range=365").content.decode()

    html = history.content.decode()
    assert history_remedy_rows(html) == [("Warm compress", "+1.5", "A little better", "20")]
    assert report_remedy_rows(report) == [("Warm compress", "20", "+1.5", "A little better")]
    assert what_helped(html).startswith("Warm compress helped most: on average +1.5 over 20 tries")
    remedies = chart_data(history)["remedies"]
    assert remedies["averages"] == [1.5]
    assert remedies["figures"] == ["+1.5"]  # what the chart's tooltip prints


def test_remedies_that_made_it_worse_read_the_same_on_both_pages(user_client, user):
    cold = RemedyFactory(name="Ice pack")
    tried(user, cold, [-1] * 9 + [0])  # -0.9
    salts = RemedyFactory(name="Bath salts")
    tried(user, salts, [-1] * 9 + [0] * 11)  # -0.45: a half rounds away from zero

    html = user_client.get(f"{HISTORY}?range=365").content.decode()
    report = user_client.get(f"{REPORT}?range=365").content.decode()

    assert [row[:2] for row in history_remedy_rows(html)] == [
        ("Bath salts", "\u22120.5"),
        ("Ice pack", "\u22120.9"),
    ]
    assert [(row[0], row[2]) for row in report_remedy_rows(report)] == [
        ("Bath salts", "\u22120.5"),
        ("Ice pack", "\u22120.9"),
    ]


def test_what_helped_names_the_remedy_the_chart_puts_first(user_client, user):
    ibuprofen = RemedyFactory(name="Ibuprofen")
    walking = RemedyFactory(name="Light walk")
    tried(user, walking, [2, 1, 2, 1])
    RemedyUseFactory(
        episode=EpisodeFactory(user=user, started_at=days_ago(20)), remedy=ibuprofen, effect=2
    )

    response = user_client.get(f"{HISTORY}?range=90")

    html = response.content.decode()
    assert chart_data(response)["remedies"]["labels"] == ["Ibuprofen", "Light walk"]
    assert [row[0] for row in history_remedy_rows(html)] == ["Ibuprofen", "Light walk"]
    assert what_helped(html) == (
        "Ibuprofen helped most: +2.0 the one time you tried it, on a scale from "
        "\u22121 (made it worse) to +2 (much better). Of the remedies you tried more than "
        "once, Light walk helped most (on average +1.5 over 4 tries)."
    )

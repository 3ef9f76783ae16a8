"""French writes the first day of a month "1er", in Python and in every template."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from entraide.lib.dates import date_label, first_of_month, moment_label


def test_the_first_of_a_month_is_written_1er_in_french_only() -> None:
    with translation.override("fr"):
        french = first_of_month("le 1 décembre, le 21 mars, 1 200 personnes, le 11 mai, 1 Mai")
        label = date_label(dt.date(2026, 12, 1), "l j F Y")
        moment = moment_label(dt.datetime(2027, 7, 1, 18, 30))
    with translation.override("en"):
        english = date_label(dt.date(2026, 12, 1), "j F Y")

    assert french == "le 1er décembre, le 21 mars, 1 200 personnes, le 11 mai, 1er Mai"
    assert label == "mardi 1er décembre 2026"
    assert moment == "jeudi 1er juillet 2027 à 18h30"
    assert english == "1 December 2026"


def test_every_template_writes_1er_through_the_date_filter() -> None:
    template = Template('{{ day|date:"j F Y" }} · {{ other|date:"j F" }}')
    context = Context({"day": dt.date(2027, 3, 1), "other": dt.date(2027, 3, 11)})

    with translation.override("fr"):
        french = template.render(context)
    with translation.override("en"):
        english = template.render(context)

    assert french == "1er mars 2027 · 11 mars"
    assert english == "1 March 2027 · 11 March"

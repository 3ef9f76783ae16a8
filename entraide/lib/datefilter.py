"""The `date` template filter, as Django's, with the French "1er" (a template builtin, see
settings.TEMPLATES): every page and e-mail writes "1er décembre", never "1 décembre"."""

import datetime as dt

from django import template
from django.template.defaultfilters import date as django_date

from entraide.lib.dates import first_of_month

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: dt.date | dt.datetime | str | None, arg: str | None = None) -> str:
    return first_of_month(django_date(value, arg))

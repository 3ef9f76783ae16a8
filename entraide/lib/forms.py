"""How every form of the site is drawn: one set of templates, in `entraide/templates/forms/`."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How far from today a date of a group's life may be: ten years, either way.
DATE_REACH = dt.timedelta(days=3653)


class FormRenderer(TemplatesSetting):
    """Django's form rendering with our field template, found like any page's template.

    `{{ form.x.as_field_group }}` draws a field the site's way: its label (or a fieldset and
    its legend for radios and checkbox groups) with "(obligatoire)" when it is required, its
    help and its error, both linked to the field by `aria-describedby` (Django's `_helptext`
    and `_error` ids). `{{ form }}` draws every field so, in order; the error summary above a
    form is `forms/errors.html`.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def within_ten_years(value: dt.date) -> None:
    """A validator for the dates of a group's life: ten years back or ahead at most.

    Nobody plans a meeting in 9999; and such a date breaks what is computed from it (a rhythm's
    next days, a reminder before it), so the form refuses it in plain words.
    """
    today = timezone.localdate()
    if value > today + DATE_REACH:
        raise ValidationError(_("Choisissez une date dans les dix ans qui viennent."), "too_far")
    if value < today - DATE_REACH:
        raise ValidationError(_("Choisissez une date des dix dernières années."), "too_old")

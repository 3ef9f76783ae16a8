"""How every form of the site is drawn: one set of templates, in `entraide/templates/forms/`."""

from django.forms.renderers import TemplatesSetting


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

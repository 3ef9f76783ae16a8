"""The languages people speak and groups meet in, as short codes with their French names."""

from django.utils.translation import gettext_lazy as _

# Sign language is an accessibility feature of a group, not one of these.
GROUP_LANGUAGES = [
    ("fr", _("français")),
    ("en", _("anglais")),
    ("de", _("allemand")),
    ("nl", _("néerlandais")),
    ("it", _("italien")),
    ("es", _("espagnol")),
    ("pt", _("portugais")),
    ("ar", _("arabe")),
]

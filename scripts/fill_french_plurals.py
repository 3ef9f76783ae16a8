"""Fill the French catalogue's plural entries from the source, which is written in French.

French needs a catalogue only for plurals: with no translation, gettext would choose the plural
for 0 ("0 groupes"), while French says "0 groupe". Every other French string is its own msgid.
"""

from pathlib import Path

import polib

CATALOG = Path(__file__).resolve().parent.parent / "entraide/locale/fr/LC_MESSAGES/django.po"


def main() -> None:
    catalog = polib.pofile(str(CATALOG))
    catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    catalog.metadata["Language"] = "fr"
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalog.save()


if __name__ == "__main__":
    main()

"""Write the audit grid of `entraide/pages/audit.py` into `docs/accessibility.md`.

Run from the project root with ``.venv/bin/python scripts/accessibility_grid.py`` after
changing the audit; `entraide/pages/tests/test_accessibility_statement.py` fails while the
document and the module disagree.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "accessibility.md"
START = "<!-- grid: written by scripts/accessibility_grid.py -->"
END = "<!-- end of grid -->"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
    os.environ.setdefault("DEBUG", "1")
    # A script: Django is set up before the audit, which holds translatable words, is read.
    import django

    django.setup()
    from entraide.pages.audit import grid_markdown

    text = DOCUMENT.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    DOCUMENT.write_text(f"{before}{START}\n{grid_markdown()}{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()

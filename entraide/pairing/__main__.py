"""`python -m entraide.pairing INPUT.json --mode stable|best --out OUT.json`: the matching
core on a JSON file, without Django (see `core/cli.py`)."""

import sys

from entraide.pairing.core.cli import main

sys.exit(main())

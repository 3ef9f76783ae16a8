"""Our Meeting Guide feed checked against the specification (code4recovery/spec): every type
code against the list of its npm package `@code4recovery/spec`, every field against the fields
its README and `schema/meeting.schema.json` define, with their value types (`check.mjs`).

`make pytest` installs Node.js and the package at the version of `package-lock.json`
(`make meetingguide`); a test that needs them fails with that advice.
"""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def errors(feed: Any, custom_types: tuple[str, ...] = ()) -> list[str]:
    """What the checker finds wrong in `feed`; `custom_types` are types the spec allows us to
    add ("custom types are allowed and ignored by the importer") rather than its own."""
    node = shutil.which("node")
    assert node is not None and (HERE / "node_modules" / "@code4recovery" / "spec").is_dir(), (
        "Node.js and @code4recovery/spec are needed: "
        "run `make meetingguide` (`make pytest` runs it)"
    )
    done = subprocess.run(
        [node, str(HERE / "check.mjs"), *custom_types],
        input=json.dumps(feed).encode(),
        cwd=HERE,
        capture_output=True,
        timeout=120,
        check=True,
    )
    found: list[str] = json.loads(done.stdout)
    return found


def spec_types() -> set[str]:
    """Every meeting type code the specification's package knows."""
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run(
        [
            node,
            "--input-type=module",
            "-e",
            'import { getTypesForLanguage } from "@code4recovery/spec";'
            'process.stdout.write(JSON.stringify(Object.keys(getTypesForLanguage("en"))));',
        ],
        cwd=HERE,
        capture_output=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout))

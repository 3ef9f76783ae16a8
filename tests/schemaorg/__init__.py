"""Our JSON-LD checked against the whole schema.org vocabulary: schema-dts (Google's TypeScript
types of every schema.org type and property, with their expected value types) and the
TypeScript compiler, which refuses a property a type does not have, a type that does not exist
and a value of the wrong type.

`make pytest` installs them at the versions of `package-lock.json` (`make schemaorg`), with
Node.js like `make icaljs`; a test that needs them fails with that advice.
"""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TSC = HERE / "node_modules" / "typescript" / "bin" / "tsc"


def errors(documents: list[tuple[str, dict[str, Any]]]) -> dict[int, list[str]]:
    """Type-check each (schema-dts type, JSON-LD) pair; the compiler's errors by document index.

    Each document is a constant `WithContext<Type>`, as a page would publish it.
    """
    node = shutil.which("node")
    assert node is not None and TSC.is_file(), (
        "Node.js and schema-dts are needed: run `make schemaorg` (`make pytest` does it)"
    )
    types = sorted({kind for kind, _ in documents})
    lines = [f'import type {{ {", ".join(types)}, WithContext }} from "schema-dts";']
    starts: list[int] = []
    for index, (kind, data) in enumerate(documents):
        starts.append(len(lines) + 1)
        text = json.dumps(data, indent=1, ensure_ascii=False)
        lines.extend(f"export const doc{index}: WithContext<{kind}> = {text};".splitlines())
    # The file must sit beside node_modules for the compiler to find schema-dts.
    with tempfile.TemporaryDirectory(dir=HERE, prefix="check-") as folder:
        source = Path(folder) / "documents.ts"
        source.write_text("\n".join(lines) + "\n")
        done = subprocess.run(
            [
                node,
                str(TSC),
                "--noEmit",
                "--strict",
                "--target",
                "es2022",
                "--module",
                "nodenext",
                "--moduleResolution",
                "nodenext",
                str(source),
            ],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=300,
        )
    found: dict[int, list[str]] = {}
    for match in re.finditer(r"documents\.ts\((\d+),\d+\): (error .*)", done.stdout):
        line = int(match.group(1))
        index = max(i for i, start in enumerate(starts) if start <= line)
        found.setdefault(index, []).append(match.group(2))
    assert found or done.returncode == 0, done.stdout + done.stderr
    return found

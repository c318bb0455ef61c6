"""Write the field reference, rendered from schemas/, into CONTRIBUTING.md between the lines
<!-- field-reference:start --> and <!-- field-reference:end -->  (run by `make docs`).

    python scripts/update_contributing.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cities4cities.publish.fieldref import markdown_reference, split_at_markers

CONTRIBUTING = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"


def main() -> int:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    try:
        before, old, after = split_at_markers(text)
    except ValueError as error:
        print(f"{CONTRIBUTING}: {error}", file=sys.stderr)
        return 1
    new = markdown_reference()
    if new == old:
        print(f"{CONTRIBUTING.name}: the field reference is up to date")
        return 0
    CONTRIBUTING.write_text(before + new + after, encoding="utf-8")
    print(f"{CONTRIBUTING.name}: field reference updated from schemas/")
    return 0


if __name__ == "__main__":
    sys.exit(main())

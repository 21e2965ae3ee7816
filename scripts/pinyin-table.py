#!/usr/bin/env python3
"""Writes Folio's pinyin table from pypinyin's data (pinyin-data, MIT).

Readers on a phone type pinyin and its initials (`zhiliang`, `zlqs` for 质量强市); Folio's search
finds titles, channels, sources and tags by the readings of their characters. The table gives
every reading of each character, without tones (ü written `v`, as pinyin keyboards take it):
a heteronym keeps all its readings, so 重庆 is found by `chongqing` and 银行 by `yinhang`.

Characters: the 6,763 of GB2312 and the others pypinyin's phrase list names (the characters
news is written in), simplified only: a traditional character folds to its simplified form
before it is looked up (see scripts/fold-table.py), so it needs no line of its own.

Usage (with the Python of target/venv, where scripts/setup.sh installs PyPI's `pypinyin`, pinned
in scripts/validators.txt):
    target/venv/bin/python scripts/pinyin-table.py > crates/folio-core/data/pinyin.txt
    target/venv/bin/python scripts/pinyin-table.py --check crates/folio-core/data/pinyin.txt
`make test` runs the check: the committed table is the one pypinyin's data gives.

Output: one header line starting with `#`, then one line per syllable in alphabetical order:
the syllable, a space, and the characters that read so, in code point order.
"""

import importlib.metadata
import pathlib
import sys
import unicodedata

FOLD = pathlib.Path(__file__).resolve().parent.parent / "crates/folio-core/data/fold.txt"


def toneless(reading):
    # ü decomposes to u and a diaeresis: the pair becomes v before the tone marks go.
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def in_gb2312(c):
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def build():
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    folded = {line[0] for line in FOLD.read_text(encoding="utf-8").splitlines() if len(line) == 2}
    in_phrases = set("".join(phrases_dict))
    syllables = {}
    for code, readings in sorted(pinyin_dict.items()):
        c = chr(code)
        if not 0x3400 <= code <= 0x9FFF or c in folded or not (in_gb2312(c) or c in in_phrases):
            continue
        for reading in dict.fromkeys(toneless(r) for r in readings.split(",")):
            if reading.isascii() and reading.isalpha():
                syllables.setdefault(reading, []).append(c)
    try:
        version = importlib.metadata.version("pypinyin")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    header = f"# Folio pinyin table: readings without tones, from pypinyin {version} (pinyin-data, MIT); scripts/pinyin-table.py\n"
    return header + "".join(f"{s} {''.join(cs)}\n" for s, cs in sorted(syllables.items()))


def main(argv):
    if argv[:1] == ["--check"] and len(argv) == 2:
        if build() != pathlib.Path(argv[1]).read_text(encoding="utf-8"):
            sys.exit(f"{argv[1]} is not what pypinyin's data gives: run scripts/pinyin-table.py > {argv[1]}")
        return
    if argv:
        sys.exit(__doc__)
    sys.stdout.write(build())


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Give one-language `derived` explanations of observations their second language.

Since issue #14 an observation's `derived` is either a sum of printed numbers, shown in
each page's language with the indicator's unit ("66.9 - 6.7 percentage points",
"35.1 + 30.5 µg/m³": left as they are), or an explanation in both languages
(`derived: {zh: …, en: …}`). This script rewrites the English explanations that recur
in the indicator files into the two-language form, so it can be run again on
observations added later in the old form:

    python3 content/tools/bilingual_derived.py          # rewrite in place
    python3 content/tools/bilingual_derived.py --dry-run

Anything it does not recognise is left alone and listed; `shanshui check` then points
at each such line (file:line) and the editor writes both languages by hand. Scopes that
name a monitoring section in Chinese only (`scope: "汾河王庄桥南断面"`) are listed too:
their English name is a translation, written by hand as `scope: {zh: …, en: …}`.
"""
import pathlib
import re
import sys

CONTENT = pathlib.Path(__file__).resolve().parent.parent

CLASS = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V",
         "一": "I", "二": "II", "三": "III", "四": "IV", "五": "V"}

# (English pattern, Chinese text, English text): the texts may use the pattern's groups.
PATTERNS = [
    (r"printed as a size of improvement; all (\d+) cities improved, so the sign is minus",
     "原文为改善幅度；{0}个市均有改善，故取负号",
     "printed as a size of improvement; all {0} cities improved, so the sign is minus"),
    (r"printed as ([\d.]+)% in a list of decreases; sign added",
     "原文在降幅名单中印作{0}%，负号为本站所加",
     "printed as {0}% in a list of decreases; sign added"),
    (r"(\d{4}) value ([\d.]+), unchanged year on year",
     "{0}年为{1}，同比持平",
     "{0} value {1}, unchanged year on year"),
    (r"(\d+) of (\d+) sections monitored",
     "实际监测的{1}个断面中{0}个",
     "{0} of the {1} sections monitored"),
    (r"([\d.]+)% of (\d+) sections",
     "{1}个断面中占{0}%",
     "{0}% of {1} sections"),
    (r"([ⅠⅡⅢⅣⅤ一二三四五])类 \(Class [IV]+\) recorded as (\d)",
     "{0}类记作{1}",
     "Class {class0} recorded as {1}"),
]

# `derived: "…"` or `derived: '…'` in a flow mapping (YAML escapes kept as written).
DERIVED = re.compile(r"""derived: (?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)')""")
# A sum of numbers and a unit, which the build shows in each language itself.
SUM = re.compile(r"[\d.]+(?:\s*[-+−×x*÷/]\s*[\d.]+)+(?:\s+[^\d]+)?")
CHINESE_SCOPE = re.compile(r"""scope: "?([^",}\s]*[\u4e00-\u9fff][^",}]*)"?[,}]""")


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def both_languages(english):
    """The {zh, en} form of a known explanation, or None."""
    for pattern, zh, en in PATTERNS:
        match = re.fullmatch(pattern, english)
        if match:
            groups = match.groups()
            names = {"class0": CLASS.get(groups[0], groups[0])}
            return "{zh: %s, en: %s}" % (
                quote(zh.format(*groups, **names)),
                quote(en.format(*groups, **names)),
            )
    return None


def main():
    dry_run = "--dry-run" in sys.argv[1:]
    rewritten, left = 0, []
    for path in sorted((CONTENT / "indicators").rglob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        changed = False
        for number, line in enumerate(lines, 1):
            where = f"{path.relative_to(CONTENT.parent)}:{number}"
            scope = CHINESE_SCOPE.search(line)
            if scope:
                left.append(f"{where}: scope `{scope.group(1)}` needs its English name")
            match = DERIVED.search(line)
            if not match:
                continue
            english = match.group(1) if match.group(1) is not None else match.group(2)
            english = english.replace('\\"', '"') if match.group(1) is not None else english
            new = both_languages(english)
            if new:
                lines[number - 1] = line[: match.start()] + "derived: " + new + line[match.end():]
                changed = True
                rewritten += 1
            elif not SUM.fullmatch(english):
                left.append(f"{where}: derived `{english}` needs both languages")
        if changed and not dry_run:
            path.write_text("\n".join(lines), encoding="utf-8")
    print(f"{'would rewrite' if dry_run else 'rewrote'} {rewritten} derived explanation(s)")
    for item in left:
        print(item)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())

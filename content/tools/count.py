#!/usr/bin/env python3
"""Count the content as a reader compares it (issue #22, part 4): whole-year figures of one
place, one scope and one basis. A month, a year to date or a quarter is not counted; two
figures of the same place on different scopes (the urban districts, the whole city) or
bases (with or without sand-and-dust days) are two series, not one.

Run from anywhere: python3 content/tools/count.py

It prints the observations, the indicators with five or more whole years for one place,
and for each prefecture its series of two or more whole years; then the floors of issue
#22 (the same as `tests/content.rs`, `strict_counts_meet_the_floors`) and whether each
holds. Exit status 1 if a floor fails, an observation has no resolvable source or a
source is never cited.
"""
import collections
import pathlib
import sys

import yaml

CONTENT = pathlib.Path(__file__).resolve().parent.parent

# The floors of issue #22.
MIN_OBSERVATIONS = 1200
MIN_DEEP_INDICATORS = 15  # indicators with DEEP_YEARS whole years for one place
DEEP_YEARS = 5
MIN_PREFECTURE_SERIES = 8  # indicators with 2 or more whole years, for every prefecture
MIN_PREFECTURE_LONGEST = 10  # whole years of a prefecture's longest series


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def scope_code(scope):
    """`urban`, `city`…, or a named part's Chinese name; no scope is the whole place."""
    if isinstance(scope, dict):
        return scope.get("zh")
    return scope or "whole"


def basis(obs):
    """What makes two figures of one place and scope incomparable: the observation's
    `basis` key (no key: the whole figure as published)."""
    return obs.get("basis") or "as-reported"


def series(indicators):
    """indicator id -> (city, scope, basis) -> set of whole years."""
    out = collections.defaultdict(lambda: collections.defaultdict(set))
    for indicator in indicators:
        for obs in indicator.get("observations") or []:
            if obs.get("months") is None:
                key = (obs["city"], scope_code(obs.get("scope")), basis(obs))
                out[indicator["id"]][key].add(obs["year"])
    return out


def longest(by_key, city):
    """Most whole years of one series of `city` in one indicator (0 if none)."""
    return max((len(years) for (c, _, _), years in by_key.items() if c == city), default=0)


def main():
    article_slugs = {p.name.split(".")[0] for p in (CONTENT / "articles").glob("*.md")}
    sources_file = CONTENT / "sources.yaml"
    source_ids = [s["id"] for s in load(sources_file)] if sources_file.exists() else []
    duplicate_ids = [i for i, n in collections.Counter(source_ids).items() if n > 1]
    clashing_ids = sorted(set(source_ids) & article_slugs)
    prefectures = [c["id"] for c in load(CONTENT / "cities.yaml") if c.get("level") == "prefecture"]

    indicators = [load(p) for p in sorted((CONTENT / "indicators").glob("*.yaml"))]
    observations = [o for i in indicators for o in i.get("observations") or []]
    unsourced = []
    cited = set()
    for indicator in indicators:
        for obs in indicator.get("observations") or []:
            source = obs.get("source")
            if source in article_slugs or source in source_ids:
                cited.add(source)
            else:
                unsourced.append(f"{indicator['id']}: {obs.get('city')} {obs.get('year')} source={source!r}")
    whole = sum(1 for o in observations if o.get("months") is None)
    by_indicator = series(indicators)

    print(f"observations: {len(observations)} ({whole} whole-year)")
    print(f"indicators: {len(indicators)}")
    deep = {}
    for ind, by_key in sorted(by_indicator.items()):
        best = max(by_key.items(), key=lambda kv: (len(kv[1]), kv[0]))
        if len(best[1]) >= DEEP_YEARS:
            deep[ind] = best
    print(f"indicators with >= {DEEP_YEARS} whole years for one place, scope and basis: {len(deep)}")
    for ind, ((city, scope, base), years) in deep.items():
        print(f"  {ind}: {city} ({scope}, {base}) {len(years)} years {min(years)}-{max(years)}")
    print("prefectures: indicators with >= 2 whole years of one scope and basis; longest series:")
    weak = []
    for city in prefectures:
        with_series = sorted(i for i, by_key in by_indicator.items() if longest(by_key, city) >= 2)
        top = max((longest(by_key, city) for by_key in by_indicator.values()), default=0)
        print(f"  {city}: {len(with_series)} indicators, longest {top} years")
        if len(with_series) < MIN_PREFECTURE_SERIES or top < MIN_PREFECTURE_LONGEST:
            weak.append(city)

    floors = [
        (f"observations >= {MIN_OBSERVATIONS}", len(observations) >= MIN_OBSERVATIONS),
        (f"indicators with {DEEP_YEARS}+ whole years >= {MIN_DEEP_INDICATORS}", len(deep) >= MIN_DEEP_INDICATORS),
        (f"every prefecture: {MIN_PREFECTURE_SERIES}+ indicators with 2+ whole years, one with "
         f"{MIN_PREFECTURE_LONGEST}+ (short: {', '.join(weak) or 'none'})", not weak),
    ]
    print("floors of issue #22:")
    for text, ok in floors:
        print(f"  {'ok  ' if ok else 'FAIL'} {text}")

    not_cited = sorted(set(source_ids) - cited)
    print(f"observations without a resolvable source: {len(unsourced)}")
    for line in unsourced:
        print(f"  {line}")
    print(f"sources in sources.yaml: {len(source_ids)}; not cited: {len(not_cited)}")
    for sid in not_cited:
        print(f"  {sid}")
    if duplicate_ids or clashing_ids:
        print(f"duplicate source ids: {duplicate_ids}; ids equal to an article slug: {clashing_ids}")
    failed = not all(ok for _, ok in floors)
    return 1 if failed or unsourced or not_cited or duplicate_ids or clashing_ids else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Count what issue #13 asks of the content: sourced observations, indicators with
long series, prefectures with series, and sources that are missing or never cited.

Run from anywhere: python3 content/tools/count.py
Exit status 1 if an observation has no resolvable source or a source is never cited.
"""
import collections
import pathlib
import sys

import yaml

CONTENT = pathlib.Path(__file__).resolve().parent.parent


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def series_indicators(years_by_city, city, same_period):
    """Indicators in which `city` has figures for two or more years."""
    found = []
    for indicator, by_key in years_by_city.items():
        if same_period:
            years_sets = [y for (c, _), y in by_key.items() if c == city]
        else:
            years_sets = [set().union(*[y for (c, _), y in by_key.items() if c == city])]
        if any(len(y) >= 2 for y in years_sets):
            found.append(indicator)
    return sorted(found)


def main():
    article_slugs = {p.name.split(".")[0] for p in (CONTENT / "articles").glob("*.md")}
    sources_file = CONTENT / "sources.yaml"
    source_ids = [s["id"] for s in load(sources_file)] if sources_file.exists() else []
    duplicate_ids = [i for i, n in collections.Counter(source_ids).items() if n > 1]
    clashing_ids = sorted(set(source_ids) & article_slugs)
    prefectures = [c["id"] for c in load(CONTENT / "cities.yaml") if c.get("level") == "prefecture"]

    observations = 0
    unsourced = []
    cited = set()
    years_per_indicator = {}
    # indicator -> city -> set of years, counting whole-year and part-year figures apart
    years_by_city = collections.defaultdict(lambda: collections.defaultdict(set))
    for path in sorted((CONTENT / "indicators").glob("*.yaml")):
        indicator = load(path)
        years = set()
        for obs in indicator.get("observations") or []:
            observations += 1
            source = obs.get("source")
            if source in article_slugs or source in source_ids:
                cited.add(source)
            else:
                unsourced.append(f"{path.name}: {obs.get('city')} {obs.get('year')} source={source!r}")
            years.add(obs["year"])
            years_by_city[indicator["id"]][(obs["city"], obs.get("months"))].add(obs["year"])
        years_per_indicator[indicator["id"]] = years

    long_series = sorted(i for i, y in years_per_indicator.items() if len(y) >= 5)
    print(f"observations: {observations}")
    print(f"indicators: {len(years_per_indicator)}")
    print(f"indicators with >= 5 distinct years: {len(long_series)}")
    for i in long_series:
        print(f"  {i}: {sorted(years_per_indicator[i])}")
    print("prefectures: indicators with a series, i.e. >= 2 years of the same period")
    print("(same months); in brackets the looser count that ignores the period:")
    for city in prefectures:
        strict = series_indicators(years_by_city, city, same_period=True)
        loose = series_indicators(years_by_city, city, same_period=False)
        print(f"  {city}: {len(strict)} ({len(loose)}) {strict}")
    not_cited = sorted(set(source_ids) - cited)
    print(f"observations without a resolvable source: {len(unsourced)}")
    for line in unsourced:
        print(f"  {line}")
    print(f"sources in sources.yaml: {len(source_ids)}; not cited: {len(not_cited)}")
    for sid in not_cited:
        print(f"  {sid}")
    if duplicate_ids or clashing_ids:
        print(f"duplicate source ids: {duplicate_ids}; ids equal to an article slug: {clashing_ids}")
    return 1 if unsourced or not_cited or duplicate_ids or clashing_ids else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Turn two public data sets into observations of the indicator files (issue #22).

    python3 content/tools/public_data.py DATA-FOLDER            # rewrite the indicator files
    python3 content/tools/public_data.py DATA-FOLDER --check    # exit 1 if they are not up to date

DATA-FOLDER holds the two data sets as published (see content/EDITING.md, section 8):

- `cnemc-daily-aqistudy/daily-<城市>.csv`: the CNEMC daily figures of each prefecture (the
  mean of its national monitoring stations), as archived by aqistudy.cn. Columns: city,
  date, AQI, AQI range, level, PM2.5, PM10, SO2, CO, NO2, O3 (daily maximum 8-hour), rank.
  From them: annual figures by HJ 663-2013 for every whole year a prefecture has, the
  11-prefecture average of the means and the good-days ratio for years all 11 have, and
  the monthly PM2.5 mean of every whole month.
- `co2-county-chen2020/co2-shanxi-counties-1997-2017.csv`: county CO2 estimates (Chen et
  al. 2020, million tonnes a year). From it: each county the portal has, each prefecture
  (the sum of its counties) and the province (the sum of all counties).

The script owns the observations that cite its two registry entries (`SOURCE_AIR`,
`SOURCE_CO2` in content/sources.yaml): it removes them from every indicator file and
writes the new ones at the end of each observations list, one line each, leaving every
other line as it was. Running it twice gives the same files. Standard library only,
except PyYAML to read content/cities.yaml (as count.py does).
"""
import argparse
import calendar
import collections
import csv
import datetime
import decimal
import pathlib
import re
import sys

import yaml

CONTENT = pathlib.Path(__file__).resolve().parent.parent
SOURCE_AIR = "cnemc-aqistudy-daily-2013-2017"
SOURCE_CO2 = "chen2020-county-co2-1997-2017"
OWNED = (SOURCE_AIR, SOURCE_CO2)

AIR_DIR = "cnemc-daily-aqistudy"
CO2_FILE = "co2-county-chen2020/co2-shanxi-counties-1997-2017.csv"
CO2_INDICATOR = "co2-emissions-estimate"

# Column of each pollutant in a daily row.
COLUMNS = {"pm25": 5, "pm10": 6, "so2": 7, "co": 8, "no2": 9, "o3": 10}
GOOD_LEVELS = {"优", "良"}

# GB 3095-2012 Grade II limits, the divisors of the composite index.
LIMITS = {"so2": 60, "no2": 40, "pm10": 70, "pm25": 35, "co": 4, "o3": 160}


class Statistic:
    """One annual figure of HJ 663-2013: which pollutant, how it is summarised, how it is
    rounded, which indicator file holds it, and how the page explains it."""

    def __init__(self, indicator, pollutant, percentile, places, zh, en):
        self.indicator = indicator
        self.pollutant = pollutant
        self.percentile = percentile
        self.places = places
        self.zh = zh
        self.en = en


# Concentrations are rounded as HJ 663-2013 prescribes: µg/m³ to whole numbers, CO (mg/m³)
# to one decimal.
STATISTICS = [
    Statistic("pm25-concentration", "pm25", None, 0, "{n}天日均值的算术平均", "mean of {n} daily values"),
    Statistic("pm10-concentration", "pm10", None, 0, "{n}天日均值的算术平均", "mean of {n} daily values"),
    Statistic("so2-concentration", "so2", None, 0, "{n}天日均值的算术平均", "mean of {n} daily values"),
    Statistic("no2-concentration", "no2", None, 0, "{n}天日均值的算术平均", "mean of {n} daily values"),
    Statistic("co-concentration", "co", 95, 1, "{n}天日均值的第95百分位数", "95th percentile of {n} daily values"),
    Statistic("o3-concentration", "o3", 90, 0,
              "{n}天日最大8小时平均值的第90百分位数", "90th percentile of {n} daily maximum 8-hour values"),
]

# The words every computed figure starts with, so that the page says whose calculation it is.
CALC_ZH = "本站根据CNEMC逐日数据计算（HJ 663-2013）："
CALC_EN = "the portal's calculation from the CNEMC daily figures (HJ 663-2013): "


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def rounded(value, places):
    """GB/T 8170 rounding (round half to even), which HJ 663-2013 prescribes."""
    quantum = decimal.Decimal(1).scaleb(-places)
    return decimal.Decimal(repr(value)).quantize(quantum, rounding=decimal.ROUND_HALF_EVEN)


def percentile(values, p):
    """HJ 663-2013, 5.3: sort ascending, k = 1 + (n - 1) p / 100, interpolate between the
    s-th and (s+1)-th values where s is the whole part of k."""
    ordered = sorted(values)
    k = 1 + (len(ordered) - 1) * p / 100
    s = int(k)
    if s >= len(ordered):
        return ordered[-1]
    return ordered[s - 1] + (ordered[s] - ordered[s - 1]) * (k - s)


def number(value):
    """A Decimal as YAML writes it: 59, 1.4, 4.95."""
    text = format(value, "f")
    return text


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def observation(city, year, value, scope, source, months=None, derived=None, note=None):
    parts = [f"city: {city}", f"year: {year}"]
    if months is not None:
        parts.append(f"months: {quoted(months)}")
    parts += [f"value: {number(value)}", f"scope: {quoted(scope)}", f"source: {source}"]
    if derived:
        parts.append(f"derived: {{zh: {quoted(derived[0])}, en: {quoted(derived[1])}}}")
    if note:
        parts.append(f"note: {{zh: {quoted(note[0])}, en: {quoted(note[1])}}}")
    return "  - {" + ", ".join(parts) + "}"


def load_cities():
    with open(CONTENT / "cities.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def city_ids(cities):
    """Chinese name (with and without 市) → id of each prefecture."""
    ids = {}
    for place in cities:
        if place["level"] == "prefecture":
            ids[place["zh"]] = place["id"]
            ids[place["zh"].removesuffix("市")] = place["id"]
    return ids


# --- air quality -------------------------------------------------------------------------

def read_daily(path):
    """Rows of one city's daily file as (date, level, aqi, {pollutant: value}); fails with
    file:line on a row that does not parse."""
    days = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.reader(handle), start=1):
            try:
                if len(row) != 12:
                    raise ValueError(f"{len(row)} columns, expected 12")
                date = datetime.date.fromisoformat(row[1])
                values = {name: float(row[col]) for name, col in COLUMNS.items()}
                days.append((date, row[4], int(row[2]), values))
            except ValueError as e:
                fail(f"{path}:{line}: {e}")
    dates = [d[0] for d in days]
    if len(set(dates)) != len(dates):
        fail(f"{path}: a date occurs twice")
    return sorted(days, key=lambda d: d[0])


def whole_years(days):
    """Years of which every day is in the file."""
    by_year = collections.Counter(d[0].year for d in days)
    return sorted(y for y, n in by_year.items() if n == (366 if calendar.isleap(y) else 365))


def annual(days):
    """The eight annual figures of one city and year, unrounded, with the day count."""
    figures = {}
    for stat in STATISTICS:
        values = [d[3][stat.pollutant] for d in days]
        if stat.percentile is None:
            figures[stat.indicator] = sum(values) / len(values)
        else:
            figures[stat.indicator] = percentile(values, stat.percentile)
    good = sum(1 for d in days if d[1] in GOOD_LEVELS)
    figures["good-days-ratio"] = 100 * good / len(days)
    return figures, good


def composite(rounded_figures):
    """Sum of the six rounded figures, each divided by its Grade II limit."""
    total = sum(float(rounded_figures[stat.indicator]) / LIMITS[stat.pollutant] for stat in STATISTICS)
    return rounded(total, 2)


def air_observations(folder, ids):
    out = collections.defaultdict(list)
    files = sorted((folder / AIR_DIR).glob("daily-*.csv"))
    if not files:
        fail(f"{folder / AIR_DIR}: no daily-<城市>.csv files")
    # year → city → unrounded figures, for the 11-prefecture averages
    by_year = collections.defaultdict(dict)
    for path in files:
        name = path.stem.removeprefix("daily-")
        city = ids.get(name)
        if city is None:
            fail(f"{path}: `{name}` is not a prefecture in content/cities.yaml")
        days = read_daily(path)
        for year in whole_years(days):
            of_year = [d for d in days if d[0].year == year]
            n = len(of_year)
            figures, good = annual(of_year)
            by_year[year][city] = figures
            shown = {}
            for stat in STATISTICS:
                shown[stat.indicator] = rounded(figures[stat.indicator], stat.places)
                out[stat.indicator].append(observation(
                    city, year, shown[stat.indicator], "urban", SOURCE_AIR,
                    derived=(CALC_ZH + stat.zh.format(n=n), CALC_EN + stat.en.format(n=n))))
            out["good-days-ratio"].append(observation(
                city, year, rounded(figures["good-days-ratio"], 1), "urban", SOURCE_AIR,
                derived=(f"{CALC_ZH}{n}天中{good}天为优或良",
                         f"{CALC_EN}{good} of {n} days good or excellent")))
            out["aqi-composite"].append(observation(
                city, year, composite(shown), "urban", SOURCE_AIR,
                derived=(CALC_ZH + "六项年度数值各除以二级标准限值后相加",
                         CALC_EN + "the six annual figures each divided by its Grade II limit, added up")))
        for (year, month), of_month in months_of(days):
            n = len(of_month)
            mean = sum(d[3]["pm25"] for d in of_month) / n
            out["pm25-concentration"].append(observation(
                city, year, rounded(mean, 0), "urban", SOURCE_AIR, months=str(month),
                derived=(f"{CALC_ZH}{n}天日均值的算术平均", f"{CALC_EN}mean of {n} daily values")))
    for indicator, lines in province_averages(by_year, len(set(ids.values()))).items():
        out[indicator] = lines + out[indicator]
    return out


def months_of(days):
    """((year, month), days) of every month of which every day is in the file."""
    by_month = collections.defaultdict(list)
    for d in days:
        by_month[(d[0].year, d[0].month)].append(d)
    for (year, month), of_month in sorted(by_month.items()):
        if len(of_month) == calendar.monthrange(year, month)[1]:
            yield (year, month), of_month


# The province figures of the bulletins are the averages of the 11 prefectures' figures;
# the percentiles are left out, as no bulletin says how it averages them.
AVERAGED = ["pm25-concentration", "pm10-concentration", "so2-concentration",
            "no2-concentration", "good-days-ratio"]


def province_averages(by_year, prefectures):
    out = collections.defaultdict(list)
    for year, cities in sorted(by_year.items()):
        if len(cities) != prefectures:
            continue
        for indicator in AVERAGED:
            places = 1 if indicator == "good-days-ratio" else 0
            mean = sum(c[indicator] for c in cities.values()) / len(cities)
            out[indicator].append(observation(
                "shanxi", year, rounded(mean, places), "province", SOURCE_AIR,
                derived=(f"{CALC_ZH}{len(cities)}个设区市年度数值的平均",
                         f"{CALC_EN}average of the {len(cities)} prefectures' annual figures"),
                note=("11个设区市平均", "average of the 11 prefecture-level cities")))
    return out


# --- CO2 ---------------------------------------------------------------------------------

def co2_observations(folder, cities):
    path = folder / CO2_FILE
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    if not rows:
        fail(f"{path}: no rows")
    years = [c for c in rows[0] if re.fullmatch(r"\d{4}", c)]
    prefecture_ids = city_ids(cities)
    counties = {p["id"]: p for p in cities if p["level"] == "county"}
    # A county of cities.yaml is found by its name, or by its aliases with any suffix
    # (太谷区 was 太谷县 until 2019, the name the data set uses).
    by_name = collections.defaultdict(list)
    for line, row in enumerate(rows, start=2):
        by_name[row["county_zh"]].append((line, row))
        by_name[re.sub(r"[县区市]$", "", row["county_zh"])].append((line, row))
    out = []
    sums = collections.defaultdict(lambda: collections.defaultdict(float))
    counts = collections.Counter()
    for line, row in enumerate(rows, start=2):
        prefecture = prefecture_ids.get(row["city_zh"])
        if prefecture is None:
            fail(f"{path}:{line}: `{row['city_zh']}` is not a prefecture in content/cities.yaml")
        counts[prefecture] += 1
        for year in years:
            try:
                value = float(row[year])
            except ValueError:
                fail(f"{path}:{line}: {year} `{row[year]}` is not a number")
            sums[prefecture][year] += value
            sums["shanxi"][year] += value
    counts["shanxi"] = len(rows)
    for prefecture in sorted(sums, key=lambda p: (p != "shanxi", p)):
        n = counts[prefecture]
        scope = "province" if prefecture == "shanxi" else "city"
        for year in years:
            out.append(observation(
                prefecture, year, rounded(sums[prefecture][year], 2), scope, SOURCE_CO2,
                derived=(f"本站计算：数据集中{n}个县（市、区）估算值之和",
                         f"the portal's sum of the data set's estimates for {n} counties")))
    for county_id, place in sorted(counties.items()):
        names = [place["zh"]] + list(place.get("aliases") or [])
        found = {line: row for name in names for line, row in by_name.get(name, [])}
        found = {line: row for line, row in found.items()
                 if prefecture_ids.get(row["city_zh"]) == place["parent"]}
        if len(found) != 1:
            fail(f"{path}: county `{county_id}` ({place['zh']}) matches {len(found)} rows, expected 1")
        (line, row), = found.items()
        note = None
        if row["county_zh"] != place["zh"]:
            note = (f"数据集中名为{row['county_zh']}", f"named {row['county_en']} in the data set")
        for year in years:
            out.append(observation(county_id, year, rounded(float(row[year]), 2), "county",
                                   SOURCE_CO2, note=note))
    return {CO2_INDICATOR: out}


# --- writing -----------------------------------------------------------------------------

def owned(line):
    return any(re.search(rf"\bsource: {re.escape(s)}\b", line) for s in OWNED)


def rewrite(text, new_lines, path):
    """The file with the owned observation lines replaced by `new_lines` at the end of its
    observations list."""
    lines = text.splitlines()
    try:
        start = lines.index("observations:")
    except ValueError:
        fail(f"{path}: no `observations:` line")
    end = start + 1
    while end < len(lines) and lines[end].startswith("  - "):
        end += 1
    if any(line.strip() for line in lines[end:]):
        fail(f"{path}:{end + 1}: the observations list must be the end of the file, one line each")
    kept = [line for line in lines[start + 1:end] if not owned(line)]
    return "\n".join(lines[:start + 1] + kept + new_lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=pathlib.Path, help="folder holding the two data sets")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = parser.parse_args()
    cities = load_cities()
    generated = air_observations(args.data, city_ids(cities))
    generated.update(co2_observations(args.data, cities))
    stale = []
    total = 0
    for path in sorted((CONTENT / "indicators").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        indicator = path.stem
        lines = generated.pop(indicator, [])
        if not lines and not any(owned(line) for line in text.splitlines()):
            continue
        new = rewrite(text, lines, path)
        total += len(lines)
        if new != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if generated:
        fail(f"no indicator file for {', '.join(sorted(generated))}: create it in content/indicators/")
    verb = "out of date" if args.check else "rewritten"
    print(f"{total} observations; {len(stale)} files {verb}: {', '.join(stale) or 'none'}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())

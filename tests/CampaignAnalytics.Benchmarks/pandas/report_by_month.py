#!/usr/bin/env python3
"""The pandas equivalent of `campaign-analytics report FILES --by month --format csv`.

json.load each campaign file, flatten its days x channels x variations into rows (plain loops into a list of dicts:
faster than pd.json_normalize for this shape), then per rate of each channel keep the rows that report both sides,
groupby campaign / month / channel / variation / rate, sum numerator and denominator, value = sum / sum, days = distinct
dates counted; to_csv. Channels, rates and derived metrics (push `deliveries`: delivered, else sent - bounces) are read
from the schema, as the tool's catalogue is. One campaign file at a time (as the tool reads them), so memory holds one
campaign's rows plus the grouped result.

    python3 report_by_month.py --schema campaign-data-series.schema.json --out report.csv campaign-0000.json ...

The campaign id is the file name without extension. Columns: period_start, period_end, campaign_id, channel,
variation_api_id, variation_name, rate, numerator, denominator, value, days. Row order is not the tool's.
"""
import argparse
import json
import os

import pandas as pd

KEYS = ["campaign_id", "month", "channel", "variation_api_id", "variation_name", "rate"]


def resolve(schema, ref):
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def rates_of(schema, definition):
    """The x-rates of a definition and of the definitions it includes (allOf), included ones first."""
    rates = []
    for included in definition.get("allOf", []):
        rates += rates_of(schema, resolve(schema, included["$ref"]))
    return rates + definition.get("x-rates", [])


def channels(schema):
    """{channel key: (rates, derived)} for every channel of the messages object."""
    messages = next(d for d in schema["$defs"].values() if d.get("x-role") == "channels")
    result = {}
    for key, prop in messages["properties"].items():
        definition = resolve(schema, prop["items"]["$ref"])
        result[key] = ([(r["name"], r["numerator"], r["denominator"]) for r in rates_of(schema, definition)],
                       definition.get("x-derived", []))
    return result


def derive(frame, derived):
    """Adds a derived column: the first of its expressions ('field' or 'a - b') that is present on the row."""
    for metric in derived:
        column = pd.Series(float("nan"), index=frame.index)
        for expression in metric["firstOf"]:
            parts = [p.strip() for p in expression.split("-")]
            if not all(p in frame.columns for p in parts):
                continue
            value = frame[parts[0]]
            for p in parts[1:]:
                value = value - frame[p]
            column = column.where(column.notna(), value)
        frame[metric["name"]] = column


def one_campaign(path, catalogue):
    campaign = os.path.splitext(os.path.basename(path))[0]
    with open(path, "rb") as f:
        document = json.load(f)
    rows = []
    for day in document["data"]:
        date = day["time"][:10]
        for channel, elements in (day.get("messages") or {}).items():
            if channel not in catalogue:
                continue
            for element in elements:
                row = dict(element)
                row["date"] = date
                row["channel"] = channel
                rows.append(row)
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    frame["campaign_id"] = campaign
    frame["month"] = frame["date"].str[:7]
    for column in ("variation_api_id", "variation_name"):
        if column not in frame.columns:
            frame[column] = None
    parts = []
    for channel, group in frame.groupby("channel", sort=False):
        rates, derived = catalogue[channel]
        group = group.copy()
        derive(group, derived)
        for name, numerator, denominator in rates:
            if numerator not in group.columns or denominator not in group.columns:
                continue
            counted = group[group[numerator].notna() & group[denominator].notna()]
            if counted.empty:
                continue
            part = counted[["campaign_id", "month", "channel", "variation_api_id", "variation_name", "date"]].copy()
            part["rate"] = name
            part["numerator"] = counted[numerator]
            part["denominator"] = counted[denominator]
            parts.append(part)
    if not parts:
        return None
    long = pd.concat(parts, ignore_index=True)
    return long.groupby(KEYS, sort=False, dropna=False).agg(
        numerator=("numerator", "sum"), denominator=("denominator", "sum"), days=("date", "nunique"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    with open(args.schema, "rb") as f:
        catalogue = channels(json.load(f))
    grouped = [g for g in (one_campaign(path, catalogue) for path in args.files) if g is not None]
    report = pd.concat(grouped).reset_index()
    report["value"] = report["numerator"] / report["denominator"]
    start = pd.to_datetime(report["month"] + "-01")
    report.insert(0, "period_start", start.dt.strftime("%Y-%m-%d"))
    report.insert(1, "period_end", (start + pd.offsets.MonthEnd(0)).dt.strftime("%Y-%m-%d"))
    report = report.drop(columns="month")
    report = report[["period_start", "period_end", "campaign_id", "channel", "variation_api_id", "variation_name",
                     "rate", "numerator", "denominator", "value", "days"]]
    report.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()

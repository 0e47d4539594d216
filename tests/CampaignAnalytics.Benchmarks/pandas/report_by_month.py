#!/usr/bin/env python3
"""The pandas equivalent of `campaign-analytics report FILES --by month --format csv`.

json.load each campaign file, flatten its days x channels x variations into rows (plain loops into a list of dicts:
faster than pd.json_normalize for this shape), then per rate of each channel keep the rows that report both sides,
groupby campaign / month / channel / variation / rate, sum numerator and denominator, value = sum / sum, days = distinct
dates counted; to_csv. Channels, rates and derived metrics (push `deliveries`: delivered, else sent - bounces) are read
from the schema, as the tool's catalogue is. A batch of campaign files at a time (--batch, default 10), so memory holds one
batch of campaigns' rows plus the grouped result.

    python3 report_by_month.py --schema campaign-data-series.schema.json --out report.csv campaign-0000.json ...

The campaign id is the file name without extension. Columns: period_start, period_end, campaign_id, channel,
variation_api_id, variation_name, rate, numerator, denominator, value, days. Row order is not the tool's.
"""
import argparse
import json
import os

import pandas as pd

# Campaigns per frame: pandas pays per operation as well as per row, so a few files grouped at once are faster than one
# at a time (30 campaigns x 365 days, busy 2-core machine: 3.5-4.8 s at 10 against 6.8-7.6 s at 1; 8.8 s and 495 MB at
# 30), and memory stays bounded by the batch.
BATCH = 10

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


def one_batch(paths, catalogue):
    rows = []
    for path in paths:
        campaign = os.path.splitext(os.path.basename(path))[0]
        with open(path, "rb") as f:
            document = json.load(f)
        for day in document["data"]:
            date = day["time"][:10]
            for channel, elements in (day.get("messages") or {}).items():
                if channel not in catalogue:
                    continue
                for element in elements:
                    row = dict(element)
                    row["campaign_id"] = campaign
                    row["date"] = date
                    row["channel"] = channel
                    rows.append(row)
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    del rows
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
    parser.add_argument("--batch", type=int, default=BATCH,
                        help="campaign files flattened into one frame and grouped at a time (default %(default)s)")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    with open(args.schema, "rb") as f:
        catalogue = channels(json.load(f))
    batches = (args.files[i:i + args.batch] for i in range(0, len(args.files), args.batch))
    grouped = [g for g in (one_batch(paths, catalogue) for paths in batches) if g is not None]
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

"""output: the tables as CSV files and as one JSON document."""
import csv
import json
import os

# file names of the tables in --csv DIR (summary.csv is the contract)
CSV_NAMES = ("summary", "outcomes", "weeks", "rules", "units", "unit_rule",
             "fields", "series", "notices", "other", "trend")


def write_csv(d, tables):
    os.makedirs(d, exist_ok=True)
    for name in CSV_NAMES:
        cols, rows = tables[name]
        tmp = os.path.join(d, ".%s.csv.tmp" % name)
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            w.writerows(rows)
        os.replace(tmp, os.path.join(d, name + ".csv"))


def document(ctx):
    tables = ctx["tables"]
    return {
        "generator": "invite-report",
        "version": ctx["version"],
        "period": {"since": ctx["since"].isoformat(),
                   "until": ctx["until"].isoformat(), "weeks": ctx["weeks"],
                   "time_zone": ctx["tz"]},
        "previous": {"since": ctx["prev_since"].isoformat(),
                     "until": ctx["since"].isoformat(),
                     "has_data": ctx["have_prev"]},
        "summary": {"sv": ctx["summary"][0], "en": ctx["summary"][1]},
        "totals": ctx["totals"],
        "previous_totals": ctx["prev_totals"] if ctx["have_prev"] else None,
        "read": ctx["info"],
        "tables": {name: [dict(zip(cols, row)) for row in rows]
                   for name, (cols, rows) in tables.items()},
    }


def write_atomic(path, text):
    d = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(d, ".%s.tmp" % os.path.basename(path))
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_json(path, ctx):
    write_atomic(path, json.dumps(document(ctx), ensure_ascii=False,
                                  indent=1) + "\n")

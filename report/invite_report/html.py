"""html: the report as one self-contained HTML file.

Inline CSS and SVG only: no script, no font, no image, no link to
anything outside the file, so it opens offline and prints (@media
print). Swedish first, English beside it. Every figure comes from the
tables (tables.py) that the CSV and JSON files hold as well.
"""
from collections import defaultdict
from html import escape

from . import VERSION
from .model import ALL_OUTCOMES, FIELDS, NONE
from .svg import shade, stacked_bars, tint
from .texts import (COLOUR, FIELD, KIND, MODE, RESULT, n_sv, outcome_label,
                    trend_label, unit_label)

CSS = """
:root { color-scheme: light; }
body { font-family: sans-serif; font-size: 14px; color: #1b1b1b;
  margin: 24px auto; max-width: 1100px; padding: 0 16px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 6px; border-bottom: 2px solid #1f4e8c;
  padding-bottom: 3px; }
h2 .en, th .en, td .en, .legend .en { color: #555; font-weight: normal; }
h2 .en::before { content: " / "; }
.meta { color: #555; margin: 0 0 12px; }
.summary { display: flex; gap: 24px; background: #eef3f9;
  border-left: 5px solid #1f4e8c; padding: 10px 16px; }
.summary div { flex: 1; }
.summary h3 { font-size: 13px; text-transform: uppercase; color: #1f4e8c;
  margin: 4px 0; }
.summary p { margin: 4px 0 8px; line-height: 1.45; }
table { border-collapse: collapse; margin: 8px 0 4px; font-size: 13px; }
th, td { border: 1px solid #c8ccd2; padding: 3px 8px; text-align: left; }
th { background: #f1f3f6; vertical-align: bottom; }
td:first-child { white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; background: #f7f7f7; }
.legend { margin: 6px 0; font-size: 12px; }
.legend span.k { display: inline-block; margin-right: 14px; white-space: nowrap; }
.legend svg.sw { display: inline-block; vertical-align: -2px;
  margin-right: 4px; }
svg text { font-family: sans-serif; font-size: 11px; fill: #1b1b1b; }
.note { color: #555; font-size: 12px; max-width: 900px; }
.empty { color: #777; font-style: italic; }
svg { display: block; max-width: 100%; height: auto; }
footer { margin-top: 32px; border-top: 1px solid #c8ccd2; padding-top: 8px;
  color: #444; font-size: 12px; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 11px; }
  section { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .summary { border-left-width: 3px; }
}
"""


def _colour(o):
    if o.startswith("would-"):
        return tint(COLOUR.get(o[6:], "#888888"))
    return COLOUR.get(o, "#888888")


def _bi(sv, en):
    """Swedish, with the English beside it in grey."""
    if sv == en:
        return escape(sv)
    return '%s <span class="en" lang="en">%s</span>' % (escape(sv), escape(en))


def _ol(o):
    return _bi(*outcome_label(o))


def _table(head, rows, total=None):
    """head: (html, numeric) per column; rows: lists of (html, numeric)."""
    h = "".join('<th%s>%s</th>' % (' class="n"' if num else "", html)
                for html, num in head)
    body = []
    for row in rows:
        body.append("<tr>" + "".join('<td%s>%s</td>' % (
            ' class="n"' if num else "", html) for html, num in row) + "</tr>")
    if total:
        body.append('<tr class="total">' + "".join('<td%s>%s</td>' % (
            ' class="n"' if num else "", html) for html, num in total) + "</tr>")
    return "<table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>" % (
        h, "".join(body))


def _num(n):
    return (n_sv(n) if n else "0"), True


def _matrix(rows_keys, counts, outcomes, label, first_head):
    """One row per key, one column per outcome, a total column/row."""
    head = [(first_head, False)] + [(_ol(o), True) for o in outcomes] + \
        [(_bi("totalt", "total"), True)]
    rows, col = [], defaultdict(int)
    for k in rows_keys:
        r = [(label(k), False)]
        s = 0
        for o in outcomes:
            n = counts.get((k, o), 0)
            col[o] += n
            s += n
            r.append(_num(n))
        r.append(_num(s))
        rows.append(r)
    tot = [(_bi("totalt", "total"), False)] + [_num(col[o]) for o in outcomes] \
        + [_num(sum(col.values()))]
    return _table(head, rows, tot if len(rows) > 1 else None)


def _legend(outcomes):
    return '<div class="legend">%s</div>' % "".join(
        '<span class="k"><svg class="sw" width="12" height="12" '
        'aria-hidden="true"><rect width="12" height="12" fill="%s" '
        'stroke="#999"/></svg>%s</span>' % (
            _colour(o), _ol(o)) for o in outcomes)


def _present(counts):
    seen = {k[-1] for k, v in counts.items() if v}
    return [o for o in ALL_OUTCOMES if o in seen]


def _section(sv, en, body, note=None):
    n = '<p class="note">%s</p>' % note if note else ""
    return "<section><h2>%s<span class=\"en\" lang=\"en\">%s</span></h2>%s%s</section>" % (
        escape(sv), escape(en), n, body)


EMPTY = '<p class="empty">Inga kallelser under perioden. <span lang="en">No invitations in the period.</span></p>'


def render(ctx):
    t = ctx["tables"]
    weeks = ctx["weeks"]
    out = []
    # per week
    wk = {(w, o): n for w, o, n in t["weeks"][1]}
    outs = _present(wk)
    if outs:
        series = [(" / ".join(outcome_label(o)), _colour(o),
                   [wk.get((w, o), 0) for w in weeks]) for o in outs]
        chart = stacked_bars(weeks, series, "Utfall per vecka / Outcomes per ISO week")
        body = _legend(outs) + chart + _matrix(
            weeks, wk, outs, lambda w: escape(w), _bi("vecka", "week"))
    else:
        body = EMPTY
    out.append(_section("Utfall per vecka", "Outcomes per ISO week", body,
                        "Varje meddelande räknas en gång; ett meddelande som "
                        "MTA:n försökte igen räknas inte två gånger. "
                        "<span lang=\"en\">Each message counts once; a message "
                        "the MTA retried is not counted twice.</span>"))
    # per rule
    rc = {(r, o): n for r, o, n in t["rules"][1]}
    rtot = defaultdict(int)
    for (r, o), n in rc.items():
        rtot[r] += n
    rules = sorted(rtot, key=lambda r: (-rtot[r], r))
    if rules:
        outs_r = _present(rc)
        series = [(" / ".join(outcome_label(o)), _colour(o),
                   [rc.get((r, o), 0) for r in rules]) for o in outs_r]
        body = _legend(outs_r) + stacked_bars(
            rules, series, "Utfall per regel / Outcomes per rule",
            horizontal=True) + _matrix(rules, rc, outs_r, escape,
                                       _bi("regel", "rule"))
    else:
        body = '<p class="empty">Ingen regel slog till. <span lang="en">No rule acted.</span></p>'
    out.append(_section("Per regel", "Per rule", body,
                        "En kallelse räknas under varje regel som agerade på den "
                        "(flagga eller starkare). <span lang=\"en\">An invitation "
                        "counts under each rule that acted on it (flag or "
                        "stronger).</span>"))
    # per unit
    uc = {(u, o): n for u, o, n in t["units"][1]}
    units = []
    for u, _, _ in t["units"][1]:
        if u not in units:
            units.append(u)
    body = _matrix(units, uc, _present(uc), lambda u: _bi(*unit_label(u)),
                   _bi("enhet", "unit")) if units else EMPTY
    out.append(_section("Per enhet", "Per unit", body,
                        "Enheten kommer från beslutsloggen eller från kartan "
                        "som gavs med --units; adresser visas aldrig. "
                        "<span lang=\"en\">The unit comes from the decision log "
                        "or from the map given with --units; addresses are "
                        "never shown.</span>"))
    # unit x rule
    ur = {(u, r): n for u, r, n in t["unit_rule"][1]}
    if ur:
        urules = sorted({r for _, r in ur}, key=lambda r: (-rtot.get(r, 0), r))
        uunits = []
        for u, _, _ in t["unit_rule"][1]:
            if u not in uunits:
                uunits.append(u)
        top = max(ur.values())
        head = [(_bi("enhet", "unit"), False)] + [(escape(r), True) for r in urules] \
            + [(_bi("totalt", "total"), True)]
        rows = []
        for u in uunits:
            cells = ['<td>%s</td>' % _bi(*unit_label(u))]
            for r in urules:
                n = ur.get((u, r), 0)
                bg, ink = shade(n, top)
                cells.append('<td class="n" style="background:%s;color:%s">%s</td>'
                             % (bg, ink, n_sv(n) if n else ""))
            cells.append('<td class="n">%s</td>' % n_sv(sum(
                ur.get((u, r), 0) for r in urules)))
            rows.append("<tr>%s</tr>" % "".join(cells))
        body = "<table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>" % (
            "".join('<th%s>%s</th>' % (' class="n"' if num else "", h)
                    for h, num in head), "".join(rows))
    else:
        body = '<p class="empty">Ingen regel slog till. <span lang="en">No rule acted.</span></p>'
    out.append(_section("Enhet × regel", "Unit × rule", body,
                        "Antal kallelser där regeln agerade; mörkare = fler. "
                        "<span lang=\"en\">Invitations the rule acted on; darker "
                        "= more.</span>"))
    # per field
    fc = {(f, o): n for f, o, n in t["fields"][1]}
    fields = [f for f in FIELDS if any(k[0] == f for k in fc)]
    body = _matrix(fields, fc, _present(fc), lambda f: _bi(*FIELD.get(f, (f, f))),
                   _bi("fält", "field")) if fields else \
        '<p class="empty">Inga fynd. <span lang="en">No findings.</span></p>'
    out.append(_section("Per fält", "Per field", body,
                        "Var i kallelsen fyndet låg (ämnesrad, rubrik, beskrivning, "
                        "plats, bilagor ...). <span lang=\"en\">Where in the "
                        "invitation the finding was (subject, title, description, "
                        "location, attachments ...).</span>"))
    # series
    sc = defaultdict(int)
    for w, _, o, n in t["series"][1]:
        sc[(w, o)] += n
    sweeks = [w for w in weeks if any(k[0] == w for k in sc)]
    body = _matrix(sweeks, sc, _present(sc), escape, _bi("vecka", "week")) \
        if sweeks else '<p class="empty">Inga serier med externa deltagare. <span lang="en">No series with external guests.</span></p>'
    out.append(_section("Serier med externa deltagare", "Series with external guests",
                        body))
    # notices: sent per week and mode, and those that failed
    nc = defaultdict(int)
    for w, _, m, r, n in t["notices"][1]:
        nc[(w, m if r == "sent" else "!" + r)] += n
    modes = sorted({m for _, m in nc if not m.startswith("!")})
    bad = sorted({m for _, m in nc if m.startswith("!")})
    nweeks = [w for w in weeks if any(k[0] == w for k in nc)]
    if nweeks:
        head = [(_bi("vecka", "week"), False)] + [
            (_bi("skickade, " + MODE.get(m, (m, m))[0],
                 "sent, " + MODE.get(m, (m, m))[1]), True) for m in modes] + [
            (_bi(*RESULT.get(m[1:], (m[1:], m[1:]))), True) for m in bad]
        rows = [[(escape(w), False)] + [_num(nc.get((w, m), 0))
                                        for m in modes + bad] for w in nweeks]
        tot = [(_bi("totalt", "total"), False)] + [
            _num(sum(nc.get((w, m), 0) for w in nweeks)) for m in modes + bad]
        body = _table(head, rows, tot if len(rows) > 1 else None)
    else:
        body = '<p class="empty">Inga aviseringar. <span lang="en">No notices.</span></p>'
    out.append(_section("Aviseringar till avsändare", "Notices sent", body,
                        "Per enhet i notices.csv. <span lang=\"en\">Per unit "
                        "in notices.csv.</span>"))
    # trend
    rows = []
    for m, cur, prev in t["trend"][1]:
        if prev == "":
            ch = ""
        else:
            d = cur - prev
            ch = ("%+d" % d) + (" (%+.0f %%)" % (100.0 * d / prev) if prev else "")
        rows.append([(_bi(*trend_label(m)), False), _num(cur),
                     ((n_sv(prev) if prev else "0") if prev != "" else "–", True),
                     (escape(ch.replace("-", "−")), True)])
    body = _table([(_bi("mått", "measure"), False),
                   (_bi("perioden", "this period"), True),
                   (_bi("föregående", "previous"), True),
                   (_bi("förändring", "change"), True)], rows)
    out.append(_section("Trend mot föregående period", "Trend against the previous period",
                        body, escape(ctx["prev_text"])))
    # other decisions
    agg = defaultdict(int)
    for _, k, o, n in t["other"][1]:
        agg[(k, o)] += n
    kinds = sorted({k for k, _ in agg})
    body = _matrix(kinds, agg, _present(agg), lambda k: _bi(*KIND.get(k, (k, k))),
                   _bi("slag", "kind")) if kinds else \
        '<p class="empty">Inga. <span lang="en">None.</span></p>'
    out.append(_section("Övriga beslut (räknas inte som kallelser)",
                        "Other decisions (not counted as invitations)", body,
                        "Svar, avbokningar, TNEF-post som inte kan läsas och "
                        "meddelanden utan kallelse. <span lang=\"en\">Replies, "
                        "cancellations, TNEF mail that cannot be read and "
                        "messages without an invitation.</span>"))
    info = ctx["info"]
    foot = (
        "<p>Källor <span lang=\"en\">(sources)</span>: %s. Rader lästa "
        "<span lang=\"en\">(lines read)</span>: %s; beslutsrader "
        "<span lang=\"en\">(decision lines)</span>: %s; omförsök räknade en gång "
        "<span lang=\"en\">(retries counted once)</span>: %s; rader utan JSON "
        "<span lang=\"en\">(lines without JSON)</span>: %s; beslut som inte "
        "kunde tolkas <span lang=\"en\">(decisions not understood)</span>: %s.</p>"
        "<p>Rapporten innehåller inga personuppgifter: inga adresser, inget "
        "bevis ur kallelserna, inga ämnesrader, bara regel, fält, enhet och "
        "antal. <span lang=\"en\">The report holds no personal data: no "
        "addresses, no evidence from the invitations, no subjects; only rule, "
        "field, unit and counts.</span> Veckor enligt ISO 8601 i tidszonen %s. "
        "<span lang=\"en\">ISO 8601 weeks in the time zone %s.</span></p>"
        "<p>invite-report %s, %s</p>") % (
        escape(", ".join(ctx["sources"])), n_sv(info["lines"]),
        n_sv(info["decision_lines"]), n_sv(info["retries"]),
        n_sv(info["skipped"]), n_sv(info["decisions_unread"]),
        escape(ctx["tz"]), escape(ctx["tz"]), VERSION, escape(ctx["generated"]))
    sv, en = ctx["summary"]
    return """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kallelsekontroll, rapport %(period)s</title>
<style>%(css)s</style>
</head>
<body>
<header>
<h1>Kallelsekontroll: rapport <span class="en" lang="en">/ Invitation control: report</span></h1>
<p class="meta">%(period_html)s</p>
</header>
<section class="summary">
<div><h3>Sammanfattning</h3><p>%(sv)s</p></div>
<div lang="en"><h3>Summary</h3><p>%(en)s</p></div>
</section>
%(body)s
<footer>%(foot)s</footer>
</body>
</html>
""" % {"period": escape(ctx["period_label"]), "css": CSS,
       "period_html": escape(ctx["period_label"]), "sv": escape(sv),
       "en": escape(en), "body": "\n".join(out), "foot": foot}

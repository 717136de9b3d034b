"""svg: the two charts of the report, as standard inline SVG.

stacked_bars() draws stacked bars, upright (one bar per week) or lying
(one bar per rule); shade() gives the background of a count in the
unit x rule table. Plain SVG 1.1 elements only (rect, line, text,
title), no script; the page's CSS sets the font, no external reference, so the file shows offline,
prints, and validates. Tested by tests/report/test_svg.py.
"""
from html import escape


def _num(x):
    """A coordinate: short, and the same on every machine."""
    s = "%.1f" % x
    return s[:-2] if s.endswith(".0") else s


def nice_step(top, ticks=5):
    """A round step (1, 2, 5 x 10^n) that divides 0..top into at most
    about `ticks` parts."""
    if top <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if top / (step * m) <= ticks:
                return step * m
        step *= 10


def _axis_top(top):
    step = nice_step(top)
    return max(step, -(-top // step) * step), step


def stacked_bars(cats, series, title, horizontal=False, width=760,
                 height=260):
    """cats: category labels; series: (label, colour, values) with one
    value per category, stacked in that order. Returns an <svg> string."""
    totals = [sum(s[2][i] for s in series) for i in range(len(cats))]
    top, step = _axis_top(max(totals or [0]))
    out = []
    if horizontal:
        left, right, tb, row = 180, 20, 24, 22
        height = tb * 2 + row * max(len(cats), 1)
        plot = width - left - right
        scale = plot / top

        for v in range(0, top + 1, step):
            x = left + v * scale
            out.append('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#ddd"/>'
                       % (_num(x), tb, _num(x), height - tb))
            out.append('<text x="%s" y="%d" text-anchor="middle">%d</text>'
                       % (_num(x), height - tb + 14, v))
        for i, cat in enumerate(cats):
            y = tb + i * row
            out.append('<text x="%d" y="%s" text-anchor="end">%s</text>'
                       % (left - 6, _num(y + row * 0.68), escape(cat)))
            x = left
            for label, colour, vals in series:
                v = vals[i]
                if v <= 0:
                    continue
                w = v * scale
                out.append('<rect x="%s" y="%s" width="%s" height="%s" '
                           'fill="%s"><title>%s, %s: %d</title></rect>'
                           % (_num(x), _num(y + 3), _num(w), _num(row - 6),
                              colour, escape(cat), escape(label), v))
                x += w
            if totals[i]:
                out.append('<text x="%s" y="%s">%d</text>'
                           % (_num(x + 4), _num(y + row * 0.68), totals[i]))
    else:
        left, right, tb, bottom = 44, 10, 12, 36
        plot_h = height - tb - bottom
        plot_w = width - left - right
        scale = plot_h / top
        slot = plot_w / max(len(cats), 1)
        bw = min(48.0, slot * 0.7)
        every = max(1, -(-len(cats) // 16))
        for v in range(0, top + 1, step):
            y = tb + plot_h - v * scale
            out.append('<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#ddd"/>'
                       % (left, _num(y), width - right, _num(y)))
            out.append('<text x="%d" y="%s" text-anchor="end">%d</text>'
                       % (left - 4, _num(y + 4), v))
        for i, cat in enumerate(cats):
            cx = left + slot * (i + 0.5)
            y = tb + plot_h
            for label, colour, vals in series:
                v = vals[i]
                if v <= 0:
                    continue
                h = v * scale
                y -= h
                out.append('<rect x="%s" y="%s" width="%s" height="%s" '
                           'fill="%s"><title>%s, %s: %d</title></rect>'
                           % (_num(cx - bw / 2), _num(y), _num(bw), _num(h),
                              colour, escape(cat), escape(label), v))
            if totals[i]:
                out.append('<text x="%s" y="%s" text-anchor="middle">%d</text>'
                           % (_num(cx), _num(y - 3), totals[i]))
            if i % every == 0:
                out.append('<text x="%s" y="%d" text-anchor="middle">%s</text>'
                           % (_num(cx), tb + plot_h + 16, escape(cat)))
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666"/>'
                   % (left, tb + plot_h, width - right, tb + plot_h))
    return ('<svg width="%d" height="%d" viewBox="0 0 %d %d" role="img" '
            'aria-label="%s"><title>%s</title>%s</svg>'
            % (width, height, width, height, escape(title),
               escape(title), "".join(out)))


def shade(n, top):
    """Background and text colour of a count: white for 0, deepening blue
    up to the table's largest count."""
    if n <= 0 or top <= 0:
        return "#ffffff", "#000000"
    f = 0.15 + 0.85 * min(n / top, 1.0)
    lo, hi = (255, 255, 255), (31, 78, 140)
    c = tuple(round(lo[k] + (hi[k] - lo[k]) * f) for k in range(3))
    ink = "#ffffff" if f > 0.55 else "#000000"
    return "#%02x%02x%02x" % c, ink


def tint(colour, f=0.55):
    """colour mixed with white (f = share of white): the would-have
    outcomes of audit mode are drawn in the tint of the real one."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % tuple(round(x + (255 - x) * f) for x in (r, g, b))

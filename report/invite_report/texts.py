"""texts: labels in Swedish and English, and the summary sentences."""
from datetime import timedelta

from .model import NONE

OUTCOME = {
    "rejected": ("stoppad", "rejected"),
    "held": ("kvarhållen", "held"),
    "redacted": ("rättad", "redacted"),
    "flagged": ("flaggad", "flagged"),
    "accepted": ("godkänd", "passed"),
    "tempfailed": ("uppskjuten", "deferred"),
}
COLOUR = {
    "rejected": "#b03a2e", "held": "#6c3483", "redacted": "#ca6f1e",
    "flagged": "#d4ac0d", "accepted": "#5d8aa8", "tempfailed": "#7b7d7d",
}
FIELD = {
    "subject": ("ämnesrad", "subject"), "title": ("rubrik", "title"),
    "description": ("beskrivning", "description"),
    "location": ("plats", "location"), "attachments": ("bilagor", "attachments"),
    "body": ("brödtext", "body text"),
    "attendees": ("deltagarnamn", "attendee names"),
    "other": ("övrigt", "other"),
}
KIND = {
    "REPLY": ("svar", "replies"), "CANCEL": ("avbokningar", "cancellations"),
    "COUNTER": ("motförslag", "counter-proposals"),
    "DECLINECOUNTER": ("avböjda motförslag", "declined counters"),
    "REFRESH": ("uppdateringsbegäran", "refresh requests"),
    "tnef": ("TNEF, kan inte granskas", "TNEF, cannot be inspected"),
    "no-invitation": ("ej kallelse", "not an invitation"),
}
MODE = {"reject": ("stoppad", "rejected"), "redact": ("rättad", "redacted"),
        "notify": ("upplyst", "notified"), "hold": ("kvarhållen", "held"),
        "flag": ("flaggad", "flagged")}
RESULT = {"sent": ("skickad", "sent"), "failed": ("misslyckad", "failed"),
          "not-built": ("ej skapad", "not built")}
TREND = {
    "invitations": ("granskade kallelser", "invitations examined"),
    "series-external": ("serier med externa deltagare",
                        "series with external guests"),
    "notices-sent": ("aviseringar skickade", "notices sent"),
}


def outcome_label(o):
    if o.startswith("would-"):
        sv, en = OUTCOME.get(o[6:], (o, o))
        return "testläge: " + sv, "audit: " + en
    return OUTCOME.get(o, (o, o))


def trend_label(m):
    return TREND.get(m) or outcome_label(m)


def unit_label(u):
    return ("(ingen enhet)", "(no unit)") if u == NONE else (u, u)


def n_sv(n):
    return "{:,}".format(n).replace(",", "\u00a0")


def n_en(n):
    return "{:,}".format(n)


def _join(parts, word):
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " " + word + " " + parts[-1]


def period_phrase(since, until, prep=False):
    """("vecka 48", "week 48"), ("veckorna 45–48", ...), or the dates;
    with prep, as the start of a sentence ("Under vecka 48", "In week
    48"). until is exclusive."""
    sv, en = _phrase(since, until)
    if not prep:
        return sv, en
    if sv.startswith("dagen "):
        return "Den " + sv[6:], "On " + en[8:]
    return "Under " + sv, "In " + en


def _phrase(since, until):
    midnight = lambda t: (t.hour, t.minute, t.second, t.microsecond) == (0, 0, 0, 0)
    if midnight(since) and midnight(until) and since.isoweekday() == 1 and \
            until.isoweekday() == 1 and until > since:
        a = since.isocalendar()
        b = (until - timedelta(days=1)).isocalendar()
        if (a[0], a[1]) == (b[0], b[1]):
            return "vecka %d" % a[1], "week %d" % a[1]
        if a[0] == b[0]:
            return ("veckorna %d–%d" % (a[1], b[1]),
                    "weeks %d–%d" % (a[1], b[1]))
        return ("vecka %d %d – vecka %d %d" % (a[1], a[0], b[1], b[0]),
                "week %d %d – week %d %d" % (a[1], a[0], b[1], b[0]))
    last = until - timedelta(days=1) if midnight(until) else until
    a, b = since.date().isoformat(), last.date().isoformat()
    if a == b:
        return "dagen %s" % a, "the day %s" % a
    return "perioden %s – %s" % (a, b), "the period %s to %s" % (a, b)


def summary(since, until, cur, prev, have_prev, top_rule, top_unit):
    """Two short paragraphs, Swedish and English."""
    psv, pen = period_phrase(since, until, prep=True)
    total = cur["invitations"]
    if total == 0:
        return ("%s granskades inga kallelser." % psv,
                "%s, no invitations were examined." % pen)
    kal = lambda n: "kallelse" if n == 1 else "kallelser"
    inv = lambda n: "invitation" if n == 1 else "invitations"
    r = cur["rejected"]
    sv = "%s stoppades %s" % (psv, ("%s %s" % (n_sv(r), kal(r))) if r
                                     else "inga kallelser")
    if r:
        en = "%s, %s %s %s stopped" % (pen, n_en(r), inv(r),
                                        "was" if r == 1 else "were")
    else:
        en = "%s, no invitations were stopped" % pen
    more_sv, more_en = [], []
    for o, vsv, ven in (("held", "hölls kvar för granskning", "held for review"),
                        ("redacted", "rättades innan de skickades",
                         "redacted before they left"),
                        ("flagged", "flaggades", "flagged"),
                        ("tempfailed", "sköts upp", "deferred")):
        if cur[o]:
            more_sv.append("%s %s" % (n_sv(cur[o]), vsv))
            more_en.append("%s %s" % (n_en(cur[o]), ven))
    if more_sv:
        sv = _join([sv] + more_sv, "och")
        en = _join([en] + more_en, "and")
    passed = cur["accepted"] + cur["would-accepted"]
    sv += "; %s släpptes igenom (av %s granskade %s)." % (
        n_sv(passed), n_sv(total), kal(total))
    en += "; %s passed (of %s %s examined)." % (n_en(passed), n_en(total),
                                                inv(total))
    would_sv, would_en = [], []
    for o, vsv, ven in (("would-rejected", "ha stoppats", "stopped"),
                        ("would-held", "ha hållits kvar", "held"),
                        ("would-redacted", "ha rättats", "redacted"),
                        ("would-flagged", "ha flaggats", "flagged"),
                        ("would-tempfailed", "ha skjutits upp", "deferred")):
        if cur[o]:
            would_sv.append("%s %s" % (n_sv(cur[o]), vsv))
            would_en.append("%s %s" % (n_en(cur[o]), ven))
    if would_sv:
        would_en[0] = would_en[0].replace(" ", " would have been ", 1)
        sv += " I testläge (dry run) skulle %s." % _join(would_sv, "och")
        en += " In audit mode (dry run), %s." % _join(would_en, "and")
    if top_rule:
        name, n = top_rule
        sv += " Vanligast var regeln %s (%s %s)." % (name, n_sv(n), kal(n))
        en += " The most frequent rule was %s (%s %s)." % (name, n_en(n),
                                                          inv(n))
    if top_unit:
        name, n, would = top_unit
        if would:
            sv += " Flest kallelser som skulle ha stoppats kom från %s (%s)." % (
                name, n_sv(n))
            en += " Most invitations that would have been stopped came from %s (%s)." % (
                name, n_en(n))
        else:
            sv += " Flest stoppade eller kvarhållna kallelser kom från %s (%s)." % (
                name, n_sv(n))
            en += " Most invitations stopped or held came from %s (%s)." % (
                name, n_en(n))
    if cur["notices-sent"]:
        n = cur["notices-sent"]
        sv += " %s %s skickades till avsändare." % (
            n_sv(n), "avisering" if n == 1 else "aviseringar")
        en += " %s %s sent to senders." % (
            n_en(n), "notice was" if n == 1 else "notices were")
    if have_prev:
        a, b = cur["stopped"], prev["stopped"]
        d = a - b
        sv += " Föregående period av samma längd: %s stoppade eller kvarhållna (nu %s, %s)." % (
            n_sv(b), n_sv(a), ("%+d" % d).replace("-", "−"))
        en += " Previous period of the same length: %s stopped or held (now %s, %+d)." % (
            n_en(b), n_en(a), d)
    else:
        sv += " För föregående period av samma längd finns inga beslut i loggarna."
        en += " The logs hold no decisions for the previous period of the same length."
    return sv, en

"""Unit tests of the log reading, the decision model and the unit map."""
import os
import tempfile
import unittest

from invite_report import logread, model, units

OLD = ('{"time":"2026-11-03T10:00:00.123Z","event":"decision","queue_id":"Q1",'
       '"msgid_sha256":"m1","sender":"a.b@soc.kommun.example","rcpts":1,'
       '"rcpt_domains":["x.example"],"action":"%s","dry_run":%s,"ms":1,'
       '"result":{"file":"Q1","invitation":true,"method":%s,"verdict":"%s",'
       '"calendars":%d,"findings":[%s]}}')
PNR = ('{"rule":"personnummer","field":"subject","severity":"high",'
       '"action":"reject","evidence":"19121212-****","span":[1,2]}')
WEAK = ('{"rule":"topic-weak","field":"description","severity":"low",'
        '"action":"log","evidence":"x","span":[1,2]}')


def dec(action="reject", dry="false", method='"REQUEST"', verdict="reject",
        cals=1, findings=PNR, umap=None):
    d = logread.parse_line(OLD % (action, dry, method, verdict, cals, findings))
    return model.decision(d, umap)


class Lines(unittest.TestCase):
    def test_prefixes(self):
        j = '{"time":"2026-11-03T10:00:00Z","event":"x"}'
        for line in (j, "Nov  3 10:00:00 relay invite-milter[42]: " + j,
                     "2026-11-03T10:00:00+0000 relay invite-milter[42]: " + j,
                     '{"__CURSOR":"s=1","MESSAGE":"%s","_PID":"42"}'
                     % j.replace('"', '\\"')):
            self.assertEqual(logread.parse_line(line)["event"], "x", line[:30])

    def test_garbage(self):
        for line in ("", "garbage", '{"time":"2026-11-03T10:0', "[1,2]",
                     'x {"a": [1, 2}'):
            self.assertIsNone(logread.parse_line(line))

    def test_unreadable(self):
        d = tempfile.mkdtemp()
        bad = os.path.join(d, "bad.gz")
        with open(bad, "wb") as f:
            f.write(b"\x1f\x8b\x08\x00garbage")
        info = {"lines": 0, "skipped": 0}
        for p in (bad, d, os.path.join(d, "missing")):
            with self.assertRaises(logread.Unreadable):
                logread.read_log(p, info)


class Decisions(unittest.TestCase):
    def test_outcome_from_action(self):
        for action, want in (("reject", "rejected"), ("flag", "flagged"),
                             ("notify", "flagged"), ("redact", "redacted"),
                             ("hold", "held"), ("accept", "accepted"),
                             ("tempfail (limit)", "tempfailed"),
                             ("reject (limit)", "rejected")):
            self.assertEqual(dec(action).outcome, want)
        self.assertIsNone(dec("explode"))

    def test_dry_run(self):
        self.assertEqual(dec("none (dry run)", "true").outcome, "would-rejected")
        self.assertEqual(dec("none (dry run)", "true", verdict="flag").outcome,
                         "would-flagged")
        self.assertEqual(dec("none (dry run)", "true", verdict="accept",
                             findings="").outcome, "would-accepted")

    def test_outcome_field_wins(self):
        d = logread.parse_line(OLD % ("reject", "false", '"REQUEST"', "reject", 1, PNR))
        d["outcome"] = "would-held"
        self.assertEqual(model.decision(d, None).outcome, "would-held")
        d["outcome"] = "exploded"
        self.assertIsNone(model.decision(d, None))

    def test_requests(self):
        self.assertTrue(dec().request)
        self.assertTrue(dec(method='"PUBLISH"').request)
        self.assertTrue(dec(method="null").request)             # calendar, no METHOD
        self.assertFalse(dec(method='"REPLY"').request)
        self.assertEqual(dec(method='"CANCEL"').kind, "CANCEL")
        t = dec(method="null", cals=0)                          # TNEF
        self.assertFalse(t.request)
        self.assertEqual(t.kind, "tnef")

    def test_rules_and_fields(self):
        r = dec(findings=PNR + "," + WEAK + "," + PNR.replace("subject", "summary"))
        self.assertEqual(r.rules, ("personnummer",))            # log does not act
        self.assertEqual(r.fields, ("subject", "title"))
        self.assertEqual(dec("accept", verdict="accept", findings=WEAK).rules, ("-",))

    def test_week_and_time(self):
        d = {"ts": "2026-11-29T23:30:00Z", "time": "2020-01-01T00:00:00.000Z"}
        self.assertEqual(model.iso_week(model.when(d).astimezone(
            model.timezone.utc)), "2026-W48")

    def test_retries_once(self):
        objs = [logread.parse_line(OLD % ("tempfail (limit)", "false",
                                          '"REQUEST"', "accept", 1, ""))] * 3
        objs.append(logread.parse_line(OLD % ("accept", "false", '"REQUEST"',
                                              "accept", 1, "")))
        decs, _, info = model.load(objs, None)
        self.assertEqual([r.outcome for r in decs], ["tempfailed", "accepted"])
        self.assertEqual(info["retries"], 2)

    def test_unit_field_is_safe(self):
        self.assertEqual(model.safe_unit("Socialtjänsten"), "Socialtjänsten")
        self.assertEqual(model.safe_unit("a.b@kommun.example"), "?")
        self.assertEqual(model.safe_unit(""), "-")
        self.assertEqual(model.safe_unit(None), "-")


class UnitMap(unittest.TestCase):
    def load(self, text):
        fd, p = tempfile.mkstemp()
        with os.fdopen(fd, "w") as f:
            f.write(text)
        return units.load(p)

    def test_lookup(self):
        u = self.load("# comment\nsoc.kommun.example\tSocialtjänsten\n"
                      "@skola.kommun.example = Skola\n"
                      "Chef@Kommun.example, Kommunledning\n"
                      "kommun.example  Individ- och familjeomsorg  # trailing\n")
        self.assertEqual(u.lookup("x@soc.kommun.example"), "Socialtjänsten")
        self.assertEqual(u.lookup("x@ifo.soc.kommun.example"), "Socialtjänsten")
        self.assertEqual(u.lookup("X@SKOLA.kommun.example"), "Skola")
        self.assertEqual(u.lookup("chef@kommun.example"), "Kommunledning")
        self.assertEqual(u.lookup("other@kommun.example"), "Individ- och familjeomsorg")
        self.assertEqual(u.lookup("x@elsewhere.example"), "-")
        r = dec(umap=u)
        self.assertEqual(r.unit, "Socialtjänsten")

    def test_refused(self):
        for bad in ("a.example b@c.example\n", "justonefield\n"):
            with self.assertRaises(units.UnitMapError):
                self.load(bad)


if __name__ == "__main__":
    unittest.main()

"""Unit tests of report/invite_report/svg.py (run by tests/t/report.sh)."""
import unittest
import xml.etree.ElementTree as ET

from invite_report import svg

NS = "{http://www.w3.org/2000/svg}"


def parse(s):
    # inline SVG in HTML needs no xmlns; as a file it does
    return ET.fromstring(s.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def rects(root):
    return [r for r in root.iter(NS + "rect")]


class Charts(unittest.TestCase):
    def test_upright_bars_are_proportional_and_stacked(self):
        s = svg.stacked_bars(["W1", "W2"], [("a", "#ff0000", [10, 20]),
                                            ("b", "#00ff00", [10, 0])], "t")
        r = rects(parse(s))
        self.assertEqual(len(r), 3)             # the 0 draws nothing
        h = [float(x.get("height")) for x in r]
        self.assertAlmostEqual(h[0], h[1], delta=0.1)      # W1: 10 + 10
        self.assertAlmostEqual(h[2], h[0] * 2, delta=0.2)  # W2: 20
        # stacked: b sits on a
        self.assertAlmostEqual(float(r[1].get("y")) + h[1], float(r[0].get("y")),
                               delta=0.1)

    def test_lying_bars_widths(self):
        s = svg.stacked_bars(["r1", "r2"], [("a", "#123456", [5, 15])], "t",
                             horizontal=True)
        r = rects(parse(s))
        self.assertAlmostEqual(float(r[1].get("width")), 3 * float(r[0].get("width")),
                               delta=0.2)

    def test_empty_and_zero_data(self):
        for cats, series in (([], []), (["W1"], [("a", "#000000", [0])])):
            for hz in (False, True):
                root = parse(svg.stacked_bars(cats, series, "empty", horizontal=hz))
                self.assertEqual(rects(root), [])

    def test_labels_are_escaped(self):
        s = svg.stacked_bars(['<b>&"x'], [("<i>", "#000000", [1])], "a<b")
        self.assertNotIn("<b>", s)
        root = parse(s)
        texts = [t.text for t in root.iter(NS + "text")]
        self.assertIn('<b>&"x', texts)
        self.assertEqual(root.find(NS + "title").text, "a<b")

    def test_no_script_no_reference(self):
        s = svg.stacked_bars(["W1"], [("a", "#000000", [3])], "t")
        for bad in ("<script", "href", "http", "url(", "<image"):
            self.assertNotIn(bad, s)

    def test_nice_step(self):
        self.assertEqual(svg.nice_step(0), 1)
        self.assertEqual(svg.nice_step(4), 1)
        self.assertEqual(svg.nice_step(7), 2)
        self.assertEqual(svg.nice_step(182), 50)
        self.assertEqual(svg.nice_step(1000), 200)


class Colours(unittest.TestCase):
    def test_shade(self):
        self.assertEqual(svg.shade(0, 10), ("#ffffff", "#000000"))
        self.assertEqual(svg.shade(5, 0), ("#ffffff", "#000000"))
        lum = [sum(int(svg.shade(n, 10)[0][i:i + 2], 16) for i in (1, 3, 5))
               for n in range(1, 11)]
        self.assertEqual(lum, sorted(lum, reverse=True))   # darker with n
        self.assertEqual(svg.shade(10, 10)[0], "#1f4e8c")
        self.assertEqual(svg.shade(10, 10)[1], "#ffffff")  # readable ink

    def test_tint(self):
        self.assertEqual(svg.tint("#000000", 0.5), "#808080")
        self.assertEqual(svg.tint("#b03a2e", 0.0), "#b03a2e")
        self.assertEqual(svg.tint("#b03a2e", 1.0), "#ffffff")


if __name__ == "__main__":
    unittest.main()

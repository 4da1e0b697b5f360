#!/usr/bin/python3
"""ofd.py - write PDFs' glyphs and ruling lines as OFD documents (GB/T 33190-2016), issue #15.

    /usr/bin/python3 tools/ofd.py --out DIR FILE.pdf...

Each FILE.pdf becomes DIR/FILE.ofd: one page for each page, every text line's characters as
TextObjects (Boundary, Size, TextCode X/Y of the first baseline and DeltaX advances, with
"g N d" for runs of equal advances; every other object drawn through a CTM that scales by 2,
as some writers do) and every ruling line, rectangle and polyline as a PathObject
(AbbreviatedData M/L/C). Positions in millimetres, y down, from the top-left corner.

Reads the PDFs with pdfminer (Debian python3-pdfminer; hence /usr/bin/python3). Dev-time
only: the OFD twins are committed in fixtures/formats/ofd, so tests and CI need none of it.
"""
import argparse, os, sys, zipfile
from xml.sax.saxutils import escape, quoteattr

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect, LTTextLine

MM = 25.4 / 72
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def f(v):
    s = "%.3f" % v
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def deltas(ds):
    """DeltaX with runs of three or more equal advances as 'g N d'."""
    out, i = [], 0
    while i < len(ds):
        j = i
        while j < len(ds) and ds[j] == ds[i]:
            j += 1
        if j - i >= 3:
            out.append("g %d %s" % (j - i, ds[i]))
        else:
            out.extend(ds[i:j])
        i = j
    return " ".join(out)


def runs(line):
    """A text line's characters in runs of one size and baseline, split at wide gaps."""
    chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
    cur = []
    for c in chars:
        if cur:
            p = cur[-1]
            if (abs(c.size - p.size) > 0.01 or abs(c.matrix[5] - p.matrix[5]) > 0.05
                    or c.matrix[4] - p.matrix[4] > 3 * c.size or c.matrix[4] < p.matrix[4]):
                yield cur
                cur = []
        cur.append(c)
    if cur:
        yield cur


class Page:
    def __init__(self, height):
        self.h = height
        self.objs = []
        self.next_id = 100

    def oid(self):
        self.next_id += 1
        return self.next_id

    def text(self, chars, scaled):
        size = chars[0].size
        top = self.h - max(c.y1 for c in chars)
        x0 = min(c.x0 for c in chars)
        x1 = max(c.x1 for c in chars)
        bx, by = x0 * MM, top * MM
        bw, bh = (x1 - x0) * MM + 0.5, (max(c.y1 for c in chars) - min(c.y0 for c in chars)) * MM + 0.5
        k = 2.0 if scaled else 1.0   # object space is page space scaled down by k, the CTM scales up
        X = (chars[0].matrix[4] * MM - bx) / k
        Y = ((self.h - chars[0].matrix[5]) * MM - by) / k
        ds = [f((b.matrix[4] - a.matrix[4]) * MM / k) for a, b in zip(chars, chars[1:])]
        txt = "".join(c.get_text() for c in chars)
        ctm = ' CTM="%s 0 0 %s 0 0"' % (f(k), f(k)) if scaled else ""
        dx = ' DeltaX="%s"' % deltas(ds) if ds else ""
        self.objs.append(
            '<ofd:TextObject ID="%d" Font="2" Size="%s" Boundary="%s %s %s %s"%s>'
            '<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="%s" Y="%s"%s>%s</ofd:TextCode></ofd:TextObject>'
            % (self.oid(), f(size * MM / k), f(bx), f(by), f(bw), f(bh), ctm, f(X), f(Y), dx, escape(txt)))

    def path(self, pts, width, closed):
        xs = [p[0] * MM for p in pts]
        ys = [(self.h - p[1]) * MM for p in pts]
        bx, by = min(xs) - 0.5, min(ys) - 0.5
        d = " ".join(("M" if i == 0 else "L") + " %s %s" % (f(x - bx), f(y - by)) for i, (x, y) in enumerate(zip(xs, ys)))
        if closed:
            d += " C"
        self.objs.append(
            '<ofd:PathObject ID="%d" LineWidth="%s" Boundary="%s %s %s %s"><ofd:StrokeColor Value="0 0 0"/>'
            '<ofd:AbbreviatedData>%s</ofd:AbbreviatedData></ofd:PathObject>'
            % (self.oid(), f(max(width, 0.1) * MM), f(bx), f(by), f(max(xs) - bx + 0.5), f(max(ys) - by + 0.5), d))

    def xml(self, w, h):
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page %s><ofd:Area><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox>'
                '</ofd:Area><ofd:Content><ofd:Layer ID="1" Type="Body">%s</ofd:Layer></ofd:Content></ofd:Page>\n'
                % (NS, f(w * MM), f(h * MM), "".join(self.objs)))


def walk(o, page, state):
    if isinstance(o, LTTextLine):
        for r in runs(o):
            state[0] += 1
            page.text(r, state[0] % 2 == 0)
        return
    if isinstance(o, LTLine):
        page.path(o.pts, o.linewidth, False)
        return
    if isinstance(o, LTRect):
        (x0, y0, x1, y1) = o.bbox
        page.path([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], o.linewidth, True)
        return
    if isinstance(o, LTCurve):
        page.path(o.pts, o.linewidth, False)
        return
    if hasattr(o, "__iter__") and not isinstance(o, LTChar):
        for c in o:
            walk(c, page, state)


def convert(pdf, out):
    pages = []
    state = [0]
    for lp in extract_pages(pdf):
        p = Page(lp.height)
        walk(lp, p, state)
        pages.append((p, lp.width, lp.height))
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD %s Version="1.0" DocType="OFD">'
                   '<ofd:DocBody><ofd:DocInfo><ofd:DocID>%s</ofd:DocID><ofd:Creator>budgetlint tools/ofd.py</ofd:Creator>'
                   '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n'
                   % (NS, escape(os.path.basename(out))))
        w, h = pages[0][1], pages[0][2]
        z.writestr("Doc_0/Document.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document %s><ofd:CommonData>'
                   '<ofd:MaxUnitID>%d</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:PageArea>'
                   '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>%s</ofd:Pages></ofd:Document>\n'
                   % (NS, 100000, f(w * MM), f(h * MM),
                      "".join('<ofd:Page ID="%d" BaseLoc=%s/>' % (i + 1, quoteattr("Pages/Page_%d/Content.xml" % i))
                              for i in range(len(pages)))))
        z.writestr("Doc_0/PublicRes.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res %s BaseLoc="Res">'
                   '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>\n' % NS)
        for i, (p, pw, ph) in enumerate(pages):
            z.writestr("Doc_0/Pages/Page_%d/Content.xml" % i, p.xml(pw, ph))
    os.replace(tmp, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for pdf in a.files:
        name = os.path.splitext(os.path.basename(pdf))[0]
        convert(pdf, os.path.join(a.out, name + ".ofd"))


if __name__ == "__main__":
    sys.exit(main())

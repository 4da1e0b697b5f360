#!/usr/bin/env python3
"""layouts.py - lay the same report out the way other programs print it (issue #13).

    python3 tools/layouts.py --out DIR [--layout L]... FILE...

FILE is a report source in either markup the project uses:
  NAME.tbl  the table-fixture markup (see tools/make_tables.py)
  NAME.txt  the text markup (`# title`, `## heading`, `| a | b |` rows, other lines paragraphs;
            the markup of fixtures/prose and ../shared/corpus/real-texts)
and each is written as DIR/L/NAME.pdf for every layout L (default: all four):

  standard  A4 portrait, 16 pt serif body, 10.5 pt cells (the fixtures' own layout)
  grid      a square document grid (style:layout-grid-mode="both", 22 lines): every character in
            its own cell, glyphs evenly ~0.8 em apart, as 分散对齐 / grid-snapped documents print
  dense     A4 landscape, 10.5 pt sans body, 9 pt cells, columns sized to their text
  narrow    portrait, 12 pt cells in equal narrow columns: long figures and words wrap
  threeline the standard page with three-line tables (三线表): a rule over the first row, one
            under it and one under the last row, none between the others and no vertical ones
  borderless the standard page with tables printed without any rules (cells apart by space only)
  middle    the standard page with cell text centred vertically (Word's and WPS's 垂直居中): a
            row's one-line cells stand beside the middle of its wrapped ones

LibreOffice (headless) converts every file of a layout in one run. Dev- and test-time only:
tests/layouts.sh uses it when soffice is present and skips, saying so, when it is not.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, unicodedata
from xml.sax.saxutils import escape

LAYOUTS = ("standard", "grid", "dense", "narrow", "threeline", "borderless", "middle")

# page: (width cm, height cm, margins cm, body pt, cell pt, font, grid)
PAGE = {
    "standard": (21.0, 29.7, 2.5, 16, 10.5, "Noto Serif CJK SC", False),
    "grid":     (21.0, 29.7, 2.5, 16, 10.5, "Noto Serif CJK SC", True),
    "dense":    (29.7, 21.0, 1.8, 10.5, 9, "Noto Sans CJK SC", False),
    "narrow":   (21.0, 29.7, 2.5, 16, 12, "Noto Serif CJK SC", False),
    "threeline": (21.0, 29.7, 2.5, 16, 10.5, "Noto Serif CJK SC", False),
    "borderless": (21.0, 29.7, 2.5, 16, 10.5, "Noto Serif CJK SC", False),
    "middle": (21.0, 29.7, 2.5, 16, 10.5, "Noto Serif CJK SC", False),
}

# each layout's cell style for the first, a middle and the last row of a table (HEAD's styles)
CELL_STYLES = {"threeline": ("TTop", "TNone", "TLast"), "borderless": ("TNone",) * 3}

CELL = re.compile(r"^(.*?)(?:\{(\d+)(?:,(\d+))?\})?$", re.S)


def tbl_model(text):
    """.tbl markup -> (landscape, blocks)."""
    blocks, lines, i = [], text.split("\n"), 0
    landscape = any(l.strip() == "landscape" for l in lines)
    while i < len(lines):
        l = lines[i].rstrip()
        i += 1
        if not l or l.startswith("#") or l == "landscape":
            continue
        if l == "break":
            blocks.append(("break",))
            continue
        kw, _, rest = l.partition(" ")
        if kw == "title":
            blocks.append(("title", rest))
        elif kw == "p":
            blocks.append(("p", rest))
        elif kw == "table":
            m = re.match(r"([\d.,]+)(?:\s+head=(\d+))?$", rest)
            widths = [float(w) for w in m.group(1).split(",")]
            rows = []
            while not lines[i].startswith("end"):
                if lines[i].startswith("|"):
                    cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                    row = []
                    for c in cells:
                        mm = CELL.match(c)
                        row.append((mm.group(1).strip(), int(mm.group(2) or 1), int(mm.group(3) or 1)))
                    rows.append(row)
                i += 1
            i += 1
            blocks.append(("table", widths, rows))
        else:
            sys.exit("layouts: unknown directive '%s'" % kw)
    return landscape, blocks


def txt_model(text):
    """Text markup -> (False, blocks); a run of rows with one cell count is one table."""
    blocks, run = [], []

    def flush():
        if run:
            blocks.append(("table", None, [[(c, 1, 1) for c in r] for r in run]))
            run.clear()
    for l in text.split("\n"):
        l = l.rstrip()
        if l.startswith("|"):
            cells = [c.strip() for c in l.strip().strip("|").split("|")]
            if run and len(run[0]) != len(cells):
                flush()
            run.append(cells)
            continue
        flush()
        if not l.strip():
            continue
        if l.startswith("## "):
            blocks.append(("head", l[3:]))
        elif l.startswith("# "):
            blocks.append(("title", l[2:]))
        else:
            blocks.append(("p", l))
    flush()
    return False, blocks


def text_len(s):
    """Printed width in em: CJK and full-width forms 1, others 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in s)


def widths_for(layout, widths, rows, text_w, cell_pt, widest):
    """Column widths (cm). Authored widths (.tbl) keep their proportions - tables stacked
    to read as one keep their columns aligned - scaled by one factor per document."""
    ncol = max(sum(cs for _, cs, _ in r) for r in rows)
    if widths:
        if layout == "narrow":
            return [w * min(1.0, text_w / widest) * 0.8 for w in widths]
        return [w * text_w / widest if layout == "dense" else w * min(1.0, text_w / widest) for w in widths]
    if layout == "narrow":
        w = min(text_w / ncol, 2.0)
        return [w] * ncol
    if layout == "dense":
        # columns sized to their text: the longest line of each single-column cell, capped
        need = [1.2] * ncol
        for r in rows:
            k = 0
            for t, cs, _ in r:
                if cs == 1 and t != "^":
                    longest = max((text_len(x) for x in t.split("\\n")), default=0)
                    need[k] = max(need[k], min(longest, 14) * cell_pt / 28.35 + 0.3)
                k += cs
        scale = min(1.0, text_w / sum(need))
        return [n * scale for n in need]
    return [text_w / ncol] * ncol


def fodt(layout, landscape, blocks):
    pw, ph, margin, body, cell, font, grid = PAGE[layout]
    if landscape and layout != "dense":
        pw, ph = ph, pw
    text_w = pw - 2 * margin
    grid_attrs = ""
    if grid:
        lines, base_h = 22, 0
        text_h = ph - 2 * margin - 1.4
        base_h = text_h / lines
        # a square grid: each cell as wide as a line is high
        grid_attrs = (' style:layout-grid-mode="both" style:layout-grid-lines="%d"'
                      ' style:layout-grid-base-height="%.3fcm" style:layout-grid-ruby-height="0cm"'
                      ' style:layout-grid-base-width="%.3fcm" loext:layout-grid-base-width="%.3fcm"'
                      ' style:layout-grid-snap-to="true" style:layout-grid-standard-mode="false"'
                      ' style:layout-grid-print="false" style:layout-grid-display="false"'
                      % (lines, base_h, base_h, base_h))
    widest = max([sum(b[1]) for b in blocks if b[0] == "table" and b[1]] or [1.0])
    styles, out, ntab = [], [], 0
    brk = False
    for b in blocks:
        if b[0] == "break":
            brk = True
            continue
        if brk:
            out.append('  <text:p text:style-name="Brk"/>\n')
            brk = False
        if b[0] in ("title", "head", "p"):
            style = {"title": "Title", "head": "Head", "p": "Body"}[b[0]]
            out.append('  <text:p text:style-name="%s">%s</text:p>\n' % (style, escape(b[1])))
            continue
        _, widths, rows = b
        ntab += 1
        ws = widths_for(layout, widths, rows, text_w, cell, widest)
        name = "T%d" % ntab
        styles.append('  <style:style style:name="%s" style:family="table"><style:table-properties '
                      'style:width="%.2fcm" table:align="center"/></style:style>\n' % (name, sum(ws)))
        for k, w in enumerate(ws):
            styles.append('  <style:style style:name="%s.C%d" style:family="table-column">'
                          '<style:table-column-properties style:column-width="%.2fcm"/></style:style>\n'
                          % (name, k, w))
        out.append('  <table:table table:name="%s" table:style-name="%s">\n' % (name, name))
        for k in range(len(ws)):
            out.append('   <table:table-column table:style-name="%s.C%d"/>\n' % (name, k))
        first, middle, last = CELL_STYLES.get(layout, ("TC",) * 3)
        for ri, row in enumerate(rows):
            tc = first if ri == 0 else last if ri == len(rows) - 1 else middle
            out.append('   <table:table-row>\n')
            n = 0
            for t, cs, rs in row:
                if t == "^":
                    out.append('    <table:covered-table-cell/>\n')
                    n += 1
                    continue
                attrs = ""
                if cs > 1:
                    attrs += ' table:number-columns-spanned="%d"' % cs
                if rs > 1:
                    attrs += ' table:number-rows-spanned="%d"' % rs
                ps = "".join('<text:p text:style-name="Cell">%s</text:p>' % escape(x) for x in t.split("\\n"))
                out.append('    <table:table-cell table:style-name="%s" office:value-type="string"%s>%s'
                           '</table:table-cell>\n' % (tc, attrs, ps))
                out.append('    <table:covered-table-cell/>\n' * (cs - 1))
                n += cs
            out.append('    <table:table-cell table:style-name="%s"/>\n' % tc * (len(ws) - n))
            out.append('   </table:table-row>\n')
        out.append('  </table:table>\n')
    head = HEAD.format(font=font, body=body, cell=cell, indent=2 * body, pw=pw, ph=ph, m=margin,
                       orient="landscape" if pw > ph else "portrait", grid=grid_attrs,
                       valign="middle" if layout == "middle" else "top",
                       styles="".join(styles))
    return head + "".join(out) + TAIL


HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="CJK" svg:font-family="'{font}'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:line-height="140%"/>
   <style:text-properties style:font-name="CJK" fo:font-size="{body}pt"
     style:font-name-asian="CJK" style:font-size-asian="{body}pt"
     fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:text-indent="{indent}pt"/>
  </style:style>
  <style:style style:name="Head" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:text-indent="{indent}pt"/>
   <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="6pt"/>
   <style:text-properties fo:font-size="{body}pt" style:font-size-asian="{body}pt"
     fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:line-height="115%"/>
   <style:text-properties fo:font-size="{cell}pt" style:font-size-asian="{cell}pt"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="{pw}cm" fo:page-height="{ph}cm"
     style:print-orientation="{orient}" fo:margin-top="{m}cm" fo:margin-bottom="{m}cm"
     fo:margin-left="{m}cm" fo:margin-right="{m}cm"{grid}/>
   <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.3cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Brk" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:style style:name="TC" style:family="table-cell">
   <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"
     style:vertical-align="{valign}"/>
  </style:style>
  <style:style style:name="TTop" style:family="table-cell">
   <style:table-cell-properties fo:border-top="1pt solid #000000" fo:border-bottom="0.5pt solid #000000"
     fo:border-left="none" fo:border-right="none" fo:padding="0.05cm" style:vertical-align="{valign}"/>
  </style:style>
  <style:style style:name="TNone" style:family="table-cell">
   <style:table-cell-properties fo:border="none" fo:padding="0.05cm" style:vertical-align="{valign}"/>
  </style:style>
  <style:style style:name="TLast" style:family="table-cell">
   <style:table-cell-properties fo:border-top="none" fo:border-bottom="1pt solid #000000"
     fo:border-left="none" fo:border-right="none" fo:padding="0.05cm" style:vertical-align="{valign}"/>
  </style:style>
{styles} </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
"""
TAIL = " </office:text></office:body>\n</office:document>\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--layout", action="append", choices=LAYOUTS)
    ap.add_argument("--to", default="pdf", choices=("pdf", "docx"),
                    help="what LibreOffice writes: the printed PDF, or the same document as DOCX (#15)")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    if not shutil.which("soffice"):
        sys.exit("layouts: needs soffice (Debian: libreoffice-writer-nogui fonts-noto-cjk)")
    for layout in a.layout or LAYOUTS:
        dest = os.path.join(a.out, layout)
        os.makedirs(dest, exist_ok=True)
        with tempfile.TemporaryDirectory() as work:
            fodts = []
            for f in a.files:
                name, ext = os.path.splitext(os.path.basename(f))
                text = open(f, encoding="utf-8").read()
                landscape, blocks = tbl_model(text) if ext == ".tbl" else txt_model(text)
                p = os.path.join(work, name + ".fodt")
                open(p, "w", encoding="utf-8").write(fodt(layout, landscape, blocks))
                fodts.append(p)
            env = dict(os.environ, HOME=work)   # a private LibreOffice profile: runs can overlap
            for k in range(0, len(fodts), 40):
                subprocess.run(["soffice", "--headless", "--convert-to", a.to, "--outdir", work]
                               + fodts[k:k + 40], check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
            for p in fodts:
                pdf = p[:-5] + "." + a.to
                tmp = os.path.join(dest, "." + os.path.basename(pdf) + ".tmp")
                shutil.copy(pdf, tmp)
                os.replace(tmp, os.path.join(dest, os.path.basename(pdf)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""make_tables.py - build the table fixture PDFs from fixtures/tables/src/*.tbl.

A .tbl file is a small markup for a 自评表 report, one directive a line:

    # comment
    title TEXT              centred bold title
    p TEXT                  a body paragraph
    landscape               (first line only) A4 landscape
    table W1,W2,...[ head=N]  start a table; column widths in cm; the first N
                            rows repeat on every page the table crosses
    | a | b{2} | c{1,2} |   a row: cells separated by |; {C} spans C columns,
                            {C,R} also R rows; ^ is a cell covered by a span
                            from above; \\n inside a cell breaks the line
    end                     end of the table
    break                   page break

LibreOffice (headless) lays each out - borders on every cell, 10.5 pt Noto
Serif CJK, cells top-aligned - and writes fixtures/tables/NAME.pdf. Dev-time
only; the PDFs are committed so tests and CI need none of this.
"""
import os, re, shutil, subprocess, sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "fixtures", "tables", "src")
OUT = os.path.join(ROOT, "fixtures", "tables")
WORK = os.path.join(ROOT, "build", "fixtures-tables")

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="CJK" svg:font-family="'Noto Serif CJK SC'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:line-height="120%%"/>
   <style:text-properties style:font-name="CJK" fo:font-size="10.5pt"
     style:font-name-asian="CJK" style:font-size-asian="10.5pt"
     fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:text-indent="21pt" fo:margin-bottom="4pt"/>
   <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="8pt"/>
   <style:text-properties fo:font-size="16pt" style:font-size-asian="16pt"
     fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="%s" fo:page-height="%s"
     style:print-orientation="%s"
     fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  </style:page-layout>
  <style:style style:name="Brk" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:style style:name="TC" style:family="table-cell">
   <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"
     style:vertical-align="top"/>
  </style:style>
%s
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
 </office:master-styles>
 <office:body><office:text>
"""
TAIL = " </office:text></office:body>\n</office:document>\n"

CELL = re.compile(r"^(.*?)(?:\{(\d+)(?:,(\d+))?\})?$", re.S)


def parse_row(line):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    out = []
    for c in cells:
        m = CELL.match(c)
        out.append((m.group(1).strip(), int(m.group(2) or 1), int(m.group(3) or 1)))
    return out


def para(text, style):
    return '  <text:p text:style-name="%s">%s</text:p>\n' % (style, escape(text))


def build(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    landscape = any(l.strip() == "landscape" for l in lines)
    body, styles, ntab, brk = [], [], 0, False
    i = 0
    while i < len(lines):
        l = lines[i].rstrip()
        i += 1
        if not l or l.startswith("#") or l == "landscape":
            continue
        if l == "break":
            brk = True
            continue
        kw, _, rest = l.partition(" ")
        if kw in ("title", "p"):
            style = "Title" if kw == "title" else "Body"
            if brk:
                body.append('  <text:p text:style-name="Brk"/>\n')
                brk = False
            body.append(para(rest, style))
        elif kw == "table":
            ntab += 1
            m = re.match(r"([\d.,]+)(?:\s+head=(\d+))?$", rest)
            widths = [float(w) for w in m.group(1).split(",")]
            head = int(m.group(2) or 0)
            name = "T%d" % ntab
            styles.append('  <style:style style:name="%s" style:family="table"><style:table-properties '
                          'style:width="%.2fcm" table:align="center"/></style:style>\n' % (name, sum(widths)))
            for k, w in enumerate(widths):
                styles.append('  <style:style style:name="%s.C%d" style:family="table-column">'
                              '<style:table-column-properties style:column-width="%.2fcm"/></style:style>\n'
                              % (name, k, w))
            if brk:
                body.append('  <text:p text:style-name="Brk"/>\n')
                brk = False
            body.append('  <table:table table:name="%s" table:style-name="%s">\n' % (name, name))
            for k in range(len(widths)):
                body.append('   <table:table-column table:style-name="%s.C%d"/>\n' % (name, k))
            rows = []
            while not lines[i].startswith("end"):
                if lines[i].startswith("|"):
                    rows.append(parse_row(lines[i]))
                i += 1
            i += 1
            for r, row in enumerate(rows):
                if head and r == 0:
                    body.append('   <table:table-header-rows>\n')
                body.append('   <table:table-row>\n')
                ncols = 0
                for text, cs, rs in row:
                    if text == "^":
                        body.append('    <table:covered-table-cell/>\n')
                        ncols += 1
                        continue
                    attrs = ""
                    if cs > 1:
                        attrs += ' table:number-columns-spanned="%d"' % cs
                    if rs > 1:
                        attrs += ' table:number-rows-spanned="%d"' % rs
                    ps = "".join(para(t, "Cell") for t in text.split("\\n"))
                    body.append('    <table:table-cell table:style-name="TC" office:value-type="string"%s>%s</table:table-cell>\n' % (attrs, ps))
                    body.append('    <table:covered-table-cell/>\n' * (cs - 1))
                    ncols += cs
                if ncols != len(widths):
                    sys.exit("make_tables: %s: row %d has %d columns, not %d" % (path, r + 1, ncols, len(widths)))
                body.append('   </table:table-row>\n')
                if head and r == head - 1:
                    body.append('   </table:table-header-rows>\n')
            body.append('  </table:table>\n')
        else:
            sys.exit("make_tables: %s: unknown directive '%s'" % (path, kw))
    w, h = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    return HEAD % (w, h, "landscape" if landscape else "portrait", "".join(styles)) + "".join(body) + TAIL


def variants():
    """fixtures/tables/src/variants.txt: (name, base, rule, [(old, new)])."""
    out, cur = [], None
    for line in open(os.path.join(SRC, "variants.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("== "):
            name, base, rule = line[3:].split()[:3]
            cur = (name, base, rule, [])
            out.append(cur)
        else:
            old, new = line.split(" => ")
            cur[3].append((old, new))
    return out


def sources():
    """Every .tbl, then every variant of one."""
    yield from sources_plain()
    base = dict(sources_plain())
    for name, b, rule, subs in variants():
        text = base[b]
        for old, new in subs:
            # cells are written with spaces around "|"; compare without them
            norm = lambda t: re.sub(r" *\| *", "|", t)
            lines = text.split("\n")
            hits = [k for k, l in enumerate(lines) if norm(old) in norm(l)]
            if len(hits) != 1:
                sys.exit("make_tables: variant %s: '%s' matches %d lines" % (name, old, len(hits)))
            k = hits[0]
            lines[k] = norm(lines[k]).replace(norm(old), norm(new)).replace("|", " | ").strip()
            text = "\n".join(lines)
        yield name, text


def sources_plain():
    for f in sorted(os.listdir(SRC)):
        if f.endswith(".tbl"):
            yield f[:-4], open(os.path.join(SRC, f), encoding="utf-8").read()


def main(names):
    os.makedirs(WORK, exist_ok=True)
    # --docx DIR: the same forms saved as DOCX (issue #15's twins) instead of printed
    to, dest = ("pdf", OUT)
    if names[:1] == ["--docx"]:
        to, dest, names = "docx", names[1], names[2:]
        os.makedirs(dest, exist_ok=True)
    for name, text in sources():
        if names and name not in names:
            continue
        tbl = os.path.join(WORK, name + ".tbl")
        open(tbl, "w", encoding="utf-8").write(text)
        fodt = os.path.join(WORK, name + ".fodt")
        open(fodt, "w", encoding="utf-8").write(build(tbl))
        subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", WORK, fodt],
                       check=True, stdout=subprocess.DEVNULL)
        tmp = os.path.join(dest, "." + name + ".tmp")
        shutil.copy(os.path.join(WORK, name + "." + to), tmp)
        os.replace(tmp, os.path.join(dest, name + "." + to))


if __name__ == "__main__":
    main(sys.argv[1:])

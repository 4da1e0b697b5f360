#!/usr/bin/env python3
"""make_fixtures.py - build the fixture PDFs from committed sources.

fixtures/src/seed.txt (the seed report, one paragraph a line) and
fixtures/src/variants.txt (substitutions) become flat ODT documents laid out
like a real government report - A4, 16 pt CJK serif (Noto Serif CJK SC),
about 25 characters a line, justified, first-line indent, "— N —" page
numbers in the footer - and LibreOffice (headless) turns each into
fixtures/NAME.pdf. Also writes the input-error fixtures in fixtures/bad/.

Dev-time only (needs libreoffice-writer, fonts-noto-cjk, qpdf); the PDFs
are committed so tests and CI need none of these.
"""
import os, re, shutil, subprocess, sys, zlib
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "fixtures", "src")
OUT = os.path.join(ROOT, "fixtures")
WORK = os.path.join(ROOT, "build", "fixtures")

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="CJK" svg:font-family="'Noto Serif CJK SC'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:line-height="150%" fo:text-align="justify"/>
   <style:text-properties style:font-name="CJK" fo:font-size="16pt"
     style:font-name-asian="CJK" style:font-size-asian="16pt"
     fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:text-indent="32pt"/>
  </style:style>
  <style:style style:name="Head" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:text-indent="32pt"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="22pt" style:font-size-asian="22pt"
     fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
     fo:margin-top="3.7cm" fo:margin-bottom="2.0cm" fo:margin-left="3.2cm" fo:margin-right="3.0cm"/>
   <style:footer-style><style:header-footer-properties fo:min-height="1cm" fo:margin-top="0.4cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
"""
FODT_TAIL = " </office:text></office:body>\n</office:document>\n"

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def fodt(paras):
    out = [FODT_HEAD]
    for i, p in enumerate(paras):
        if i in (1, 2):
            style = "Title"
        elif i == 0 or HEADING.match(p):
            style = "Head"
        else:
            style = "Body"
        out.append('  <text:p text:style-name="%s">%s</text:p>\n' % (style, escape(p)))
    out.append(FODT_TAIL)
    return "".join(out)


def variants():
    cur = None
    for line in open(os.path.join(SRC, "variants.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("== "):
            name, kind, what = re.match(r"== (\S+)\s+(\S+)\s+(.*)", line).groups()
            cur = {"name": name, "kind": kind, "what": what, "subs": []}
            yield_list.append(cur)
        else:
            old, new = line.split(" => ")
            cur["subs"].append((old, new))


yield_list = []


def apply(text, subs, name):
    for old, new in subs:
        n = text.count(old)
        if n != 1:
            sys.exit("make_fixtures: variant %s: '%s' matches %d times, not once" % (name, old, n))
        text = text.replace(old, new)
    return text


def convert(name, text, to="pdf", dest=OUT):
    path = os.path.join(WORK, name + ".fodt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(fodt(text.rstrip("\n").split("\n")))
    subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", WORK, path],
                   check=True, stdout=subprocess.DEVNULL)
    tmp = os.path.join(dest, "." + name + ".tmp")
    shutil.copy(os.path.join(WORK, name + "." + to), tmp)
    os.replace(tmp, os.path.join(dest, name + "." + to))


def image_only_pdf(path):
    """A one-page A4 PDF whose only content is a grey image: a scan without OCR."""
    w = h = 64
    pixels = bytes((x * 4 + y) % 256 for y in range(h) for x in range(w))
    img = zlib.compress(pixels)
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(img)) + img + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(bytes(out))


def main():
    os.makedirs(WORK, exist_ok=True)
    # --docx DIR: the same documents saved as DOCX (issue #15's twins) instead of printed
    to, dest = ("docx", sys.argv[2]) if sys.argv[1:2] == ["--docx"] else ("pdf", OUT)
    os.makedirs(dest, exist_ok=True)
    seed = open(os.path.join(SRC, "seed.txt"), encoding="utf-8").read()
    convert("seed", seed, to, dest)
    variants()
    for v in yield_list:
        convert(v["name"], apply(seed, v["subs"], v["name"]), to, dest)
    # other reports: every fixtures/src/*.txt but the seed
    for f in sorted(os.listdir(SRC)):
        if f.endswith(".txt") and f not in ("seed.txt", "variants.txt"):
            convert(f[:-4], open(os.path.join(SRC, f), encoding="utf-8").read(), to, dest)
    if to != "pdf":
        return
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)
    open(os.path.join(bad, "empty.pdf"), "wb").close()
    open(os.path.join(bad, "not-a-pdf.pdf"), "wb").write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    open(os.path.join(bad, "damaged.pdf"), "wb").write(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    image_only_pdf(os.path.join(bad, "scanned.pdf"))
    subprocess.run(["qpdf", "--encrypt", "budget", "owner", "256", "--",
                    os.path.join(OUT, "seed.pdf"), os.path.join(bad, "encrypted.pdf")], check=True)
    # the seed as GB18030 text (no BOM), read through iconv
    open(os.path.join(OUT, "seed-gb18030.txt"), "wb").write(seed.encode("gb18030"))


if __name__ == "__main__":
    main()

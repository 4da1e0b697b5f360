#!/usr/bin/env python3
"""hostile_zip.py DIR GOOD.docx GOOD.ofd - bad DOCX and OFD inputs for tests/formats.sh (#15).

Writes DIR/NAME.{docx,ofd} and DIR/expect.tsv: "NAME<TAB>error code" for each. Every one must
give a one-line error naming the file, that code in the JSON record, and exit 2 - never a
crash, a hang, a fetch from the network or a read of a local file through an entity.
"""
import os, sys, zipfile

out, good_docx, good_ofd = sys.argv[1:4]
expect = []

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(name, document, code, extra=()):
    with zipfile.ZipFile(os.path.join(out, name + ".docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        if document is not None:
            z.writestr("word/document.xml", document)
        for n, d in extra:
            z.writestr(n, d)
    expect.append((name + ".docx", code))


def body(inner):
    return '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, inner)


def para(t):
    return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % t


# a container cut short: its central directory is gone
for src, ext in ((good_docx, "docx"), (good_ofd, "ofd")):
    data = open(src, "rb").read()
    open(os.path.join(out, "truncated." + ext), "wb").write(data[: len(data) // 2])
    expect.append(("truncated." + ext, "damaged"))

docx("missing-part", None, "damaged")
docx("not-xml", "<w:document><w:body><w:p>", "damaged")
docx("no-body", '<?xml version="1.0"?><w:document %s/>' % W, "damaged")
# billion laughs: ten levels of ten references
ents = '<!ENTITY lol "lol">' + "".join(
    '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10) for i in range(1, 10))
docx("billion-laughs", '<?xml version="1.0"?><!DOCTYPE w:document [%s]><w:document %s><w:body>%s</w:body></w:document>'
     % (ents, W, para("&lol9;")), "damaged")
# quadratic blowup: one 100 kB entity referenced 20,000 times
docx("quadratic", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "%s">]><w:document %s><w:body>%s</w:body></w:document>'
     % ("a" * 100000, W, para("&a;" * 20000)), "damaged")
# an external entity: a local file and a network address must never be read
docx("external-entity", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">'
     '<!ENTITY y SYSTEM "http://192.0.2.1/x">]><w:document %s><w:body>%s</w:body></w:document>'
     % (W, para("&x;&y;")), "damaged")
# nesting deeper than libxml2 allows (256 without XML_PARSE_HUGE)
docx("deep-nesting", body("<w:sdt><w:sdtContent>" * 5000 + para("全年预算数 100 万元") + "</w:sdtContent></w:sdt>" * 5000),
     "damaged")
# a zip bomb: 100 MiB of text in a part that compresses to about 100 kB
with zipfile.ZipFile(os.path.join(out, "zip-bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", CT)
    with z.open("word/document.xml", "w") as f:
        f.write(('<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>' % W).encode())
        block = b" " * (1 << 20)
        for _ in range(100):
            f.write(block)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")
expect.append(("zip-bomb.docx", "too-large"))
# a ZIP that is neither
with zipfile.ZipFile(os.path.join(out, "neither.docx"), "w") as z:
    z.writestr("readme.txt", "全年预算数 100 万元")
expect.append(("neither.docx", "binary"))


def ofd(name, parts, code):
    with zipfile.ZipFile(os.path.join(out, name + ".ofd"), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in parts:
            z.writestr(n, d)
    expect.append((name + ".ofd", code))


NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
OFDXML = '<?xml version="1.0"?><ofd:OFD %s><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' % NS
DOC = ('<?xml version="1.0"?><ofd:Document %s><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
       '</ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>' % NS)


def page(inner):
    return '<?xml version="1.0"?><ofd:Page %s><ofd:Content><ofd:Layer ID="2">%s</ofd:Layer></ofd:Content></ofd:Page>' % (NS, inner)


ofd("no-docroot", [("OFD.xml", '<?xml version="1.0"?><ofd:OFD %s><ofd:DocBody/></ofd:OFD>' % NS)], "damaged")
ofd("missing-document", [("OFD.xml", OFDXML)], "damaged")
ofd("missing-page", [("OFD.xml", OFDXML), ("Doc_0/Document.xml", DOC)], "damaged")
ofd("page-not-xml", [("OFD.xml", OFDXML), ("Doc_0/Document.xml", DOC), ("Doc_0/Pages/Page_0/Content.xml", "<ofd:Page")],
    "damaged")
ofd("doctype", [("OFD.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + OFDXML[21:])],
    "damaged")
ofd("no-text", [("OFD.xml", OFDXML), ("Doc_0/Document.xml", DOC), ("Doc_0/Pages/Page_0/Content.xml",
    page('<ofd:PathObject ID="3" Boundary="10 10 50 50"><ofd:AbbreviatedData>M 0 0 L 50 0 L 50 50 C</ofd:AbbreviatedData></ofd:PathObject>'))],
    "no-text-layer")
# a repeat count of two thousand million in DeltaX: no allocation follows the count
ofd("g-bomb", [("OFD.xml", OFDXML), ("Doc_0/Document.xml", DOC), ("Doc_0/Pages/Page_0/Content.xml",
    page('<ofd:TextObject ID="3" Boundary="10 10 100 10" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 2000000000 5">'
         '全年预算数</ofd:TextCode></ofd:TextObject>'))], "ok")
# a page list of a million pages: over the page cap before anything is read
ofd("many-pages", [("OFD.xml", OFDXML), ("Doc_0/Document.xml", DOC.replace(
    '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>', '<ofd:Page BaseLoc="p.xml"/>' * 1000000))], "too-large")

with open(os.path.join(out, "expect.tsv"), "w") as f:
    for n, c in expect:
        f.write("%s\t%s\n" % (n, c))

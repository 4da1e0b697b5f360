#!/usr/bin/env python3
"""formpdf.py OUT.pdf - a one-page PDF with no text of its own: its words are a filled-in
form field's value and a free-text annotation (Chinese, UTF-16BE). For tests/safety.sh:
such a page is read, not reported as a scan."""
import sys


def utf16(s):
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


field = "全年预算数 100.00 万元，执行数 92.00 万元，完成预算数的 92.00%。"
note = "评价得分为 93 分，绩效等级为“优”。"
objs = [
    "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /NeedAppearances true >> >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R 5 0 R] >>",
    "<< /Type /Annot /Subtype /Widget /FT /Tx /T (figures) /Rect [50 700 545 760] /V %s /P 3 0 R >>" % utf16(field),
    "<< /Type /Annot /Subtype /FreeText /Rect [50 600 545 650] /Contents %s /DA (/Helv 12 Tf 0 g) /P 3 0 R >>"
    % utf16(note),
]
out = "%PDF-1.7\n"
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(out.encode("latin-1")))
    out += "%d 0 obj\n%s\nendobj\n" % (i, o)
xref = len(out.encode("latin-1"))
out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    out += "%010d 00000 n \n" % off
out += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out.encode("latin-1"))

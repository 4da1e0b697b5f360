#!/usr/bin/env python3
"""make_docx.py - write fixtures/word/tracked.docx, a draft as Word saves one (#15).

    python3 tools/make_docx.py OUT.docx

WordprocessingML written by hand (no LibreOffice), with what the reader must get right:
a tracked deletion (an old figure that must not be read) and insertion (the new one that
must), a complex field whose code computes the score (only its result is text), a page
Word recorded (w:lastRenderedPageBreak) before the indicator table, a table with a
vertically merged 一级指标 cell (w:vMerge) and a 总分 cell spanning columns (w:gridSpan),
a header part holding a figure (headers are not the report's text), a bookmark and a
hyperlink around runs, and a paragraph deleted whole. tests/formats.sh checks its facts.
"""
import sys, zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def run(t):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % t


def para(*parts, ppr=""):
    return "<w:p>%s%s</w:p>" % (ppr, "".join(parts))


def cell(text, w, extra=""):
    return '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr>%s</w:tc>' % (w, extra, para(run(text)) if text else "<w:p/>")


GRID = [1400, 1400, 1800, 1300, 1300, 900, 900]


def row(cells):
    return "<w:tr>%s</w:tr>" % "".join(cells)


def document():
    body = []
    body.append(para(run("某县农业农村局"), ppr='<w:pPr><w:jc w:val="center"/></w:pPr>'))
    body.append(para(run("2023年度高素质农民培育项目支出绩效自评报告"), ppr='<w:pPr><w:jc w:val="center"/></w:pPr>'))
    body.append(para(run("一、项目基本情况")))
    body.append(para(
        '<w:bookmarkStart w:id="0" w:name="budget"/>',
        run("本项目全年预算数 "),
        '<w:del w:id="1" w:author="审核" w:date="2024-03-01T09:00:00Z"><w:r><w:delText>150.00</w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="审核" w:date="2024-03-01T09:00:00Z">' + run("120.00") + '</w:ins>',
        run(" 万元，全年执行数 108.00 万元，完成预算数的 90.00%。"),
        '<w:bookmarkEnd w:id="0"/>'))
    # a paragraph deleted whole: its runs and its mark are deleted
    body.append('<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="审核" w:date="2024-03-01T09:00:00Z"/></w:rPr></w:pPr>'
                '<w:del w:id="4" w:author="审核" w:date="2024-03-01T09:00:00Z"><w:r><w:delText>'
                '原计划执行数 130.00 万元。</w:delText></w:r></w:del></w:p>')
    body.append(para(
        run("经自评，本项目自评得分 "),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> = 45 + 46.5 \\# "0.0" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run("91.5"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        run(" 分，绩效等级为“优”。详见"),
        '<w:hyperlink r:id="rIdLink">' + run("附表") + '</w:hyperlink>',
        run("。")))
    # Word laid the next paragraph out on page 2
    body.append(para('<w:r><w:lastRenderedPageBreak/><w:t>二、绩效指标完成情况</w:t></w:r>'))
    grid = "<w:tblGrid>%s</w:tblGrid>" % "".join('<w:gridCol w:w="%d"/>' % w for w in GRID)
    rows = [
        row([cell(t, w) for t, w in zip(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], GRID)]),
        row([cell("产出指标", GRID[0], '<w:vMerge w:val="restart"/>')] +
            [cell(t, w) for t, w in zip(["数量指标", "培训人数", "≥500人", "520人", "20", "20"], GRID[1:])]),
        row([cell("", GRID[0], "<w:vMerge/>")] +
            [cell(t, w) for t, w in zip(["质量指标", "培训合格率", "≥95%", "97%", "20", "20"], GRID[1:])]),
        row([cell("效益指标", GRID[0])] +
            [cell(t, w) for t, w in zip(["社会效益指标", "农民增收", "≥8%", "6.5%", "50", "41.5"], GRID[1:])]),
        row([cell("满意度指标", GRID[0])] +
            [cell(t, w) for t, w in zip(["服务对象满意度", "学员满意度", "≥90%", "96%", "10", "10"], GRID[1:])]),
        row([cell("总分", sum(GRID[:5]), '<w:gridSpan w:val="5"/>'), cell("100", GRID[5]), cell("91.5", GRID[6])]),
    ]
    body.append('<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/></w:tblPr>%s%s</w:tbl>' % (sum(GRID), grid, "".join(rows)))
    body.append(para(run("三、偏差原因：农民增收受农产品价格下行影响未达目标。")))
    body.append('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s</w:body></w:document>'
            % (W, "".join(body)))


def main():
    out = sys.argv[1]
    with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                   '<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.invalid/" TargetMode="External"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", document())
        z.writestr("word/header1.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr %s>%s</w:hdr>'
                   % (W, para(run("2023年度全年预算数 999.00 万元（页眉）"))))
    import os
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the table inputs of tests/import.rs (run from this folder; standard library only).

Two releases, in two formats:

The figures are those China News Service printed on 2018-08-08 from the Shanxi ecology and
environment department's briefing on January to July 2018 (sources.yaml:
zxw-2018-08-08-air-water-2018-07): the 11 prefecture-level cities' composite air quality
index, cleanest first. The tables are laid out as the department's attachments are (a title
row, then rank, city, figure), in our own words.

The water table is a saved web page holding an HTML table, from another release in another
format: the quarterly ranking of the 11 cities' surface water that China News Service printed
on 2017-08-21 from the provincial environmental protection department (sources.yaml:
zxw-2017-08-21-water-ranking-2017-q2, http://www.chinanews.com/sh/2017/08-21/8310095.shtml):
each city's average water quality index for the second quarter of 2017 (best first) and its
average improvement score, where Jinzhong had no improving section and so no score (a dash
here). The release prints the figures in running text; the table is ours."""

import zipfile

TITLE = "2018年1—7月山西省11个设区市环境空气质量综合指数及排名"
ROWS = [  # (rank, city, composite index as printed)
    (1, "大同", "5.10"), (2, "朔州", "5.57"), (3, "长治", "6.08"), (4, "忻州", "6.33"),
    (5, "吕梁", "6.50"), (6, "晋中", "6.69"), (7, "阳泉", "6.92"), (8, "运城", "6.98"),
    (9, "太原", "7.13"), (10, "晋城", "7.39"), (11, "临汾", "8.16"),
]


def xlsx(path):
    strings = [TITLE, "排名", "城市", "综合指数"] + [c for _, c, _ in ROWS]
    index = {s: i for i, s in enumerate(strings)}

    def text(ref, s):
        return f'<c r="{ref}" t="s"><v>{index[s]}</v></c>'

    def num(ref, v):
        return f'<c r="{ref}"><v>{v}</v></c>'

    rows = [f'<row r="1">{text("A1", TITLE)}</row>',
            f'<row r="2">{text("A2", "排名")}{text("B2", "城市")}{text("C2", "综合指数")}</row>']
    for n, (rank, city, value) in enumerate(ROWS, start=3):
        rows.append(f'<row r="{n}">{num(f"A{n}", rank)}{text(f"B{n}", city)}{num(f"C{n}", value)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>'
             f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
              + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="1-7月" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, (2018, 8, 8, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def csv(path, rows, encoding):
    lines = ["城市,排名,综合指数"] + [f"{city},{rank},{value}" for rank, city, value in rows]
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode(encoding))


xlsx("composite-2018-07.xlsx")
# As Excel in China saves CSV: GBK, CRLF, no title row.
csv("ranks-2018-07.csv", ROWS, "gbk")
# One figure changed (太原 7.13 → 7.31): must be refused as a conflict.
csv("composite-2018-07-conflict.csv",
    [(r, c, "7.31" if c == "太原" else v) for r, c, v in ROWS], "utf-8")


WATER_TITLE = "2017年第二季度山西省城市地表水环境质量排名"
WATER = [  # (city, average index, improvement score or None) as printed, best index first
    ("忻州", "0.914", "9.86"), ("长治", "0.800", "8.06"), ("阳泉", "0.760", "11.4"),
    ("晋中", "0.673", None), ("晋城", "0.667", "11.7"), ("朔州", "0.567", "11.8"),
    ("太原", "0.511", "12.4"), ("大同", "0.450", "10.0"), ("吕梁", "0.447", "9.88"),
    ("临汾", "0.375", "8.25"), ("运城", "0.300", "7.29"),
]


def water_page(path):
    rows = "".join(
        f"<tr><td>{n}</td><td>{city}</td><td>{index}</td><td>{score or '—'}</td></tr>\n"
        for n, (city, index, score) in enumerate(WATER, start=1))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{WATER_TITLE}</title></head>
<body>
<h1>{WATER_TITLE}</h1>
<p>按水环境质量平均指数由高到低排列，指数越高水质越好；改善平均值越高，改善越多。</p>
<table>
<caption>{WATER_TITLE}</caption>
<tr><th>排名</th><th>城市</th><th>水环境质量平均指数</th><th>水环境质量改善平均值</th></tr>
{rows}</table>
</body></html>
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


water_page("water-2017-q2.html")

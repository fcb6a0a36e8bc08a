"""Writes the corpus inputs that are not plain UTF-8 text: GBK, UTF-16 and BOM text
files, a GBK web page, two Word files and two PDFs (one with a text layer, one without).
The texts are written for these tests. Run from this folder: python3 make-binaries.py"""
import zipfile
from xml.sax.saxutils import escape

def write(name, data):
    open(name, 'wb').write(data)

write('gbk-web.txt', """首页 | 新闻 | 环保 | 专题 | 视频
长治市开展入河排污口排查整治
2022年6月14日 10:30  来源：长治日报
本报讯（记者 牛志强）6月13日，长治市启动入河排污口排查整治专项行动，计划年底前完成浊漳河流域全部排污口的排查。
排查工作采取无人机航测、人工徒步排查相结合的方式，做到有口皆查、应查尽查。
长治市生态环境局有关负责人表示，对排查出的问题排污口，将按照“一口一策”要求分类整治。
版权所有：长治日报社  晋ICP备00000001号
""".encode('gbk'))
write('utf16-web.txt', b'\xff\xfe' + """吕梁市加快推进矿山地质环境治理
发布时间：2023-04-20 15:00:12 来源：吕梁新闻网
吕梁讯（记者 贺文斌）记者从吕梁市自然资源局获悉，今年吕梁市将治理历史遗留矿山一百二十处，治理面积八百公顷，推进生态修复。
吕梁市将按照“谁治理、谁受益”的原则，引导社会资本参与矿山生态修复。
分享到：微信 微博 QQ空间
""".encode('utf-16-le'))
write('utf8-bom.txt', b'\xef\xbb\xbf' + """大同市空气质量综合指数全省排名第一
时间：2024-01-09
大同讯 记者从大同市生态环境局获悉，2023年大同市环境空气质量综合指数在全省十一个地级市中排名第一，优良天数达到三百一十天。
大同市持续推进工业企业深度治理，完成钢铁企业超低排放改造。
（记者 马骏）
""".encode('utf-8'))
write('page-gbk.htm', """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>临汾市推进工业企业超低排放改造 - 临汾新闻网</title></head>
<body>
<div id="menu">首页 | 本地 | 国内 | 国际 | 评论</div>
<div id="main">
<h1>临汾市推进工业企业超低排放改造</h1>
<p class="time">2023年3月15日 08:45 来源：临汾新闻网</p>
<div id="text">
<p>本报讯（记者 贾永红）3月14日，临汾市召开工业企业超低排放改造推进会，要求钢铁、焦化企业年底前全面完成超低排放改造任务。</p>
<p>临汾市是全省钢铁、焦化企业较为集中的地区。近年来，临汾市通过淘汰落后产能、推进深度治理，空气质量逐年改善。</p>
<p>会议强调，各县区要压实属地责任，对改造进度滞后的企业实行挂牌督办。</p>
<p>【打印】【关闭】</p>
</div></div>
<div id="foot">Copyright 2023 临汾新闻网 All Rights Reserved</div>
</body></html>
""".encode('gbk'))

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

def para(text, style=None):
    """A paragraph; **…** parts become bold runs."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
    runs = ''
    for k, part in enumerate(text.split('**')):
        if part:
            rpr = '<w:rPr><w:b/></w:rPr>' if k % 2 == 1 else ''
            runs += f'<w:r>{rpr}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
    return f'<w:p>{ppr}{runs}</w:p>'

def table(rows):
    cells = lambda r: ''.join(f'<w:tc>{para(c)}</w:tc>' for c in r)
    return '<w:tbl>' + ''.join(f'<w:tr>{cells(r)}</w:tr>' for r in rows) + '</w:tbl>'

def docx(name, body):
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    types = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', types)
        z.writestr('_rels/.rels', rels)
        z.writestr('word/document.xml', doc)

docx('word-title-table.docx',
     para('晋中市2024年空气质量持续改善', 'Title')
     + para('发布时间：2025-01-15  来源：晋中市生态环境局')
     + para('记者从晋中市生态环境局获悉，2024年晋中市环境空气质量综合指数为**4.35**，优良天数比例为百分之七十三，均好于年度目标。')
     + para('主要指标', 'Heading2')
     + para('全市细颗粒物年均浓度同比下降，臭氧污染得到有效控制。各县区空气质量情况见下表。')
     + table([['县区', '优良天数'], ['榆次区', '270'], ['太谷区', '265']])
     + para('下一步，晋中市将继续推进工业企业深度治理和扬尘管控，巩固空气质量改善成果。')
     + para('（记者 武丽芳）'))
docx('word-plain.docx',
     para('朔州市启动桑干河湿地保护工程')
     + para('本报朔州5月20日电（记者 常建军）朔州市日前启动桑干河湿地保护工程，计划用两年时间修复湿地一千二百公顷。')
     + para('工程将通过退耕还湿、生态补水和植被恢复等措施，提升湿地生态功能，为鸟类提供栖息地。')
     + para('朔州市林业局有关负责人说，湿地修复后将建设观鸟点和科普步道，向公众开放。')
     + para('来源：朔州日报')
     + para('责任编辑：李娜'))

def pdf(name, lines):
    """One page; the font is CID-keyed with CIDs equal to Unicode code points and a
    ToUnicode map, so a text extractor reads the lines back (no font is embedded)."""
    content = 'BT /F1 11 Tf 14 TL 40 780 Td\n'
    for line in lines:
        content += '<' + ''.join('%04X' % ord(c) for c in line) + '> Tj T*\n'
    content += 'ET\n'
    cmap = ('/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo '
            '<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def '
            '/CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n')
    ranges = [f'<{h:02X}00> <{h:02X}FF> <{h:02X}00>' for h in range(256)]
    for k in range(0, 256, 100):
        chunk = ranges[k:k + 100]
        cmap += f'{len(chunk)} beginbfrange\n' + '\n'.join(chunk) + '\nendbfrange\n'
    cmap += 'endcmap CMapName currentdict /CMap defineresource pop end end\n'
    objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        f'<< /Length {len(content.encode())} >>\nstream\n{content}endstream',
        '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>',
        '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /CIDToGIDMap /Identity >>',
        '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
        f'<< /Length {len(cmap.encode())} >>\nstream\n{cmap}endstream',
    ]
    out = b'%PDF-1.4\n'
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += f'{i + 1} 0 obj\n{body}\nendobj\n'.encode()
    xref = len(out)
    out += f'xref\n0 {len(objects) + 1}\n0000000000 65535 f \n'.encode()
    for o in offsets:
        out += f'{o:010d} 00000 n \n'.encode()
    out += f'trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n'.encode()
    write(name, out)

pdf('newspaper-text-layer.pdf', [
    '2025年4月18日  星期五',
    '山西经济日报  第3版  生态',
    '忻州滹沱河沿岸建成生态廊道',
    '本报忻州4月17日电（记者 闫志宏）忻州市滹沱河',
    '生态廊道建设工程日前完工，沿河建成绿道四十五公里，',
    '植树造林十二万株。',
    '据了解，生态廊道串联了沿岸六个乡镇，既改善了河道',
    '生态环境，也为群众提供了休闲场所。',
    '忻州市有关负责人表示，将加强廊道日常管护和绿化养护，',
    '确保建得好、管得住。',
])
pdf('scan-no-text.pdf', [])

# A Word file with a subtitle (styled Subtitle) and a table with its caption above it.
docx('word-subtitle-caption.docx',
     para('运城市盐湖生态保护取得新进展', 'Title')
     + para('——湖区周边新增湿地一千二百亩', 'Subtitle')
     + para('发布时间：2025-07-08  来源：运城市生态环境局')
     + para('记者从运城市生态环境局获悉，今年上半年，运城市在盐湖周边新建和恢复湿地一千二百亩，湖区水鸟种类明显增多。')
     + para('表1 盐湖周边湿地恢复情况')
     + table([['片区', '面积（亩）'], ['北岸', '700'], ['南岸', '500']])
     + para('运城市将继续推进盐湖周边工矿企业退出，加强湖区生态保护。'))

//! PDFs written here, in the forms government offices publish: a non-embedded
//! `STSong-Light` with `UniGB-UCS2-H` or `GBK-EUC-H`, and an embedded subset font with
//! a `ToUnicode` map and no space glyph; two pages with a running header and footer, a
//! headline over two lines, a paragraph running over the page break.

use super::*;
use std::io::Write;

/// The reader with the budget of one import.
fn read(bytes: &[u8]) -> Result<Input, String> {
    super::read(bytes, Budget::standard())
}

#[derive(Clone, Copy, PartialEq)]
enum FontKind {
    Ucs2,
    Gbk,
    /// Identity-H with a ToUnicode map; spaces are gaps (`TJ` offsets), not glyphs.
    Embedded,
}

/// A line drawn: x, baseline y, size, text.
type Drawn = (f64, f64, f64, &'static str);

/// Writes a PDF with one font, each page drawing its lines.
fn pdf(font: FontKind, pages: &[Vec<Drawn>]) -> Vec<u8> {
    pdf_with_streams(font, pages, None)
}

fn pdf_with_streams(font: FontKind, pages: &[Vec<Drawn>], raw_stream: Option<Vec<u8>>) -> Vec<u8> {
    // Identity codes: each character its own number, in order of appearance.
    let mut cids: Vec<char> = Vec::new();
    for page in pages {
        for (_, _, _, text) in page {
            for c in text.chars() {
                if c != ' ' && !cids.contains(&c) {
                    cids.push(c);
                }
            }
        }
    }
    let encode = |text: &str| -> String {
        // A TJ array: strings of codes, spaces as a kerning of half an em.
        let mut tj = String::from("[");
        for c in text.chars() {
            if c == ' ' && font == FontKind::Embedded {
                tj.push_str(" -500 ");
                continue;
            }
            let bytes: Vec<u8> = match font {
                FontKind::Ucs2 => c
                    .encode_utf16(&mut [0; 2])
                    .iter()
                    .flat_map(|u| u.to_be_bytes())
                    .collect(),
                FontKind::Gbk => encoding_rs::GBK.encode(&c.to_string()).0.into_owned(),
                FontKind::Embedded => {
                    let cid = cids.iter().position(|&x| x == c).unwrap_or(0) as u16 + 1;
                    cid.to_be_bytes().to_vec()
                }
            };
            tj.push('<');
            for b in bytes {
                tj.push_str(&format!("{b:02X}"));
            }
            tj.push('>');
        }
        tj.push(']');
        tj
    };
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 descendant, 5 ToUnicode, then page and content pairs.
    let first_page = 6;
    let kids: Vec<String> = (0..pages.len())
        .map(|k| format!("{} 0 R", first_page + 2 * k))
        .collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    let (encoding, base) = match font {
        FontKind::Ucs2 => ("/UniGB-UCS2-H", "/STSong-Light"),
        FontKind::Gbk => ("/GBK-EUC-H", "/STSong-Light"),
        FontKind::Embedded => ("/Identity-H", "/ABCDEF+SimSun"),
    };
    let to_unicode = if font == FontKind::Embedded {
        " /ToUnicode 5 0 R"
    } else {
        ""
    };
    objects.push(format!("<< /Type /Font /Subtype /Type0 /BaseFont {base} /Encoding {encoding} /DescendantFonts [4 0 R]{to_unicode} >>").into_bytes());
    // Half an em for ASCII, a whole one for the rest, as a subset font's widths say.
    let widths: Vec<&str> = cids
        .iter()
        .map(|c| if c.is_ascii() { "500" } else { "1000" })
        .collect();
    let widths = widths.join(" ");
    objects.push(format!("<< /Type /Font /Subtype /CIDFontType0 /BaseFont {base} /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 [{widths}]] >>").into_bytes());
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
    cmap.push_str(&format!("{} beginbfchar\n", cids.len()));
    for (k, c) in cids.iter().enumerate() {
        let units: String = c
            .encode_utf16(&mut [0; 2])
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect();
        cmap.push_str(&format!("<{:04X}> <{units}>\n", k + 1));
    }
    cmap.push_str("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end");
    objects.push(stream_object("", cmap.as_bytes()));
    for (k, page) in pages.iter().enumerate() {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>", first_page + 2 * k + 1).into_bytes());
        let content = match &raw_stream {
            Some(raw) => raw.clone(),
            None => {
                let mut s = String::from("BT\n");
                for (x, y, size, text) in page {
                    s.push_str(&format!(
                        "/F1 {size} Tf\n1 0 0 1 {x} {y} Tm\n{} TJ\n",
                        encode(text)
                    ));
                }
                s.push_str("ET\n");
                s.into_bytes()
            }
        };
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&content).expect("compress");
        objects.push(stream_object(
            "/Filter /FlateDecode",
            &z.finish().expect("compress"),
        ));
    }
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream_object(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// A two-page notice: a running header and a page-number footer on each page, a
/// headline over two centred lines, indented paragraphs (the second running over the
/// page break), a signature and a date set right.
fn notice() -> Vec<Vec<Drawn>> {
    let header = (200.0, 800.0, 10.5, "山西省生态环境厅办公室");
    vec![
        vec![
            header,
            (90.0, 720.0, 22.0, "关于做好2025年重污染天气应急"),
            (200.0, 690.0, 22.0, "减排清单修订工作的通知"),
            (72.0, 640.0, 16.0, "各市生态环境局："),
            (
                104.0,
                612.0,
                16.0,
                "为做好重污染天气应对工作，根据有关要求，现就修订",
            ),
            (72.0, 584.0, 16.0, "应急减排清单有关事项通知如下。"),
            (
                104.0,
                556.0,
                16.0,
                "一、各市要在10月31日前完成清单修订，PM2.5 and",
            ),
            (
                72.0,
                528.0,
                16.0,
                "PM10 limits apply，全面核实涉气企业的排放情况，确保",
            ),
            (
                72.0,
                500.0,
                16.0,
                "清单覆盖全部涉气企业，做到应纳尽纳，不留任何死角，对",
            ),
            (250.0, 60.0, 10.5, "第1页 共2页"),
        ],
        vec![
            header,
            (72.0, 740.0, 16.0, "照清单逐一落实减排措施。"),
            (
                104.0,
                712.0,
                16.0,
                "二、修订结果请于11月5日前报送我厅大气环境处。",
            ),
            (380.0, 650.0, 16.0, "山西省生态环境厅"),
            (390.0, 622.0, 16.0, "2025年9月28日"),
            (250.0, 60.0, 10.5, "第2页 共2页"),
        ],
    ]
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

/// What every font kind must give for [`notice`]: written before the reader was.
fn assert_notice(input: &Input) {
    let paras = paragraphs(&input.text);
    assert_eq!(
        input.title.as_deref(),
        Some("关于做好2025年重污染天气应急减排清单修订工作的通知"),
        "{}",
        input.text
    );
    assert_eq!(
        paras,
        [
            "关于做好2025年重污染天气应急减排清单修订工作的通知",
            "各市生态环境局：",
            "为做好重污染天气应对工作，根据有关要求，现就修订应急减排清单有关事项通知如下。",
            "一、各市要在10月31日前完成清单修订，PM2.5 and PM10 limits apply，全面核实涉气企业的排放情况，确保清单覆盖全部涉气企业，做到应纳尽纳，不留任何死角，对照清单逐一落实减排措施。",
            "二、修订结果请于11月5日前报送我厅大气环境处。",
            "山西省生态环境厅",
            "2025年9月28日",
        ],
        "{}",
        input.text
    );
    for running in ["山西省生态环境厅办公室", "第1页 共2页", "第2页 共2页"] {
        assert!(
            input.notes.iter().any(|n| n.ends_with(running)),
            "{running} not listed: {:?}",
            input.notes
        );
    }
}

#[test]
fn stsong_light_with_ucs2_cmap() {
    assert_notice(&read(&pdf(FontKind::Ucs2, &notice())).expect("read"));
}

#[test]
fn stsong_light_with_gbk_cmap() {
    assert_notice(&read(&pdf(FontKind::Gbk, &notice())).expect("read"));
}

#[test]
fn embedded_font_without_a_space_glyph() {
    assert_notice(&read(&pdf(FontKind::Embedded, &notice())).expect("read"));
}

#[test]
fn a_scan_is_refused_with_ocr() {
    let e = read(&pdf(FontKind::Ucs2, &[vec![]])).expect_err("no text");
    assert!(e.contains("OCR"), "{e}");
}

#[test]
fn a_stream_bomb_is_refused_at_the_limit() {
    let bomb = vec![b' '; (limits::INFLATED_BYTES + (1 << 20)) as usize];
    let e = read(&pdf_with_streams(FontKind::Ucs2, &[vec![]], Some(bomb))).expect_err("bomb");
    assert!(crate::messages::IMPORT_PDF_BOMB.is_said(&e), "{e}");
}

#[test]
fn too_many_pages_are_refused() {
    let pages = vec![Vec::new(); limits::PDF_PAGES + 1];
    let e = read(&pdf(FontKind::Ucs2, &pages)).expect_err("pages");
    assert!(
        crate::messages::IMPORT_PDF_TOO_MANY_PAGES.is_said(&e),
        "{e}"
    );
    assert!(e.contains(&format!("{} ", limits::PDF_PAGES + 1)), "{e}");
}

#[test]
fn damaged_pdfs_give_errors_or_text_never_a_panic() {
    let good = pdf(FontKind::Embedded, &notice());
    let mut rng = 0x2545F491u32;
    for cut in (0..good.len()).step_by(97) {
        let _ = read(&good[..cut]);
    }
    for _ in 0..300 {
        let mut bad = good.clone();
        for _ in 0..4 {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            let at = rng as usize % bad.len();
            bad[at] = (rng >> 8) as u8;
        }
        let _ = read(&bad);
    }
}

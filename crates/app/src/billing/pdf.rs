//! Lays out a translated, formatted invoice as an A4 PDF in the built-in Helvetica fonts.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

/// Everything printed on an invoice, already translated and formatted (amounts like "€ 1.234,56",
/// dates like "26-11-2026"): this module only lays it out.
pub struct InvoicePdf {
    pub title: String, // "Factuur"
    pub vendor_name: String,
    pub vendor_lines: Vec<String>, // address, phone, e-mail of the vendor (may be empty)
    pub customer_name: String,
    pub customer_lines: Vec<String>, // address lines of the customer organisation
    pub facts: Vec<(String, String)>, // label/value pairs: "Factuurnummer"/"2026-0042", "Factuurdatum"/..., "Vervaldatum"/..., "Status"/"Open"
    pub columns: [String; 4],         // "Omschrijving", "Aantal", "Prijs", "Bedrag"
    pub lines: Vec<[String; 4]>,      // one row per invoice line, same order as columns
    pub totals: Vec<(String, String)>, // "Subtotaal", "Btw 21%", "Totaal" with amounts; the last one is printed bold
    pub footer: String,                // e.g. payment instruction
}

/// A one- or more-page A4 PDF of the invoice.
pub fn render(invoice: &InvoicePdf) -> Vec<u8> {
    let mut layout = Layout::new(&invoice.footer);
    draw_parties(&mut layout, invoice);
    draw_lines(&mut layout, invoice);
    draw_totals(&mut layout, &invoice.totals);
    assemble(layout.finish())
}

// A4 in points; 20 mm margins.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.69;
const RIGHT: f32 = PAGE_WIDTH - MARGIN;
const CONTENT_WIDTH: f32 = RIGHT - MARGIN;
const BODY_SIZE: f32 = 9.0;
const LEADING: f32 = 12.0;
const NUMERIC_COLUMN_WIDTH: f32 = 80.0;
const FACTS_WIDTH: f32 = 200.0;
// The description column ends where the three numeric columns begin, minus a gap.
const DESCRIPTION_WIDTH: f32 = CONTENT_WIDTH - 3.0 * NUMERIC_COLUMN_WIDTH - 12.0;
// Right edges of "Aantal", "Prijs" and "Bedrag".
const NUMERIC_RIGHTS: [f32; 3] = [
    RIGHT - 2.0 * NUMERIC_COLUMN_WIDTH,
    RIGHT - NUMERIC_COLUMN_WIDTH,
    RIGHT,
];

#[derive(Clone, Copy)]
enum Font {
    Regular,
    Bold,
}

impl Font {
    fn resource_name(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
        }
    }

    /// Width in points of `text` at `size`, as the viewer will set it (same byte mapping).
    fn width(self, text: &str, size: f32) -> f32 {
        let table = match self {
            Font::Regular => &HELVETICA_WIDTHS,
            Font::Bold => &HELVETICA_BOLD_WIDTHS,
        };
        let units: u32 = to_winansi(text)
            .iter()
            .filter_map(|&byte| {
                usize::from(byte)
                    .checked_sub(32)
                    .and_then(|index| table.get(index))
            })
            .map(|&units| u32::from(units))
            .sum();
        units as f32 * size / 1000.0
    }
}

/// Collects page content streams and keeps the cursor (`y` is the baseline of the next line).
struct Layout {
    pages: Vec<Vec<u8>>,
    content: Content,
    y: f32,
    footer: Vec<String>,
}

impl Layout {
    fn new(footer: &str) -> Self {
        Layout {
            pages: Vec::new(),
            content: Content::new(),
            y: PAGE_HEIGHT - MARGIN - BODY_SIZE,
            footer: wrap(footer, Font::Regular, BODY_SIZE, CONTENT_WIDTH),
        }
    }

    /// Whether `count` more lines from `y` down stay clear of the footer (one blank line between).
    fn fits_lines(&self, count: usize) -> bool {
        let last_baseline = self.y - count.saturating_sub(1) as f32 * LEADING;
        last_baseline >= MARGIN + (self.footer.len() as f32 + 1.0) * LEADING
    }

    fn text(&mut self, font: Font, size: f32, x: f32, baseline: f32, text: &str) {
        self.content
            .begin_text()
            .set_font(font.resource_name(), size)
            .next_line(x, baseline)
            .show(Str(&to_winansi(text)))
            .end_text();
    }

    fn text_right(&mut self, font: Font, size: f32, right: f32, baseline: f32, text: &str) {
        let x = right - font.width(text, size);
        self.text(font, size, x, baseline, text);
    }

    fn rule(&mut self, from: f32, to: f32, y: f32) {
        self.content
            .set_line_width(0.5)
            .move_to(from, y)
            .line_to(to, y)
            .stroke();
    }

    fn new_page(&mut self) {
        self.close_page();
        self.y = PAGE_HEIGHT - MARGIN - BODY_SIZE;
    }

    fn close_page(&mut self) {
        // The footer sits on the bottom margin, growing upwards when it wraps.
        let footer = self.footer.clone();
        for (lines_below, line) in footer.iter().rev().enumerate() {
            let baseline = MARGIN + lines_below as f32 * LEADING;
            self.text(Font::Regular, BODY_SIZE, MARGIN, baseline, line);
        }
        let content = std::mem::replace(&mut self.content, Content::new());
        self.pages.push(content.finish().into_vec());
    }

    fn finish(mut self) -> Vec<Vec<u8>> {
        self.close_page();
        self.pages
    }
}

/// Vendor with the title beside it, then the customer with the invoice facts beside it.
fn draw_parties(layout: &mut Layout, invoice: &InvoicePdf) {
    let left_width = CONTENT_WIDTH - FACTS_WIDTH - 20.0;
    let top = PAGE_HEIGHT - MARGIN - 16.0;
    layout.text(Font::Bold, 16.0, MARGIN, top, &invoice.vendor_name);
    layout.text_right(Font::Bold, 20.0, RIGHT, top, &invoice.title);
    let mut left = top - 4.0;
    for line in wrap_all(&invoice.vendor_lines, left_width) {
        left -= LEADING;
        layout.text(Font::Regular, BODY_SIZE, MARGIN, left, &line);
    }

    let band = left - 3.0 * LEADING;
    layout.text(Font::Bold, BODY_SIZE, MARGIN, band, &invoice.customer_name);
    let mut left = band;
    for line in wrap_all(&invoice.customer_lines, left_width) {
        left -= LEADING;
        layout.text(Font::Regular, BODY_SIZE, MARGIN, left, &line);
    }
    let mut right = band;
    for (label, value) in &invoice.facts {
        layout.text(Font::Regular, BODY_SIZE, RIGHT - FACTS_WIDTH, right, label);
        layout.text_right(Font::Regular, BODY_SIZE, RIGHT, right, value);
        right -= LEADING;
    }
    layout.y = left.min(right + LEADING) - 3.0 * LEADING;
}

fn draw_column_header(layout: &mut Layout, columns: &[String; 4]) {
    let y = layout.y;
    layout.text(Font::Bold, BODY_SIZE, MARGIN, y, &columns[0]);
    for (title, right) in columns.iter().skip(1).zip(NUMERIC_RIGHTS) {
        layout.text_right(Font::Bold, BODY_SIZE, right, y, title);
    }
    layout.rule(MARGIN, RIGHT, y - 4.0);
    layout.y -= LEADING + 6.0;
}

/// Breaks pages between wrapped description lines, so even a very long description cannot
/// overflow a page; the numbers stay on the row's first line.
fn draw_lines(layout: &mut Layout, invoice: &InvoicePdf) {
    draw_column_header(layout, &invoice.columns);
    for row in &invoice.lines {
        let description = wrap(&row[0], Font::Regular, BODY_SIZE, DESCRIPTION_WIDTH);
        for (index, text) in description.iter().enumerate() {
            if !layout.fits_lines(1) {
                layout.new_page();
                draw_column_header(layout, &invoice.columns);
            }
            let y = layout.y;
            layout.text(Font::Regular, BODY_SIZE, MARGIN, y, text);
            if index == 0 {
                for (value, right) in row.iter().skip(1).zip(NUMERIC_RIGHTS) {
                    layout.text_right(Font::Regular, BODY_SIZE, right, y, value);
                }
            }
            layout.y -= LEADING;
        }
        layout.y -= 2.0;
    }
}

/// Labels right-aligned against the "Prijs" column, amounts under "Bedrag"; kept on one page.
fn draw_totals(layout: &mut Layout, totals: &[(String, String)]) {
    if !layout.fits_lines(totals.len() + 1) {
        layout.new_page();
    }
    let rule_y = layout.y + LEADING - 4.0;
    layout.rule(NUMERIC_RIGHTS[0], RIGHT, rule_y);
    layout.y -= 4.0;
    for (index, (label, amount)) in totals.iter().enumerate() {
        let font = if index + 1 == totals.len() {
            Font::Bold
        } else {
            Font::Regular
        };
        let y = layout.y;
        layout.text_right(font, BODY_SIZE, NUMERIC_RIGHTS[1], y, label);
        layout.text_right(font, BODY_SIZE, RIGHT, y, amount);
        layout.y -= LEADING;
    }
}

/// Writes the document: fonts, page tree and one uncompressed content stream per page.
fn assemble(page_streams: Vec<Vec<u8>>) -> Vec<u8> {
    let mut ids = Ref::new(1);
    let (catalog_id, tree_id) = (ids.bump(), ids.bump());
    let (regular_id, bold_id) = (ids.bump(), ids.bump());
    let page_ids: Vec<(Ref, Ref)> = page_streams
        .iter()
        .map(|_| (ids.bump(), ids.bump()))
        .collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|&(page_id, _)| page_id))
        .count(page_ids.len() as i32);
    for (id, base_font) in [
        (regular_id, Name(b"Helvetica")),
        (bold_id, Name(b"Helvetica-Bold")),
    ] {
        // Standard 14 fonts need no embedding; WinAnsi makes bytes 0x80..=0xFF mean cp1252.
        pdf.type1_font(id)
            .base_font(base_font)
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for ((page_id, content_id), stream) in page_ids.iter().zip(&page_streams) {
        let mut page = pdf.page(*page_id);
        page.parent(tree_id)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(*content_id);
        page.resources()
            .fonts()
            .pair(Font::Regular.resource_name(), regular_id)
            .pair(Font::Bold.resource_name(), bold_id);
        page.finish();
        pdf.stream(*content_id, stream);
    }
    pdf.finish()
}

fn wrap_all(lines: &[String], max_width: f32) -> Vec<String> {
    lines
        .iter()
        .flat_map(|line| wrap(line, Font::Regular, BODY_SIZE, max_width))
        .collect()
}

/// Greedy word wrap; a single word wider than the column is cut between characters so it
/// never runs into the next column. Always returns at least one (possibly empty) line.
fn wrap(text: &str, font: Font, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if font.width(&candidate, size) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        for ch in word.chars() {
            current.push(ch);
            if current.chars().count() > 1 && font.width(&current, size) > max_width {
                current.pop();
                lines.push(std::mem::replace(&mut current, ch.to_string()));
            }
        }
    }
    if lines.is_empty() || !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// cp1252 bytes for `text`: the base fonts cannot show anything else, so the rest becomes '?'.
fn to_winansi(text: &str) -> Vec<u8> {
    text.chars().map(winansi_byte).collect()
}

fn winansi_byte(ch: char) -> u8 {
    match ch {
        ' '..='~' | '\u{A0}'..='\u{FF}' => ch as u8,
        // Thin and figure spaces appear in some locales' number formats.
        '\u{2007}' | '\u{202F}' => 0xA0,
        '\u{2212}' => b'-',
        _ => CP1252_80_TO_9F
            .iter()
            .position(|&mapped| mapped == ch)
            .map_or(b'?', |offset| 0x80 + offset as u8),
    }
}

// What cp1252 puts at 0x80..=0x9F; '?' marks the five unused codes (never matched: '?' is ASCII).
#[rustfmt::skip]
const CP1252_80_TO_9F: [char; 32] = [
    '€', '?', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '?', 'Ž', '?',
    '?', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '?', 'ž', 'Ÿ',
];

// Advance widths (1/1000 em) of the WinAnsi codes 0x20..=0xFF, 16 per row, from Adobe's AFM files.
#[rustfmt::skip]
const HELVETICA_WIDTHS: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

#[rustfmt::skip]
const HELVETICA_BOLD_WIDTHS: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice_with_lines(count: usize) -> InvoicePdf {
        let line = |n: usize| {
            let description = format!("Consultancy café ëïé werkzaamheden, regel {n}");
            [
                description,
                "2".into(),
                "€ 617,28".into(),
                "€ 1.234,56".into(),
            ]
        };
        InvoicePdf {
            title: "Factuur".into(),
            vendor_name: "Balie B.V.".into(),
            vendor_lines: vec![
                "Kerkstraat 1, 1234 AB Utrecht".into(),
                "info@balie.example".into(),
            ],
            customer_name: "Klant Één B.V.".into(),
            customer_lines: vec!["Dorpsweg 12".into(), "5678 CD Zwolle".into()],
            facts: vec![
                ("Factuurnummer".into(), "2026-0042".into()),
                ("Factuurdatum".into(), "26-11-2026".into()),
                ("Vervaldatum".into(), "26-12-2026".into()),
                ("Status".into(), "Open".into()),
            ],
            columns: [
                "Omschrijving".into(),
                "Aantal".into(),
                "Prijs".into(),
                "Bedrag".into(),
            ],
            lines: (1..=count).map(line).collect(),
            totals: vec![
                ("Subtotaal".into(), "€ 1.234,56".into()),
                ("Btw 21%".into(), "€ 259,26".into()),
                ("Totaal".into(), "€ 1.493,82".into()),
            ],
            footer:
                "Gelieve het totaalbedrag binnen 30 dagen over te maken o.v.v. het factuurnummer."
                    .into(),
        }
    }

    fn page_count(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
    }

    #[test]
    fn output_is_a_complete_pdf_with_readable_title() {
        let pdf = render(&invoice_with_lines(3));
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(String::from_utf8_lossy(&pdf).trim_end().ends_with("%%EOF"));
        assert!(
            pdf.windows(b"Factuur".len())
                .any(|window| window == b"Factuur")
        );
        assert_eq!(page_count(&pdf), 1);
    }

    #[test]
    fn sixty_lines_continue_on_a_second_page() {
        assert!(page_count(&render(&invoice_with_lines(60))) >= 2);
    }

    #[test]
    fn text_is_mapped_to_cp1252() {
        assert_eq!(
            to_winansi("€ 1.234,56 café"),
            b"\x80 1.234,56 caf\xe9".to_vec()
        );
        assert_eq!(to_winansi("ëï\u{2019}—"), vec![0xEB, 0xEF, 0x92, 0x97]);
        assert_eq!(to_winansi("✓\u{81}"), b"??".to_vec());
    }

    #[test]
    fn right_alignment_uses_the_helvetica_widths() {
        assert_eq!(Font::Regular.width("€ 1.234,56", 1000.0), 4726.0);
        assert_eq!(Font::Bold.width("26-11-2026", 1000.0), 5114.0);
    }

    #[test]
    fn long_descriptions_wrap_within_the_column() {
        let text = "een zeer lange omschrijving ".repeat(10) + &"x".repeat(200);
        let lines = wrap(&text, Font::Regular, BODY_SIZE, DESCRIPTION_WIDTH);
        assert!(lines.len() > 2);
        assert!(
            lines
                .iter()
                .all(|line| Font::Regular.width(line, BODY_SIZE) <= DESCRIPTION_WIDTH)
        );
        assert_eq!(
            wrap("", Font::Regular, BODY_SIZE, 100.0),
            vec![String::new()]
        );
    }
}

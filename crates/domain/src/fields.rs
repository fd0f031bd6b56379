//! Custom fields of ticket forms (C1, D6): what kinds there are, and how a typed value becomes
//! the value kept with a ticket. A nested drop-down's options are written "A > B" and shown so.

use crate::text::{Line, Text};
use crate::{DomainError, Language};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Multiline,
    Dropdown,
    /// A drop-down of "group > choice" options.
    Nested,
    Checkbox,
    Date,
    Number,
}

impl FieldKind {
    pub const ALL: [FieldKind; 7] = [
        FieldKind::Text,
        FieldKind::Multiline,
        FieldKind::Dropdown,
        FieldKind::Nested,
        FieldKind::Checkbox,
        FieldKind::Date,
        FieldKind::Number,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Multiline => "multiline",
            FieldKind::Dropdown => "dropdown",
            FieldKind::Nested => "nested",
            FieldKind::Checkbox => "checkbox",
            FieldKind::Date => "date",
            FieldKind::Number => "number",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        FieldKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Dropdown | FieldKind::Nested)
    }
}

/// A field of a ticket form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketField {
    pub id: crate::FieldId,
    pub form: crate::FormId,
    pub label: crate::Bilingual,
    pub kind: FieldKind,
    pub required: bool,
    /// The choices of a drop-down, in order.
    pub options: Vec<String>,
}

const MAX_TEXT: usize = 500;
const MAX_MULTILINE: usize = 5_000;

impl TicketField {
    pub fn label(&self, lang: Language) -> &str {
        self.label.get(lang)
    }

    /// The value to keep for what was typed or chosen: `None` when left empty (and allowed).
    pub fn parse(&self, raw: &str, lang: Language) -> Result<Option<String>, DomainError> {
        let raw = raw.trim();
        let refuse =
            |key: &'static str| DomainError::on_field(key, "custom").about(self.label(lang));
        if raw.is_empty() || (self.kind == FieldKind::Checkbox && raw == "false") {
            return if self.required {
                Err(refuse("error-custom-required"))
            } else {
                Ok(None)
            };
        }
        let value = match self.kind {
            FieldKind::Text | FieldKind::Multiline => {
                let max = if self.kind == FieldKind::Text {
                    MAX_TEXT
                } else {
                    MAX_MULTILINE
                };
                if raw.chars().count() > max {
                    return Err(refuse("error-custom-too-long"));
                }
                // One line where the input has one, and text either way.
                let kept = if self.kind == FieldKind::Text {
                    Line::parse(raw).map(String::from)
                } else {
                    Text::parse(raw).map(String::from)
                };
                kept.map_err(|_| refuse("error-custom-text"))?
            }
            FieldKind::Dropdown | FieldKind::Nested => {
                if !self.options.iter().any(|o| o == raw) {
                    return Err(refuse("error-custom-choice"));
                }
                raw.to_string()
            }
            FieldKind::Checkbox => "true".to_string(),
            FieldKind::Date => match raw.parse::<jiff::civil::Date>() {
                Ok(date) => date.to_string(),
                Err(_) => return Err(refuse("error-custom-date")),
            },
            FieldKind::Number => {
                let normal = raw.replace(',', ".");
                match normal.parse::<f64>() {
                    Ok(n) if n.is_finite() && normal.len() <= 20 => normal,
                    _ => return Err(refuse("error-custom-number")),
                }
            }
        };
        Ok(Some(value))
    }
}

/// Reads options written one a line; blank lines and doubles are dropped.
pub fn parse_options(text: &str) -> Vec<String> {
    let mut options: Vec<String> = vec![];
    for line in text.lines() {
        // "A>B", "A >B" and "A > B" are the same nested choice.
        let parts: Vec<&str> = line.split('>').map(str::trim).collect();
        let option = parts.join(" > ");
        if !option.is_empty() && !parts.iter().any(|p| p.is_empty()) && !options.contains(&option) {
            options.push(option);
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind, required: bool, options: &[&str]) -> TicketField {
        TicketField {
            id: crate::FieldId(1),
            form: crate::FormId(1),
            label: crate::Bilingual::new("Onderdeel", "Part"),
            kind,
            required,
            options: options.iter().map(|o| o.to_string()).collect(),
        }
    }

    #[test]
    fn required_fields_name_themselves_when_empty() {
        let f = field(FieldKind::Text, true, &[]);
        let e = f.parse("  ", Language::Nl).unwrap_err();
        assert_eq!(
            (e.key, e.about.as_deref()),
            ("error-custom-required", Some("Onderdeel"))
        );
        assert_eq!(
            field(FieldKind::Text, false, &[]).parse("", Language::Nl),
            Ok(None)
        );
        let check = field(FieldKind::Checkbox, true, &[]);
        assert!(check.parse("false", Language::En).is_err());
        assert_eq!(check.parse("on", Language::En), Ok(Some("true".into())));
    }

    #[test]
    fn text_fields_keep_to_text_and_one_line_keeps_to_one_line() {
        let line = field(FieldKind::Text, false, &[]);
        let lines = field(FieldKind::Multiline, false, &[]);
        let key = |r: Result<Option<String>, DomainError>| r.unwrap_err().key;
        assert_eq!(key(line.parse("a\nb", Language::Nl)), "error-custom-text");
        assert_eq!(
            key(lines.parse("a\u{0}b", Language::Nl)),
            "error-custom-text"
        );
        assert_eq!(
            lines.parse("a\r\nb", Language::Nl).unwrap().as_deref(),
            Some("a\nb")
        );
    }

    #[test]
    fn choices_dates_and_numbers_are_checked() {
        let nested = field(
            FieldKind::Nested,
            false,
            &["Agenda > Afspraken", "Declaraties > Vektis"],
        );
        assert_eq!(
            nested.parse("Agenda > Afspraken", Language::Nl),
            Ok(Some("Agenda > Afspraken".into()))
        );
        assert!(nested.parse("Agenda > Iets anders", Language::Nl).is_err());
        let date = field(FieldKind::Date, false, &[]);
        assert_eq!(
            date.parse("2026-12-01", Language::Nl),
            Ok(Some("2026-12-01".into()))
        );
        assert!(date.parse("31-02-2026", Language::Nl).is_err());
        let number = field(FieldKind::Number, false, &[]);
        assert_eq!(number.parse("3,5", Language::Nl), Ok(Some("3.5".into())));
        for bad in ["drie", "NaN", "inf", "1e400"] {
            assert!(number.parse(bad, Language::Nl).is_err(), "{bad}");
        }
        let text = field(FieldKind::Text, false, &[]);
        assert!(text.parse(&"x".repeat(501), Language::Nl).is_err());
    }

    #[test]
    fn options_are_read_one_a_line() {
        assert_eq!(
            parse_options("Agenda>Afspraken\n\n Agenda >  Afspraken \nDeclaraties > Vektis\n >x"),
            ["Agenda > Afspraken", "Declaraties > Vektis"]
        );
    }
}

//! Text as it enters Balie, from a form, a query string, an e-mail or an API body. A person's
//! text never holds NUL or other control characters: PostgreSQL cannot store NUL, and the others
//! are invisible on a page and can break a mail header. Three kinds:
//!
//! - [`Line`]: one line (a subject, a name); a tab (pasted from a spreadsheet) becomes a space,
//!   every other control character and line break is refused: a browser's one-line input
//!   cannot produce a line break.
//! - [`Text`]: several lines (a description, a reply); tab and line breaks are kept, `\r\n`, a
//!   lone `\r` and the Unicode line and paragraph separators become `\n`, every other control
//!   character is refused.
//! - [`SearchText`]: what someone searches for; nothing is refused, control characters are taken
//!   out, since the person only wants their words found.
//!
//! A refusal is [`TextRefused`]; the edge that read the text names the field it came from.

use std::fmt;
use std::ops::Deref;

/// The translation key of the message for a refused text.
pub const TEXT_REFUSED_KEY: &str = "error-text-refused";

/// A text held a character that does not belong in a person's text (or was not UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRefused;

impl fmt::Display for TextRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(TEXT_REFUSED_KEY)
    }
}

impl std::error::Error for TextRefused {}

/// The Unicode line and paragraph separators: line breaks that are not control characters.
const SEPARATORS: [char; 2] = ['\u{2028}', '\u{2029}'];

/// Whether `c` may stand in a text of several lines.
fn allowed_in_text(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// Whether `raw` could be a text of several lines: no control characters but tab and line breaks.
/// The check for raw form fields before they are read into their typed form.
pub fn check_text(raw: &str) -> Result<(), TextRefused> {
    if raw.chars().all(allowed_in_text) {
        Ok(())
    } else {
        Err(TextRefused)
    }
}

/// One line of text, without any control character.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Line(String);

impl Line {
    pub fn parse(raw: impl Into<String>) -> Result<Self, TextRefused> {
        let raw = raw.into();
        let refused = |c: char| (c.is_control() && c != '\t') || SEPARATORS.contains(&c);
        if raw.chars().any(refused) {
            return Err(TextRefused);
        }
        if raw.contains('\t') {
            return Ok(Line(raw.replace('\t', " ")));
        }
        Ok(Line(raw))
    }

    /// A line from text that needs no refusal (a stored value, shown in a form again): control
    /// characters that separate words become a space, the others are taken out.
    pub fn clean(raw: &str) -> Self {
        Line(without_controls(raw, |_| false).replace(SEPARATORS, " "))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Text of several lines, with `\n` as the only line break.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    pub fn parse(raw: impl Into<String>) -> Result<Self, TextRefused> {
        let raw = raw.into();
        check_text(&raw)?;
        if !raw.contains(['\r', '\u{2028}', '\u{2029}']) {
            return Ok(Text(raw));
        }
        Ok(Text(
            raw.replace("\r\n", "\n")
                .replace(['\r', '\u{2028}', '\u{2029}'], "\n"),
        ))
    }

    /// A text from text that needs no refusal (a stored value, shown in a form again): other
    /// control characters than tab and line breaks are taken out.
    pub fn clean(raw: &str) -> Self {
        let kept = without_controls(raw, |c| matches!(c, '\t' | '\n' | '\r'));
        Text::parse(kept).unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Words to search for: control characters out (those that separate words become a space),
/// the rest as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchText(String);

impl SearchText {
    pub fn new(raw: &str) -> Self {
        SearchText(without_controls(raw, |_| false))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `raw` without its control characters but those `keep` keeps; one that separates words
/// becomes a space.
fn without_controls(raw: &str, keep: impl Fn(char) -> bool) -> String {
    if !raw.chars().any(char::is_control) {
        return raw.to_string();
    }
    raw.chars()
        .filter_map(|c| match c {
            c if !c.is_control() || keep(c) => Some(c),
            c if c.is_whitespace() => Some(' '),
            _ => None,
        })
        .collect()
}

macro_rules! text_traits {
    ($ty:ident) => {
        impl Deref for $ty {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$ty> for String {
            fn from(t: $ty) -> String {
                t.0
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

text_traits!(Line);
text_traits!(Text);
text_traits!(SearchText);

/// Reads a text kind from any serde format (a form, a query, JSON). A refusal's message is
/// [`TEXT_REFUSED_KEY`], so the reader can tell it from a malformed body and name the field.
mod de {
    use super::{Line, SearchText, Text};
    use serde::de::{Deserialize, Deserializer, Error};

    impl<'de> Deserialize<'de> for Line {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Line::parse(String::deserialize(d)?).map_err(D::Error::custom)
        }
    }

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Text::parse(String::deserialize(d)?).map_err(D::Error::custom)
        }
    }

    impl<'de> Deserialize<'de> for SearchText {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(SearchText::new(&String::deserialize(d)?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_takes_a_tab_as_a_space_and_refuses_other_control_characters() {
        assert_eq!(
            Line::parse("Printer doet het niet").unwrap(),
            "Printer doet het niet"
        );
        for bad in [
            "a\0b",
            "a\nb",
            "a\rb",
            "a\u{7f}b",
            "a\u{85}b",
            "\u{1b}[31m",
            "a\u{2028}b",
        ] {
            assert_eq!(Line::parse(bad), Err(TextRefused), "{bad:?}");
        }
        assert_eq!(
            Line::parse("Jansen\tAnna").unwrap(),
            "Jansen Anna",
            "a pasted cell"
        );
        assert_eq!(Line::parse("Zoë — één € ✓ 👍").unwrap(), "Zoë — één € ✓ 👍");
    }

    #[test]
    fn a_text_keeps_tabs_and_line_breaks_and_refuses_the_rest() {
        let t = Text::parse("Regel 1\r\nRegel 2\rRegel 3\n\tingesprongen\u{2028}4").unwrap();
        assert_eq!(t, "Regel 1\nRegel 2\nRegel 3\n\tingesprongen\n4");
        for bad in ["a\0b", "a\u{8}b", "a\u{c}b", "a\u{1f}b", "a\u{9b}b"] {
            assert_eq!(Text::parse(bad), Err(TextRefused), "{bad:?}");
            assert_eq!(check_text(bad), Err(TextRefused));
        }
    }

    #[test]
    fn a_search_takes_control_characters_out() {
        assert_eq!(SearchText::new("a\0b"), "ab");
        assert_eq!(SearchText::new("zorg\tmail\r\n"), "zorg mail  ");
        assert_eq!(SearchText::new("gewoon"), "gewoon");
        assert_eq!(Line::clean("a\tb\0c"), "a bc");
        assert_eq!(Text::clean("a\r\nb\0c\td"), "a\nbc\td");
    }

    #[test]
    fn a_refusal_read_by_serde_carries_the_message_key() {
        use serde::de::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        assert_eq!(TextRefused.to_string(), TEXT_REFUSED_KEY);
        let d: StrDeserializer<'_, Error> = StrDeserializer::new("a\0b");
        assert_eq!(
            Line::deserialize(d).unwrap_err().to_string(),
            TEXT_REFUSED_KEY
        );
    }
}

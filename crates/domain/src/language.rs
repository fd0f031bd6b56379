//! The two languages of the portal. Dutch is the default.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    Nl,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// Reads a language code such as `nl`, `en`, `en-GB` or `NL`; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Language::Nl),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header, in the order the browser gives.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut tagged: Vec<(f32, usize, Language)> = header
            .split(',')
            .enumerate()
            .filter_map(|(pos, part)| {
                let mut bits = part.split(';');
                let lang = Language::from_code(bits.next()?)?;
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, pos, lang))
            })
            .collect();
        tagged.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        tagged.first().map(|t| t.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_and_regions() {
        assert_eq!(Language::from_code("en-GB"), Some(Language::En));
        assert_eq!(Language::from_code("NL"), Some(Language::Nl));
        assert_eq!(Language::from_code("de"), None);
    }

    #[test]
    fn accept_language_follows_quality() {
        assert_eq!(
            Language::from_accept_language("de-DE,en;q=0.5,nl;q=0.9"),
            Some(Language::Nl)
        );
        assert_eq!(Language::from_accept_language("fr"), None);
    }
}

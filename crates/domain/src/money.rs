//! Amounts in euro, kept as whole cents so sums never drift.

use crate::{DomainError, Language};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

impl Money {
    pub fn cents(self) -> i64 {
        self.0
    }

    /// "€ 1.234,56" in Dutch, "€1,234.56" in English.
    pub fn format(self, lang: Language) -> String {
        let (thousands, decimal, space) = match lang {
            Language::Nl => ('.', ',', " "),
            Language::En => (',', '.', ""),
        };
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let euros = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push(thousands);
            }
            grouped.push(digit);
        }
        format!("{sign}€{space}{grouped}{decimal}{:02}", abs % 100)
    }

    /// Reads an amount as a person types it: "12", "12,50", "1.234,56", "1234.5", "€ 12,50".
    /// A comma is the decimal sign when present (Dutch); otherwise a point followed by one or two
    /// digits is.
    pub fn parse(input: &str, field: &'static str) -> Result<Money, DomainError> {
        let invalid = DomainError::on_field("error-amount-invalid", field);
        let cleaned: String = input
            .trim()
            .trim_start_matches('€')
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let (negative, digits) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, cleaned),
        };
        if digits.is_empty() {
            return Err(DomainError::on_field("error-amount-required", field));
        }
        let (whole, fraction) = if let Some((w, f)) = digits.rsplit_once(',') {
            (w.replace('.', ""), f.to_string())
        } else {
            match digits.rsplit_once('.') {
                Some((w, f)) if f.len() <= 2 => (w.replace('.', ""), f.to_string()),
                _ => (digits.replace('.', ""), String::new()),
            }
        };
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits_only(&whole) || !digits_only(&fraction) || fraction.len() > 2
        {
            return Err(invalid);
        }
        let euros: i64 = whole.parse().map_err(|_| invalid.clone())?;
        let cents: i64 = format!("{fraction:0<2}")
            .parse()
            .map_err(|_| invalid.clone())?;
        let total = euros
            .checked_mul(100)
            .and_then(|c| c.checked_add(cents))
            .filter(|c| *c <= 100_000_000_000)
            .ok_or(invalid)?;
        Ok(Money(if negative { -total } else { total }))
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money(0), |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_dutch_and_english() {
        assert_eq!(Money(123_456).format(Language::Nl), "€ 1.234,56");
        assert_eq!(Money(123_456).format(Language::En), "€1,234.56");
        assert_eq!(Money(5).format(Language::Nl), "€ 0,05");
        assert_eq!(Money(-100_000_000).format(Language::Nl), "-€ 1.000.000,00");
    }

    #[test]
    fn reads_what_people_type() {
        for (input, cents) in [
            ("12", 1200),
            ("12,5", 1250),
            ("12,50", 1250),
            ("1.234,56", 123_456),
            ("1234.56", 123_456),
            ("€ 99,95", 9995),
            ("1.000", 100_000),
            ("-5,00", -500),
        ] {
            assert_eq!(Money::parse(input, "price"), Ok(Money(cents)), "{input}");
        }
        for bad in [
            "",
            "abc",
            "12,345",
            "1,2,3",
            "€",
            "12.3.4,5,6",
            "99999999999999",
        ] {
            assert!(Money::parse(bad, "price").is_err(), "{bad}");
        }
    }
}

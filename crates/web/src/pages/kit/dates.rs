//! Moments in lists as people scan them: "vandaag 10:34", "gisteren 16:02", then the date, with
//! the whole moment on hover and for screen readers. Days are those of Europe/Amsterdam, as
//! every date the portal shows.

use balie_app::Tr;
use balie_app::billing::{format_timestamp, local_clock};
use balie_domain::Timestamp;

/// A moment as a list shows it.
pub struct When {
    /// What the eye reads: "vandaag 10:34", or the date and time.
    pub short: String,
    /// The whole moment, "04-12-2026 10:34".
    pub full: String,
    /// For `<time datetime>`: "2026-12-04T10:34".
    pub iso: String,
}

impl When {
    /// `at` as read at `now`.
    pub fn of(tr: &Tr<'_>, at: Timestamp, now: Timestamp) -> When {
        let full = format_timestamp(at);
        let (Some((day, hour, minute)), Some((today, _, _))) = (local_clock(at), local_clock(now))
        else {
            return When {
                short: full.clone(),
                full,
                iso: String::new(),
            };
        };
        let time = format!("{hour:02}:{minute:02}");
        let short = if day == today {
            tr.t1("date-today", "time", &time)
        } else if today.yesterday().ok() == Some(day) {
            tr.t1("date-yesterday", "time", &time)
        } else {
            full.clone()
        };
        When {
            short,
            full,
            iso: format!("{day}T{time}"),
        }
    }

    /// Whether the short form says less than the whole moment.
    pub fn is_relative(&self) -> bool {
        self.short != self.full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_and_yesterday_are_named_and_older_days_dated() {
        let catalog = balie_app::Translator::load().unwrap();
        let nl = catalog.for_lang(balie_domain::Language::Nl);
        let en = catalog.for_lang(balie_domain::Language::En);
        // 2026-12-04 10:34 in Amsterdam is 09:34 UTC.
        let now = Timestamp(1_796_376_840 + 3_600);
        let at = Timestamp(1_796_376_840);
        let when = When::of(&nl, at, now);
        assert_eq!(when.short, "vandaag 10:34");
        assert_eq!(when.full, "04-12-2026 10:34");
        assert_eq!(when.iso, "2026-12-04T10:34");
        assert!(when.is_relative());
        assert_eq!(When::of(&en, at, now).short, "today 10:34");
        let yesterday = Timestamp(at.0 - 86_400);
        assert_eq!(When::of(&nl, yesterday, now).short, "gisteren 10:34");
        let older = When::of(&nl, Timestamp(at.0 - 2 * 86_400), now);
        assert_eq!(older.short, "02-12-2026 10:34");
        assert!(!older.is_relative());
        // Just after midnight, the evening before is yesterday.
        let midnight = Timestamp(1_796_425_200 + 60);
        let evening = Timestamp(1_796_425_200 - 3_600);
        assert_eq!(When::of(&nl, evening, midnight).short, "gisteren 23:00");
    }
}

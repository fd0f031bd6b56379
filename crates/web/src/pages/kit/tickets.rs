//! How tickets read in a list or on a ticket page, on the customer's side and the agent's alike.

use balie_app::tickets::{TicketView, VIEW_COUNT_CAP};
use balie_domain::words::Segment;
use balie_domain::{
    CategoryId, FormId, Language, Ticket, TicketCategory, TicketForm, TicketStatus, Timestamp,
};

use super::custom_fields::shown;
use super::dates::When;
use crate::AppState;
use crate::error::WebError;

pub struct TicketRow {
    pub number: i64,
    /// The subject, its words marked where a search found them.
    pub subject: Vec<Segment>,
    /// A piece of the message a search found, if it found one.
    pub snippet: Vec<Segment>,
    pub form: String,
    pub created: When,
    pub activity: When,
    pub status: String,
    pub status_class: &'static str,
    /// Who asked, on the lists of the organisation's requests; empty on one's own.
    pub requester: String,
}

pub fn form_name(forms: &[TicketForm], id: FormId, lang: Language) -> String {
    forms
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.name.get(lang).to_string())
        .unwrap_or_default()
}

pub fn category_name(
    categories: &[TicketCategory],
    id: Option<CategoryId>,
    lang: Language,
) -> String {
    categories
        .iter()
        .find(|c| Some(c.id) == id)
        .map(|c| c.name.get(lang).to_string())
        .unwrap_or_default()
}

pub fn status_class(status: TicketStatus) -> &'static str {
    match status {
        TicketStatus::New => "new",
        TicketStatus::Open | TicketStatus::OnHold => "open",
        TicketStatus::Pending => "pending",
        TicketStatus::Solved => "solved",
        TicketStatus::Closed => "closed",
    }
}

/// `t` as a customer's list shows it, read at `now`.
pub fn row(tr: &balie_app::Tr<'_>, forms: &[TicketForm], t: &Ticket, now: Timestamp) -> TicketRow {
    TicketRow {
        number: t.number.0,
        subject: vec![Segment {
            text: t.subject.clone(),
            hit: false,
        }],
        snippet: vec![],
        form: form_name(forms, t.form, tr.lang),
        created: When::of(tr, t.created_at, now),
        activity: When::of(tr, t.updated_at, now),
        status: tr.t(t.status.customer_label_key()),
        status_class: status_class(t.status),
        requester: String::new(),
    }
}

/// The ticket forms and main categories, to name a ticket's form and category.
pub struct Catalog {
    pub forms: Vec<TicketForm>,
    pub categories: Vec<TicketCategory>,
}

impl Catalog {
    pub async fn load(state: &AppState) -> Result<Catalog, WebError> {
        Ok(Catalog {
            forms: state.app.ticket_forms().await?,
            categories: state.app.ticket_categories().await?,
        })
    }
}

/// A ticket's custom field values as `(label, value)` in the reader's language.
pub fn field_lines(tr: &balie_app::Tr<'_>, view: &TicketView) -> Vec<(String, String)> {
    view.fields
        .iter()
        .map(|f| {
            let label = match tr.lang {
                Language::Nl => f.label.nl.clone(),
                Language::En => f.label.en.clone(),
            };
            (label, shown(tr, f.kind, &f.value))
        })
        .collect()
}

/// A file under a message, as the conversation shows it.
pub struct FileLink {
    pub href: String,
    pub name: String,
    pub size: String,
    /// Where a picture's preview is, for a PNG, JPEG or GIF.
    pub preview: Option<String>,
}

/// "850 bytes", "12 kB", "3.4 MB".
pub fn format_size(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{} kB", (b + 512) / 1024),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The files of `comment`, linked under `base` (the ticket page's path).
pub fn links(view: &TicketView, comment: balie_domain::CommentId, base: &str) -> Vec<FileLink> {
    view.attachments
        .iter()
        .filter(|a| a.comment == comment)
        .map(|a| {
            let href = format!("{base}/attachments/{}", a.id);
            FileLink {
                preview: balie_domain::is_previewable(&a.content_type)
                    .then(|| format!("{href}/preview")),
                href,
                name: a.file_name.clone(),
                size: format_size(a.size),
            }
        })
        .collect()
}

/// A view's count as shown: exact up to the cap, then "1000+".
pub fn view_count(n: i64) -> String {
    if n > VIEW_COUNT_CAP {
        format!("{VIEW_COUNT_CAP}+")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::format_size;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(format_size(850), "850 bytes");
        assert_eq!(format_size(12 * 1024), "12 kB");
        assert_eq!(format_size(3_565_158), "3.4 MB");
    }
}

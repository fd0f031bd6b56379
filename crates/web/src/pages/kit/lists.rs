//! What every ticket list page shares: the search box and status filter, and the link to the
//! next page, which carries a cursor (last activity and id) instead of a page number.

use balie_app::Tr;
use balie_app::tickets::{ListFilter, StatusFilter, TicketCursor};
use balie_domain::Timestamp;

use crate::error::WebError;

/// The search form above a list, as the template shows it.
pub struct ListSearch {
    pub q: String,
    /// `(code, label, selected)`.
    pub statuses: Vec<(&'static str, String, bool)>,
    /// Whether the form offers the order of last activity, and whether oldest first is chosen.
    pub sortable: bool,
    pub oldest_first: bool,
}

impl ListSearch {
    /// `labels` is the prefix of the status labels: customers and agents name them apart.
    pub fn new(tr: &Tr<'_>, filter: &ListFilter, labels: &str) -> Self {
        ListSearch {
            q: filter.text.clone(),
            statuses: StatusFilter::ALL
                .into_iter()
                .map(|s| {
                    (
                        s.code(),
                        tr.t(&format!("{labels}{}", s.code())),
                        filter.status == Some(s),
                    )
                })
                .collect(),
            sortable: false,
            oldest_first: false,
        }
    }

    /// The same form with the choice of order ("Laatste activiteit").
    pub fn sortable(self, filter: &ListFilter) -> Self {
        ListSearch {
            sortable: true,
            oldest_first: filter.oldest_first,
            ..self
        }
    }
}

/// Reads `after=<seconds>.<id>`; anything else is a page that does not exist.
fn parse_cursor(raw: &str) -> Option<TicketCursor> {
    let (at, id) = raw.split_once('.')?;
    Some(TicketCursor {
        updated_at: Timestamp(at.parse().ok()?),
        id: id.parse().ok()?,
    })
}

/// The filter of a list from its query string. An unknown status or a mangled cursor reads as
/// not found rather than silently showing something else.
pub fn list_filter(
    q: &str,
    status: Option<&str>,
    after: Option<&str>,
) -> Result<ListFilter, WebError> {
    let status = match status {
        None | Some("") => None,
        Some(code) => Some(StatusFilter::from_code(code).ok_or(WebError::NotFound)?),
    };
    let after = match after {
        None | Some("") => None,
        Some(raw) => Some(parse_cursor(raw).ok_or(WebError::NotFound)?),
    };
    Ok(ListFilter {
        text: q.trim().to_string(),
        status,
        after,
        oldest_first: false,
    })
}

/// A link to `path` with the non-empty `params` and the cursor of the next page.
pub fn list_link(path: &str, params: &[(&str, &str)], after: Option<TicketCursor>) -> String {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if let Some(c) = after {
        pairs.push(("after".into(), format!("{}.{}", c.updated_at.0, c.id)));
    }
    match serde_urlencoded::to_string(&pairs) {
        Ok(query) if !query.is_empty() => format!("{path}?{query}"),
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_link_round_trips_its_cursor_and_search() {
        let cursor = TicketCursor {
            updated_at: Timestamp(1_790_000_000),
            id: balie_domain::TicketId(42),
        };
        let link = list_link(
            "/support",
            &[("list", "all"), ("q", "a&b"), ("status", "")],
            Some(cursor),
        );
        assert_eq!(link, "/support?list=all&q=a%26b&after=1790000000.42");
        let filter = list_filter(" a&b ", Some("pending"), Some("1790000000.42")).unwrap();
        assert_eq!(filter.after, Some(cursor));
        assert_eq!(filter.text, "a&b");
        assert_eq!(filter.status, Some(StatusFilter::Waiting));
    }

    #[test]
    fn a_mangled_cursor_or_status_is_not_a_page() {
        for bad in ["x", "1.", ".2", "1.2.3", "abc.def"] {
            assert!(list_filter("", None, Some(bad)).is_err(), "{bad}");
        }
        assert!(list_filter("", Some("nope"), None).is_err());
        assert_eq!(list_link("/support", &[("q", "")], None), "/support");
    }
}

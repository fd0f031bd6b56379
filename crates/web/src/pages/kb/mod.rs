//! The knowledge base for readers: categories, sections, articles, search, comments and
//! follows (`templates/kb/`).

pub(crate) mod follow;
pub(crate) mod reading;

//! The knowledge base as agents keep it: its tree, categories and sections ("shelves"),
//! articles and comments (`templates/agent/kb/`).

pub(crate) mod articles;
pub(crate) mod home;
pub(crate) mod shelves;

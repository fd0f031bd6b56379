//! A contact's tickets ("Support"): lists, the new-ticket form, a ticket's conversation, its
//! files, and requests from visitors without an account (`templates/support/`).

pub(crate) mod attachments;
pub(crate) mod form;
pub(crate) mod request;
pub(crate) mod tickets;

//! The HTTP integration suite: every flow driven over real HTTP against a server on a random
//! port, with its own data folder and database (SQLite; PostgreSQL with
//! `BALIE_TEST_BACKEND=postgres`). Mail is read back from the `.eml` folder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod http {
    pub mod support;

    mod access;
    mod agents_admin;
    mod anonymous;
    mod attachments;
    mod billing;
    mod fields_and_following;
    mod forms_admin;
    mod hostile_input;
    mod invitation;
    pub mod kb;
    mod mail_delivery;
    mod organisation;
    mod pages;
    mod passwords;
    mod sign_in;
    mod support_pages;
    mod ticket_mail;
    pub mod tickets;
    mod workspace;
}

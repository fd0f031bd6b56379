//! "Mijn organisatie": the organisation's details, personal details, and the contacts with
//! their roles (`templates/organisation/`).

pub(crate) mod contacts;
pub(crate) mod details;
pub(crate) mod views;

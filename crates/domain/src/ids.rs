//! Identifier newtypes, so an organisation id can never be passed where a user id is expected.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

id_type!(
    /// A customer organisation (a practice, an HR department).
    OrgId
);
id_type!(
    /// A person: a contact of an organisation or an agent of the vendor.
    UserId
);
id_type!(
    /// A group ("afdeling") of agents.
    GroupId
);
id_type!(
    /// A ticket, as the store keys it (customers and agents see its [`crate::TicketNumber`]).
    TicketId
);
id_type!(
    /// One message of a ticket's conversation.
    CommentId
);
id_type!(
    /// A file attached to a ticket's message.
    AttachmentId
);
id_type!(
    /// A ticket form ("Vraag", "Foutmelding", ...).
    FormId
);
id_type!(
    /// A main category ("Hoofdcategorie") of tickets.
    CategoryId
);
id_type!(
    /// A custom field of a ticket form.
    FieldId
);
id_type!(
    /// An invoice of an organisation.
    InvoiceId
);
id_type!(
    /// A licence of an organisation's subscription.
    LicenceId
);

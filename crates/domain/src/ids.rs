//! Identifier newtypes, so an organisation id can never be passed where a user id is expected.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The id of something not stored yet: saving it adds it.
            pub const NEW: Self = Self(0);
        }

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
id_type!(
    /// A subscription change an organisation asked for.
    SubscriptionRequestId
);
id_type!(
    /// A routing rule: which group a form and main category go to.
    RoutingRuleId
);
id_type!(
    /// A mail in the outbox.
    MailId
);
id_type!(
    /// A category of the knowledge base (not to be confused with a ticket's [`CategoryId`]).
    KbCategoryId
);
id_type!(
    /// A section of the knowledge base.
    KbSectionId
);
id_type!(
    /// An article of the knowledge base.
    ArticleId
);
id_type!(
    /// A reader's comment under an article.
    KbCommentId
);

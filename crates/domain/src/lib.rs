//! Balie's domain: the typed values every other layer passes around. It knows nothing of HTTP or
//! SQL, so the rules written here hold wherever a request comes from and wherever data is kept.

pub mod account;
pub mod attachment;
pub mod billing;
pub mod clock;
pub mod contact;
pub mod email;
pub mod error;
pub mod fields;
pub mod ids;
pub mod kb;
pub mod language;
pub mod money;
pub mod password;
pub mod roles;
pub mod routing;
pub mod text;
pub mod ticket;
pub mod token;
pub mod words;

pub use account::{Actor, NewUser, User, UserKind};
pub use attachment::{
    Attachment, NewAttachment, clean_file_name, content_type_for, is_previewable, preview_type,
    stored_type,
};
pub use billing::{
    Invoice, InvoiceLine, InvoiceStatus, Licence, NewInvoice, NewLicence, SubscriptionChange,
    SubscriptionRequest,
};
pub use clock::{Clock, ManualClock, SystemClock, Timestamp};
pub use contact::{Gender, OrganisationDetails, PersonDetails};
pub use email::EmailAddress;
pub use error::DomainError;
pub use fields::{FieldKind, TicketField, parse_options};
pub use ids::{
    ArticleId, AttachmentId, CategoryId, CommentId, FieldId, FormId, GroupId, InvoiceId,
    KbCategoryId, KbCommentId, KbSectionId, LicenceId, MailId, OrgId, RoutingRuleId,
    SubscriptionRequestId, TicketId, UserId,
};
pub use jiff::Span;
pub use jiff::civil::{Date, date};
pub use kb::{
    Bilingual, CATEGORY_ICONS, FollowTarget, KbArticle, KbCategory, KbComment, KbFollow, KbSection,
    KbText, OUTAGE_SECTION_KEY,
};
pub use language::Language;
pub use money::Money;
pub use password::{Password, PasswordPolicy};
pub use roles::PortalRoles;
pub use routing::{RoutingRule, route};
pub use text::{Line, SearchText, Text, TextRefused};
pub use ticket::{
    Comment, NewTicket, Priority, StatusChange, Ticket, TicketCategory, TicketEvent, TicketForm,
    TicketNumber, TicketStatus, chosen_ccs, next_status,
};
pub use token::TokenPurpose;

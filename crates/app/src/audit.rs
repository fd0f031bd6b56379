//! What the audit log records (H3): one variant per kind of change, with the record it touched
//! as its typed id. The stored action names and subject kinds are fixed here, once, so that a
//! use case cannot misspell one and a reader of the log can rely on them.

use balie_domain::{
    ArticleId, AttachmentId, CategoryId, FieldId, FormId, GroupId, InvoiceId, InvoiceStatus,
    KbCategoryId, KbCommentId, KbSectionId, LicenceId, OrgId, RoutingRuleId, UserId,
};

/// One change worth an audit entry. Borrowed texts are the entry's detail.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Audit<'a> {
    // Accounts and sessions.
    AgentCreated {
        user: UserId,
        admin: bool,
    },
    AgentUpdated {
        agent: UserId,
        admin: bool,
        groups: usize,
    },
    UserInvited {
        user: UserId,
    },
    PasswordRequested {
        user: UserId,
    },
    PasswordSetFromInvitation {
        user: UserId,
    },
    PasswordReset {
        user: UserId,
    },
    PasswordChanged {
        user: UserId,
    },
    SignedIn {
        user: UserId,
        detail: &'a str,
    },
    SignInFailed {
        user: UserId,
        detail: &'a str,
    },
    SignedOut {
        user: UserId,
    },
    // Organisations and their people.
    OrganisationCreated {
        org: OrgId,
        name: &'a str,
    },
    OrganisationUpdated {
        org: OrgId,
        name: &'a str,
    },
    RequestsShared {
        org: OrgId,
        shared: bool,
    },
    ContactCreated {
        contact: UserId,
        roles: &'a str,
    },
    ContactUpdated {
        contact: UserId,
        detail: &'a str,
    },
    ContactAccessRemoved {
        contact: UserId,
    },
    ContactUnblocked {
        contact: UserId,
    },
    /// The address itself stays out of the log, which outlives a request to erase a person.
    PersonalUpdated {
        user: UserId,
    },
    // Billing.
    InvoiceCreated {
        invoice: InvoiceId,
        number: &'a str,
    },
    InvoiceStatusSet {
        invoice: InvoiceId,
        status: InvoiceStatus,
    },
    InvoiceDownloaded {
        invoice: InvoiceId,
        number: &'a str,
    },
    LicenceAdded {
        org: OrgId,
        detail: &'a str,
    },
    LicenceRemoved {
        org: OrgId,
        licence: LicenceId,
    },
    PlanSet {
        org: OrgId,
        plan: &'a str,
    },
    ChangeRequested {
        org: OrgId,
        subject: &'a str,
    },
    // Tickets: forms, fields, routing and files.
    FormSaved {
        form: FormId,
        key: &'a str,
    },
    CategorySaved {
        category: CategoryId,
        key: &'a str,
    },
    FieldAdded {
        field: FieldId,
        label: &'a str,
    },
    FieldChanged {
        field: FieldId,
        label: &'a str,
    },
    FieldRetired {
        field: FieldId,
        label: &'a str,
    },
    RoutingRuleAdded {
        rule: RoutingRuleId,
    },
    RoutingRuleDeleted {
        rule: RoutingRuleId,
    },
    BillingGroupSet {
        group: Option<GroupId>,
    },
    AttachmentDownloaded {
        attachment: AttachmentId,
        file_name: &'a str,
    },
    // The knowledge base.
    KbCategorySaved {
        category: KbCategoryId,
        name: &'a str,
    },
    KbSectionSaved {
        section: KbSectionId,
        name: &'a str,
    },
    KbArticleSaved {
        article: ArticleId,
        title: &'a str,
    },
    KbCommentModerated {
        comment: KbCommentId,
        hidden: bool,
    },
    // The installation.
    DemoLoaded,
}

/// An entry's fixed parts: the action's stored name, the kind and id of its subject, and its
/// detail.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct AuditParts {
    pub action: &'static str,
    pub subject_type: &'static str,
    pub subject_id: Option<i64>,
    pub detail: String,
}

impl Audit<'_> {
    pub(crate) fn parts(&self) -> AuditParts {
        use Audit::*;
        let (action, subject_type, subject_id, detail): (_, _, _, String) = match *self {
            AgentCreated { user, admin } => {
                let role = if admin { "admin" } else { "agent" };
                ("agent.created", "user", Some(user.0), role.into())
            }
            AgentUpdated {
                agent,
                admin,
                groups,
            } => {
                let role = if admin { "admin" } else { "agent" };
                let detail = format!("{role}, {groups} groups");
                ("agent.updated", "user", Some(agent.0), detail)
            }
            UserInvited { user } => ("user.invited", "user", Some(user.0), "".into()),
            PasswordRequested { user } => ("password.requested", "user", Some(user.0), "".into()),
            PasswordSetFromInvitation { user } => (
                "password.set_from_invitation",
                "user",
                Some(user.0),
                "".into(),
            ),
            PasswordReset { user } => ("password.reset", "user", Some(user.0), "".into()),
            PasswordChanged { user } => ("password.changed", "user", Some(user.0), "".into()),
            SignedIn { user, detail } => ("session.signed_in", "user", Some(user.0), detail.into()),
            SignInFailed { user, detail } => (
                "session.sign_in_failed",
                "user",
                Some(user.0),
                detail.into(),
            ),
            SignedOut { user } => ("session.signed_out", "user", Some(user.0), "".into()),
            OrganisationCreated { org, name } => (
                "organisation.created",
                "organisation",
                Some(org.0),
                name.into(),
            ),
            OrganisationUpdated { org, name } => (
                "organisation.updated",
                "organisation",
                Some(org.0),
                name.into(),
            ),
            RequestsShared { org, shared } => (
                "organisation.requests_shared",
                "organisation",
                Some(org.0),
                if shared { "on" } else { "off" }.into(),
            ),
            ContactCreated { contact, roles } => {
                ("contact.created", "user", Some(contact.0), roles.into())
            }
            ContactUpdated { contact, detail } => {
                ("contact.updated", "user", Some(contact.0), detail.into())
            }
            ContactAccessRemoved { contact } => {
                ("contact.access_removed", "user", Some(contact.0), "".into())
            }
            ContactUnblocked { contact } => {
                ("contact.unblocked", "user", Some(contact.0), "".into())
            }
            PersonalUpdated { user } => ("personal.updated", "user", Some(user.0), "".into()),
            InvoiceCreated { invoice, number } => {
                ("invoice.created", "invoice", Some(invoice.0), number.into())
            }
            InvoiceStatusSet { invoice, status } => (
                "invoice.status",
                "invoice",
                Some(invoice.0),
                status.code().into(),
            ),
            InvoiceDownloaded { invoice, number } => (
                "invoice.downloaded",
                "invoice",
                Some(invoice.0),
                number.into(),
            ),
            LicenceAdded { org, detail } => {
                ("licence.added", "organisation", Some(org.0), detail.into())
            }
            LicenceRemoved { org, licence } => (
                "licence.removed",
                "organisation",
                Some(org.0),
                licence.to_string(),
            ),
            PlanSet { org, plan } => (
                "subscription.plan_set",
                "organisation",
                Some(org.0),
                plan.into(),
            ),
            ChangeRequested { org, subject } => (
                "subscription.change_requested",
                "organisation",
                Some(org.0),
                subject.into(),
            ),
            FormSaved { form, key } => ("form.saved", "ticket_form", Some(form.0), key.into()),
            CategorySaved { category, key } => (
                "category.saved",
                "ticket_category",
                Some(category.0),
                key.into(),
            ),
            FieldAdded { field, label } => {
                ("field.added", "ticket_field", Some(field.0), label.into())
            }
            FieldChanged { field, label } => {
                ("field.changed", "ticket_field", Some(field.0), label.into())
            }
            FieldRetired { field, label } => {
                ("field.retired", "ticket_field", Some(field.0), label.into())
            }
            RoutingRuleAdded { rule } => (
                "routing.rule_added",
                "routing_rule",
                Some(rule.0),
                "".into(),
            ),
            RoutingRuleDeleted { rule } => (
                "routing.rule_deleted",
                "routing_rule",
                Some(rule.0),
                "".into(),
            ),
            // No group (billing mail to every agent) is stored as subject 0, as it always was.
            BillingGroupSet { group } => (
                "routing.billing_group",
                "agent_group",
                Some(group.map_or(0, |g| g.0)),
                group.map(|g| g.0.to_string()).unwrap_or_default(),
            ),
            AttachmentDownloaded {
                attachment,
                file_name,
            } => (
                "attachment.downloaded",
                "ticket_attachment",
                Some(attachment.0),
                file_name.into(),
            ),
            KbCategorySaved { category, name } => (
                "kb.category_saved",
                "kb_category",
                Some(category.0),
                name.into(),
            ),
            KbSectionSaved { section, name } => (
                "kb.section_saved",
                "kb_section",
                Some(section.0),
                name.into(),
            ),
            KbArticleSaved { article, title } => (
                "kb.article_saved",
                "kb_article",
                Some(article.0),
                title.into(),
            ),
            KbCommentModerated { comment, hidden } => (
                if hidden {
                    "kb.comment_hidden"
                } else {
                    "kb.comment_shown"
                },
                "kb_comment",
                Some(comment.0),
                "".into(),
            ),
            DemoLoaded => ("demo.loaded", "installation", None, "".into()),
        };
        AuditParts {
            action,
            subject_type,
            subject_id,
            detail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored names are what readers of the log (and its export) filter on: they never
    /// change with a rename in the code.
    #[test]
    fn stored_names_stay_as_they_are() {
        let cases = [
            (
                Audit::AgentCreated {
                    user: UserId(3),
                    admin: true,
                },
                "agent.created",
                "user",
                Some(3),
                "admin",
            ),
            (
                Audit::RequestsShared {
                    org: OrgId(2),
                    shared: false,
                },
                "organisation.requests_shared",
                "organisation",
                Some(2),
                "off",
            ),
            (
                Audit::InvoiceStatusSet {
                    invoice: InvoiceId(9),
                    status: InvoiceStatus::Paid,
                },
                "invoice.status",
                "invoice",
                Some(9),
                InvoiceStatus::Paid.code(),
            ),
            (
                Audit::LicenceRemoved {
                    org: OrgId(1),
                    licence: LicenceId(7),
                },
                "licence.removed",
                "organisation",
                Some(1),
                "7",
            ),
            (
                Audit::BillingGroupSet { group: None },
                "routing.billing_group",
                "agent_group",
                Some(0),
                "",
            ),
            (
                Audit::KbCommentModerated {
                    comment: KbCommentId(4),
                    hidden: true,
                },
                "kb.comment_hidden",
                "kb_comment",
                Some(4),
                "",
            ),
            (Audit::DemoLoaded, "demo.loaded", "installation", None, ""),
        ];
        for (audit, action, subject_type, subject_id, detail) in cases {
            let expected = AuditParts {
                action,
                subject_type,
                subject_id,
                detail: detail.into(),
            };
            assert_eq!(audit.parts(), expected, "{audit:?}");
        }
    }
}

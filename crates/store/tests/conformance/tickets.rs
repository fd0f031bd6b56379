//! The contract of tickets: default forms and categories, numbering, tenant scope, the
//! conversation with internal notes, CCs and status.

use balie_domain::{NewTicket, OrgId, PortalRoles, TicketNumber, TicketStatus, UserId};
use balie_store::Store;

use super::accounts::{T0, contact, org};

/// De Linde with Anna, its Beheerder: the organisation most ticket tests start from.
pub async fn linde_and_anna(tx: &mut dyn balie_store::Tx) -> (OrgId, UserId) {
    let linde = tx.insert_organisation(&org("De Linde"), T0).await.unwrap();
    let anna = tx
        .insert_user(
            &contact(linde, "anna@delinde.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    (linde, anna)
}

pub fn new_ticket(
    org: OrgId,
    requester: UserId,
    form: balie_domain::FormId,
    ccs: Vec<UserId>,
) -> NewTicket {
    NewTicket {
        org: Some(org),
        requester: Some(requester),
        requester_email: Some(balie_domain::EmailAddress::parse("anna@delinde.nl").unwrap()),
        form,
        category: None,
        subject: "Declaratie wordt geweigerd".into(),
        description: "Sinds vanochtend krijg ik foutcode 403.".into(),
        ccs,
        group: None,
        fields: vec![],
        attachments: vec![],
    }
}

pub async fn the_default_forms_and_categories_are_there(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let forms = tx.ticket_forms().await.unwrap();
    let names: Vec<&str> = forms
        .iter()
        .filter(|f| f.offered)
        .map(|f| f.name.nl.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Vraag",
            "Verbetering",
            "Foutmelding",
            "Registratieformulier contactpersoon - aanmelden",
            "Registratieformulier contactpersoon - afmelden"
        ]
    );
    assert_eq!(forms[0].description.nl, "Stel hier je algemene vraag.");
    // Subscription changes have a form of their own that "Een aanvraag indienen" does not offer.
    let hidden: Vec<&str> = forms
        .iter()
        .filter(|f| !f.offered)
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(hidden, ["subscription_change"]);
    let categories = tx.ticket_categories().await.unwrap();
    assert_eq!(categories.len(), 4);
    assert_eq!(categories[0].name.nl, "Financieel");
    assert!(categories[0].help.nl.contains("declaraties"));
    // The seeded Dutch texts speak as the rest of the portal does.
    let texts = forms.iter().map(|f| &f.description.nl);
    for text in texts.chain(categories.iter().map(|c| &c.help.nl)) {
        assert_eq!(balie_domain::words::formal_address(text), None, "{text}");
    }
}

pub async fn tickets_are_numbered_in_order_and_scoped_to_their_organisation(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let linde = tx.insert_organisation(&org("De Linde"), T0).await.unwrap();
    let anker = tx.insert_organisation(&org("Het Anker"), T0).await.unwrap();
    let anna = tx
        .insert_user(
            &contact(linde, "anna@delinde.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    let form = tx.ticket_forms().await.unwrap()[2].id;
    let first = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    let second = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(second.number.0, first.number.0 + 1);
    assert_eq!(first.status, TicketStatus::New);
    assert_eq!(
        (first.created_at, first.updated_at, first.solved_at),
        (T0, T0, None)
    );

    // A ticket that was never stored is never seen under its number, and the next one goes on
    // from there: at most one number was left unused.
    let mut tx = store.begin().await.unwrap();
    let never = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    let third = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    assert!(
        (second.number.0 + 1..=second.number.0 + 2).contains(&third.number.0),
        "{} after {}",
        third.number,
        second.number
    );
    if never.number != third.number {
        assert!(tx.ticket_by_number(never.number).await.unwrap().is_none());
    }

    assert_eq!(
        tx.ticket_in_org(linde, first.number)
            .await
            .unwrap()
            .map(|t| t.id),
        Some(first.id)
    );
    assert!(
        tx.ticket_in_org(anker, first.number)
            .await
            .unwrap()
            .is_none(),
        "another organisation's ticket"
    );
    assert!(tx.ticket_by_number(first.number).await.unwrap().is_some());
    assert!(
        tx.ticket_by_number(TicketNumber(999_999))
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn internal_notes_stay_out_of_the_customers_conversation(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let piet = tx
        .insert_user(
            &contact(linde, "piet@delinde.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let ticket = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![piet, piet]), T0)
        .await
        .unwrap();
    assert_eq!(tx.ccs_of(ticket.id).await.unwrap(), [piet]);

    tx.add_comment(
        ticket.id,
        None,
        "Interne notitie: bekend probleem.",
        false,
        T0.plus_seconds(60),
    )
    .await
    .unwrap();
    tx.add_comment(
        ticket.id,
        None,
        "We kijken ernaar.",
        true,
        T0.plus_seconds(120),
    )
    .await
    .unwrap();
    let public = tx.comments(ticket.id, false).await.unwrap();
    let bodies: Vec<&str> = public.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "Sinds vanochtend krijg ik foutcode 403.",
            "We kijken ernaar."
        ]
    );
    assert_eq!(public[0].author, Some(anna));
    assert_eq!(tx.comments(ticket.id, true).await.unwrap().len(), 3);
    let stored = tx.ticket_by_number(ticket.number).await.unwrap().unwrap();
    assert_eq!(
        stored.updated_at,
        T0.plus_seconds(120),
        "last activity moves"
    );
}

pub async fn solving_stamps_the_moment_that_closing_counts_from(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let a = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    let b = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    tx.set_ticket_status(a.id, TicketStatus::Solved, Some(anna), T0.plus_seconds(10))
        .await
        .unwrap();
    tx.set_ticket_status(b.id, TicketStatus::Solved, None, T0.plus_seconds(20))
        .await
        .unwrap();
    tx.set_ticket_status(b.id, TicketStatus::Open, None, T0.plus_seconds(30))
        .await
        .unwrap();
    let b_now = tx.ticket_by_number(b.number).await.unwrap().unwrap();
    assert_eq!(
        (b_now.status, b_now.solved_at),
        (TicketStatus::Open, None),
        "reopening clears it"
    );
    assert_eq!(
        tx.solved_before(T0.plus_seconds(10), 10).await.unwrap(),
        [a.number]
    );
    assert!(
        tx.solved_before(T0.plus_seconds(9), 10)
            .await
            .unwrap()
            .is_empty()
    );
    tx.set_ticket_status(a.id, TicketStatus::Closed, None, T0.plus_seconds(99))
        .await
        .unwrap();
    let a_now = tx.ticket_by_number(a.number).await.unwrap().unwrap();
    assert_eq!(
        (a_now.status, a_now.solved_at),
        (TicketStatus::Closed, Some(T0.plus_seconds(10)))
    );
    assert!(
        tx.solved_before(T0.plus_seconds(1000), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn attachments_belong_to_a_message_of_their_ticket(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let ticket = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    let other = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    let first = tx.comments(ticket.id, false).await.unwrap()[0].id;
    let file = |name: &str, key: &str| balie_domain::NewAttachment {
        file_name: name.into(),
        content_type: "image/png".into(),
        size: 1234,
        blob_key: key.into(),
    };
    let a = tx
        .insert_attachment(ticket.id, first, &file("scherm.png", "k1"), T0)
        .await
        .unwrap();
    tx.insert_attachment(ticket.id, first, &file("log.txt", "k2"), T0)
        .await
        .unwrap();
    let stored = tx.attachments_of(ticket.id).await.unwrap();
    let names: Vec<&str> = stored.iter().map(|s| s.file_name.as_str()).collect();
    assert_eq!(names, ["scherm.png", "log.txt"]);
    assert_eq!(stored[0].id, a);
    assert_eq!((stored[0].comment, stored[0].size), (first, 1234));
    assert_eq!(stored[0].blob_key, "k1");
    assert!(tx.attachments_of(other.id).await.unwrap().is_empty());
    tx.commit().await.unwrap();
}

pub async fn a_new_ticket_comes_back_as_stored_with_its_first_messages_files(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let mut new = new_ticket(linde, anna, form, vec![]);
    new.attachments = vec![balie_domain::NewAttachment {
        file_name: "scherm.png".into(),
        content_type: "image/png".into(),
        size: 1234,
        blob_key: "k1".into(),
    }];
    let made = tx.insert_ticket(&new, T0).await.unwrap();
    let read = tx.ticket_by_number(made.number).await.unwrap();
    assert_eq!(
        read.as_ref(),
        Some(&made),
        "what insert_ticket returns is what is stored"
    );
    let first = tx.comments(made.id, false).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].body, new.description);
    let files = tx.attachments_of(made.id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].comment, files[0].file_name.as_str()),
        (first[0].id, "scherm.png")
    );
    tx.commit().await.unwrap();
}

pub async fn every_status_and_priority_is_kept_as_set(store: &dyn Store) {
    use balie_domain::Priority;
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let t = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    for (i, status) in TicketStatus::ALL.into_iter().enumerate() {
        let at = T0.plus_seconds(i as i64 + 1);
        tx.set_ticket_status(t.id, status, Some(anna), at)
            .await
            .unwrap();
        let stored = tx.ticket_by_number(t.number).await.unwrap().unwrap();
        assert_eq!(stored.status, status);
        assert_eq!(stored.updated_at, at);
    }
    for priority in Priority::ALL {
        tx.set_ticket_priority(t.id, priority, Some(anna), T0)
            .await
            .unwrap();
        let stored = tx.ticket_by_number(t.number).await.unwrap().unwrap();
        assert_eq!(stored.priority, priority);
    }
    tx.commit().await.unwrap();
}

/// The number a ticket made now gets, in an organisation of its own.
pub async fn number_of_a_new_ticket(store: &dyn Store) -> TicketNumber {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let ticket = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    ticket.number
}

pub async fn a_tickets_ccs_are_replaced_and_the_change_recorded(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let colleague = |email: &'static str| contact(linde, email, PortalRoles::BEHEERDER);
    let (piet, eva) = (colleague("piet@delinde.nl"), colleague("eva@delinde.nl"));
    let piet = tx.insert_user(&piet, T0).await.unwrap();
    let eva = tx.insert_user(&eva, T0).await.unwrap();
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let ticket = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![piet]), T0)
        .await
        .unwrap();
    let later = T0.plus_seconds(120);
    tx.set_ticket_ccs(ticket.id, &[eva, piet, eva], Some(anna), later)
        .await
        .unwrap();
    assert_eq!(
        tx.ccs_of(ticket.id).await.unwrap(),
        [piet, eva],
        "each once"
    );
    tx.set_ticket_ccs(ticket.id, &[], Some(anna), later)
        .await
        .unwrap();
    assert!(tx.ccs_of(ticket.id).await.unwrap().is_empty());
    let moved = tx.ticket_by_number(ticket.number).await.unwrap().unwrap();
    assert_eq!(moved.updated_at, later, "last activity moves");
    let events = tx.ticket_events(ticket.id).await.unwrap();
    let ccs: Vec<(&str, Option<balie_domain::UserId>)> = events
        .iter()
        .filter(|e| e.kind == "ccs")
        .map(|e| (e.detail.as_str(), e.actor))
        .collect();
    assert_eq!(ccs, [("2", Some(anna)), ("0", Some(anna))]);
}

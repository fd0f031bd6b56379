//! The contract of organisations, contacts and roles, and of billing.

use balie_domain::{
    EmailAddress, Gender, InvoiceLine, InvoiceStatus, Money, NewInvoice, NewLicence, PersonDetails,
    PortalRoles, SubscriptionChange, date,
};
use balie_store::{Store, StoreError, Unique};

use super::accounts::{T0, contact, org};

fn person(first: &str) -> PersonDetails {
    PersonDetails {
        first_name: first.into(),
        last_name: "Bakker".into(),
        gender: Gender::Male,
        phone: "06-1".into(),
    }
}

pub async fn organisations_are_found_by_name_and_updated(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let linde = tx
        .insert_organisation(&org("Huisartsenpraktijk De Linde"), T0)
        .await
        .unwrap();
    tx.insert_organisation(&org("Fysio 100% Anker"), T0)
        .await
        .unwrap();
    let found = tx.list_organisations("de linde", 10).await.unwrap();
    assert_eq!(found.iter().map(|o| o.id).collect::<Vec<_>>(), [linde]);
    assert_eq!(tx.list_organisations("", 10).await.unwrap().len(), 2);
    assert_eq!(
        tx.list_organisations("100%", 10).await.unwrap().len(),
        1,
        "% is a plain character"
    );
    assert!(
        tx.list_organisations("_", 10).await.unwrap().is_empty(),
        "_ is a plain character"
    );

    let mut changed = org("De Linde");
    changed.city = "Zeist".into();
    assert!(tx.update_organisation(linde, &changed).await.unwrap());
    assert!(tx.set_requests_shared(linde, true).await.unwrap());
    assert!(
        tx.set_subscription_plan(linde, "Praktijk Plus")
            .await
            .unwrap()
    );
    let stored = tx.organisation(linde).await.unwrap().unwrap();
    assert_eq!(
        (stored.name.as_str(), stored.city.as_str()),
        ("De Linde", "Zeist")
    );
    assert!(stored.requests_shared);
    assert_eq!(stored.subscription_plan, "Praktijk Plus");
    assert!(
        !tx.update_organisation(balie_domain::OrgId(9999), &changed)
            .await
            .unwrap()
    );
}

pub async fn contacts_roles_and_portal_access_stay_within_their_organisation(store: &dyn Store) {
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
    let mut piet = contact(
        linde,
        "piet@delinde.nl",
        PortalRoles::new(false, true, false).unwrap(),
    );
    piet.last_name = "Aalders".into();
    let piet = tx.insert_user(&piet, T0).await.unwrap();
    tx.insert_user(
        &contact(anker, "lotte@hetanker.nl", PortalRoles::BEHEERDER),
        T0,
    )
    .await
    .unwrap();

    let names: Vec<String> = tx
        .contacts_of(linde)
        .await
        .unwrap()
        .iter()
        .map(|u| u.last_name.clone())
        .collect();
    assert_eq!(names, ["Aalders", "de Vries"]);
    assert_eq!(tx.count_beheerders(linde, false).await.unwrap(), 1);

    let plus = PortalRoles::new(true, true, true).unwrap();
    assert!(tx.set_roles(linde, piet, plus, T0).await.unwrap());
    assert!(
        !tx.set_roles(anker, piet, plus, T0).await.unwrap(),
        "another organisation's contact"
    );
    assert_eq!(tx.count_beheerders(linde, false).await.unwrap(), 2);

    let email = EmailAddress::parse("pieter@delinde.nl").unwrap();
    assert!(
        !tx.update_person(anker, piet, &person("Kaper"), None, T0)
            .await
            .unwrap(),
        "another organisation's contact"
    );
    assert!(!tx.unblock(anker, piet).await.unwrap());
    assert!(tx.unblock(linde, piet).await.unwrap());
    tx.update_person(linde, piet, &person("Pieter"), Some(&email), T0)
        .await
        .unwrap();
    let stored = tx.user(piet).await.unwrap().unwrap();
    assert_eq!(
        (stored.first_name.as_str(), stored.gender),
        ("Pieter", Some(Gender::Male))
    );
    assert_eq!(stored.email, Some(email));
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let taken = EmailAddress::parse("lotte@hetanker.nl").unwrap();
    let err = tx
        .update_person(linde, piet, &person("Pieter"), Some(&taken), T0)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(Unique::Email)));
    // After an error a transaction is only good for dropping (PostgreSQL aborts it).
    drop(tx);
    let mut tx = store.begin().await.unwrap();

    assert!(!tx.remove_portal_access(anker, anna, T0).await.unwrap());
    tx.set_password_hash(anna, "$argon2id$x", T0).await.unwrap();
    assert!(tx.remove_portal_access(linde, anna, T0).await.unwrap());
    let anna = tx.user(anna).await.unwrap().unwrap();
    assert!(
        anna.email.is_none() && !anna.has_password,
        "the contact stays, without access"
    );
    assert_eq!(tx.count_beheerders(linde, true).await.unwrap(), 1);
}

pub async fn invoices_licences_and_requests_are_kept_per_organisation(store: &dyn Store) {
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

    let licence = NewLicence {
        product: "Zorgsoft Praktijk".into(),
        quantity: 3,
        unit_price: Money(4995),
    };
    let l = tx.insert_licence(linde, &licence, T0).await.unwrap();
    assert_eq!(
        tx.licences_of(linde).await.unwrap()[0].amount(),
        Money(14985)
    );
    assert!(tx.licences_of(anker).await.unwrap().is_empty());
    assert!(!tx.delete_licence(anker, l).await.unwrap());
    assert!(tx.delete_licence(linde, l).await.unwrap());

    let line = |d: &str, q, c| InvoiceLine {
        description: d.into(),
        quantity: q,
        unit_price: Money(c),
        vat_percent: 21,
    };
    let first = NewInvoice {
        number: "2026-0001".into(),
        issue_date: date(2026, 1, 1),
        due_date: date(2026, 1, 31),
        lines: vec![
            line("Licentie januari", 3, 4995),
            line("Installatie", 1, 12000),
        ],
    };
    let second = NewInvoice {
        number: "2026-0002".into(),
        issue_date: date(2026, 2, 1),
        due_date: date(2026, 3, 3),
        ..first.clone()
    };
    let a = tx.insert_invoice(linde, &first, T0).await.unwrap();
    let b = tx.insert_invoice(linde, &second, T0).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let dup = tx.insert_invoice(anker, &first, T0).await.unwrap_err();
    assert!(matches!(dup, StoreError::Duplicate(Unique::InvoiceNumber)));
    drop(tx);
    let mut tx = store.begin().await.unwrap();

    let invoices = tx.invoices_of(linde).await.unwrap();
    assert_eq!(
        invoices.iter().map(|i| i.id).collect::<Vec<_>>(),
        [b, a],
        "newest first"
    );
    assert_eq!(invoices[1].lines, first.lines);
    assert_eq!(invoices[1].status, InvoiceStatus::Open);
    assert!(
        tx.invoice(anker, a).await.unwrap().is_none(),
        "another organisation's invoice"
    );
    assert!(
        tx.set_invoice_status(linde, a, InvoiceStatus::Paid)
            .await
            .unwrap()
    );
    assert!(
        !tx.set_invoice_status(anker, a, InvoiceStatus::Paid)
            .await
            .unwrap()
    );
    assert_eq!(
        tx.invoice(linde, a).await.unwrap().unwrap().status,
        InvoiceStatus::Paid
    );

    let change = SubscriptionChange {
        subject: "Extra licentie".into(),
        explanation: "Nieuwe assistent".into(),
    };
    tx.insert_subscription_request(linde, anna, &change, T0)
        .await
        .unwrap();
    let requests = tx.subscription_requests_of(linde).await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].requester_name, "Anna de Vries");
    assert_eq!(requests[0].subject, "Extra licentie");
    assert!(tx.subscription_requests_of(anker).await.unwrap().is_empty());
}

//! The contract of the agent workspace: ticket lists with cursor pages, filters and search,
//! the agents' views and their counts, routing rules, the billing group, and recorded changes.

use balie_domain::{PortalRoles, Priority, TicketStatus, Timestamp, UserId};
use balie_store::{Store, TicketCursor, TicketQuery, TicketScope};

use super::accounts::{T0, agent, contact, org};
use super::tickets::{linde_and_anna, new_ticket};

fn numbers(tickets: &[balie_domain::Ticket]) -> Vec<i64> {
    tickets.iter().map(|t| t.number.0).collect()
}

pub async fn lists_page_by_last_activity_with_a_cursor_search_and_status(store: &dyn Store) {
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
    let piet = tx
        .insert_user(
            &contact(linde, "piet@delinde.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    let kees = tx
        .insert_user(
            &contact(anker, "kees@hetanker.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    let form = tx.ticket_forms().await.unwrap()[0].id;
    // 25 tickets of Anna, every one a minute later; two share a moment to test the tie-break.
    let mut ids = vec![];
    for i in 0..25 {
        let mut new = new_ticket(
            linde,
            anna,
            form,
            if i % 5 == 0 { vec![piet] } else { vec![] },
        );
        new.subject = if i == 7 {
            "Wachtwoord vergeten 100%_zeker".into()
        } else {
            format!("Vraag {i}")
        };
        let at = T0.plus_seconds(60 * i.min(23));
        ids.push(tx.insert_ticket(&new, at).await.unwrap());
    }
    tx.insert_ticket(&new_ticket(anker, kees, form, vec![]), T0)
        .await
        .unwrap();
    tx.set_ticket_status(
        ids[3].id,
        TicketStatus::Pending,
        None,
        T0.plus_seconds(3_000),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.read().await.unwrap();
    let mine = TicketScope::Requester {
        user: anna,
        unresolved: false,
    };
    // Pages of 10 follow each other without overlap or gap, newest activity first.
    let mut seen = vec![];
    let mut after = None;
    loop {
        let page = tx
            .list_tickets(&TicketQuery {
                after,
                ..TicketQuery::new(mine.clone(), 10)
            })
            .await
            .unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 10);
        let last = page.last().unwrap();
        after = Some(TicketCursor {
            updated_at: last.updated_at,
            id: last.id,
        });
        seen.extend(numbers(&page));
    }
    assert_eq!(seen.len(), 25, "every ticket once");
    assert_eq!(seen[0], ids[3].number.0, "the latest activity comes first");
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 25);
    // Tickets 23 and 24 share a moment: the higher id comes first.
    let pos = |n: i64| seen.iter().position(|x| *x == n).unwrap();
    assert!(pos(ids[24].number.0) < pos(ids[23].number.0));
    // Oldest first, the pages read the same list backwards, again without overlap or gap.
    let mut oldest = vec![];
    let mut after = None;
    loop {
        let page = tx
            .list_tickets(&TicketQuery {
                after,
                oldest_first: true,
                ..TicketQuery::new(mine.clone(), 10)
            })
            .await
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(TicketCursor {
            updated_at: last.updated_at,
            id: last.id,
        });
        oldest.extend(numbers(&page));
    }
    oldest.reverse();
    assert_eq!(oldest, seen, "oldest first is newest first backwards");

    // Search: words in any case, a number with or without '#', wildcards taken literally.
    let search = |text: &str| TicketQuery {
        text: text.into(),
        ..TicketQuery::new(mine.clone(), 50)
    };
    let found = tx.list_tickets(&search("WACHTWOORD")).await.unwrap();
    assert_eq!(numbers(&found), [ids[7].number.0]);
    let found = tx.list_tickets(&search("100%_")).await.unwrap();
    assert_eq!(numbers(&found), [ids[7].number.0]);
    assert!(tx.list_tickets(&search("%")).await.unwrap().len() == 1);
    let n = ids[12].number.0;
    let found = tx.list_tickets(&search(&format!("#{n}"))).await.unwrap();
    assert_eq!(numbers(&found), [n]);
    assert!(tx.list_tickets(&search("niets")).await.unwrap().is_empty());
    // Through every ticket, words are found by the start of each word, in any case and order,
    // through the backend's full-text index.
    let everywhere = |text: &str| TicketQuery {
        text: text.into(),
        ..TicketQuery::new(TicketScope::All, 50)
    };
    for words in ["wachtw", "VERGETEN zeker", "zeker wachtwoord", "100 zeker"] {
        let found = tx.list_tickets(&everywhere(words)).await.unwrap();
        assert_eq!(numbers(&found), [ids[7].number.0], "{words}");
    }
    assert!(
        tx.list_tickets(&everywhere("onvindbaar"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        tx.count_tickets(&TicketScope::All, 10).await.unwrap(),
        10,
        "without words: everything, capped"
    );
    let vraag = tx.list_tickets(&everywhere("vraag")).await.unwrap();
    assert_eq!(vraag.len(), 24, "every \"Vraag n\"");

    let pending = TicketQuery {
        statuses: vec![TicketStatus::Pending],
        ..TicketQuery::new(mine.clone(), 50)
    };
    assert_eq!(
        numbers(&tx.list_tickets(&pending).await.unwrap()),
        [ids[3].number.0]
    );
    let unresolved = TicketScope::Requester {
        user: anna,
        unresolved: true,
    };
    assert_eq!(tx.count_tickets(&unresolved, 1_000_000).await.unwrap(), 25);

    // The organisation's list never holds another organisation's ticket; CC lists hold the
    // tickets someone is copied on.
    assert_eq!(
        tx.count_tickets(&TicketScope::Org(linde), 1_000_000)
            .await
            .unwrap(),
        25
    );
    assert_eq!(
        tx.count_tickets(&TicketScope::Org(anker), 1_000_000)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        tx.count_tickets(&TicketScope::Org(linde), 3).await.unwrap(),
        3,
        "counting stops at the cap"
    );
    let cc = TicketScope::Cc {
        org: linde,
        user: piet,
    };
    assert_eq!(tx.count_tickets(&cc, 1_000_000).await.unwrap(), 5);
    let cc_other = TicketScope::Cc {
        org: anker,
        user: piet,
    };
    assert_eq!(tx.count_tickets(&cc_other, 1_000_000).await.unwrap(), 0);
    assert_eq!(
        tx.count_tickets(&TicketScope::All, 1_000_000)
            .await
            .unwrap(),
        26
    );
    // Several counts in one statement, each as counted alone, the cap for each.
    let scopes = [
        TicketScope::Org(linde),
        cc,
        cc_other,
        unresolved,
        TicketScope::All,
    ];
    let mut alone = vec![];
    for scope in &scopes {
        alone.push(tx.count_tickets(scope, 20).await.unwrap());
    }
    assert_eq!(tx.count_views(&scopes, 20).await.unwrap(), alone);
    assert_eq!(alone, [20, 5, 0, 20, 20]);
    assert!(tx.count_views(&[], 20).await.unwrap().is_empty());
}

pub async fn agent_views_follow_groups_assignment_and_status(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let sven = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let first = tx.insert_group("Eerste lijn").await.unwrap();
    let billing = tx.insert_group("Facturatie").await.unwrap();
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let make = |group| {
        let mut new = new_ticket(linde, anna, form, vec![]);
        new.group = group;
        new
    };
    let in_first = tx.insert_ticket(&make(Some(first)), T0).await.unwrap();
    let in_billing = tx.insert_ticket(&make(Some(billing)), T0).await.unwrap();
    let no_group = tx.insert_ticket(&make(None), T0).await.unwrap();
    let mine = tx.insert_ticket(&make(Some(first)), T0).await.unwrap();
    let solved = tx.insert_ticket(&make(None), T0).await.unwrap();
    let later = T0.plus_seconds(60);
    tx.set_ticket_assignee(mine.id, Some(sven), Some(sven), later)
        .await
        .unwrap();
    tx.set_ticket_status(mine.id, TicketStatus::Pending, Some(sven), later)
        .await
        .unwrap();
    tx.set_ticket_status(solved.id, TicketStatus::Solved, Some(sven), later)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.read().await.unwrap();
    let list = |scope: TicketScope| TicketQuery::new(scope, 50);
    let mut unassigned = numbers(
        &tx.list_tickets(&list(TicketScope::Unassigned {
            groups: vec![first],
        }))
        .await
        .unwrap(),
    );
    unassigned.sort();
    assert_eq!(unassigned, [in_first.number.0, no_group.number.0]);
    let none = TicketScope::Unassigned { groups: vec![] };
    assert_eq!(
        tx.count_tickets(&none, 1_000_000).await.unwrap(),
        1,
        "only the groupless"
    );
    let both = TicketScope::Unassigned {
        groups: vec![first, billing],
    };
    assert_eq!(tx.count_tickets(&both, 1_000_000).await.unwrap(), 3);
    assert_eq!(
        numbers(
            &tx.list_tickets(&list(TicketScope::AssignedTo(sven)))
                .await
                .unwrap()
        ),
        [mine.number.0]
    );
    let waiting = TicketScope::Statuses(vec![TicketStatus::Pending]);
    assert_eq!(tx.count_tickets(&waiting, 1_000_000).await.unwrap(), 1);
    let solved_view = TicketScope::Statuses(vec![TicketStatus::Solved]);
    assert_eq!(
        numbers(&tx.list_tickets(&list(solved_view)).await.unwrap()),
        [solved.number.0]
    );
    assert_eq!(
        tx.count_tickets(&TicketScope::Statuses(vec![]), 1_000_000)
            .await
            .unwrap(),
        0
    );
    let _ = in_billing;
}

pub async fn routing_rules_keep_their_order_and_one_group_handles_billing(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let first = tx.insert_group("Eerste lijn").await.unwrap();
    let billing = tx.insert_group("Facturatie").await.unwrap();
    let categories = tx.ticket_categories().await.unwrap();
    let form = tx.ticket_forms().await.unwrap()[2].id;
    let a = tx
        .insert_routing_rule(None, Some(categories[0].id), billing)
        .await
        .unwrap();
    let b = tx
        .insert_routing_rule(Some(form), None, first)
        .await
        .unwrap();
    let c = tx.insert_routing_rule(None, None, first).await.unwrap();
    let rules = tx.routing_rules().await.unwrap();
    let order: Vec<_> = rules.iter().map(|r| r.id).collect();
    assert_eq!(order, [a, b, c]);
    assert_eq!(rules[0].category, Some(categories[0].id));
    assert_eq!(rules[1].form, Some(form));
    assert!(tx.delete_routing_rule(b).await.unwrap());
    assert!(!tx.delete_routing_rule(b).await.unwrap());
    assert_eq!(tx.routing_rules().await.unwrap().len(), 2);

    let billing_groups = |groups: Vec<balie_store::Group>| -> Vec<String> {
        groups
            .into_iter()
            .filter(|g| g.handles_billing)
            .map(|g| g.name)
            .collect()
    };
    assert!(billing_groups(tx.groups().await.unwrap()).is_empty());
    tx.set_billing_group(Some(billing)).await.unwrap();
    assert_eq!(billing_groups(tx.groups().await.unwrap()), ["Facturatie"]);
    tx.set_billing_group(Some(first)).await.unwrap();
    assert_eq!(billing_groups(tx.groups().await.unwrap()), ["Eerste lijn"]);
    tx.set_billing_group(None).await.unwrap();
    assert!(billing_groups(tx.groups().await.unwrap()).is_empty());
    tx.commit().await.unwrap();
}

pub async fn agents_changes_are_recorded_with_who_and_when(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let sven = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let first = tx.insert_group("Eerste lijn").await.unwrap();
    tx.add_group_member(first, sven).await.unwrap();
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let t = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    let at = |s: i64| T0.plus_seconds(s);
    tx.set_ticket_priority(t.id, Priority::High, Some(sven), at(10))
        .await
        .unwrap();
    tx.set_ticket_group(t.id, Some(first), Some(sven), at(20))
        .await
        .unwrap();
    tx.set_ticket_assignee(t.id, Some(sven), Some(sven), at(30))
        .await
        .unwrap();
    tx.set_ticket_assignee(t.id, None, Some(sven), at(40))
        .await
        .unwrap();
    let stored = tx.ticket_by_number(t.number).await.unwrap().unwrap();
    assert_eq!(stored.priority, Priority::High);
    assert_eq!(stored.group, Some(first));
    assert_eq!(stored.assignee, None);
    assert_eq!(stored.updated_at, at(40), "last activity moves");
    let events = tx.ticket_events(t.id).await.unwrap();
    let log: Vec<(Option<UserId>, &str, &str, Timestamp)> = events
        .iter()
        .map(|e| (e.actor, e.kind.as_str(), e.detail.as_str(), e.created_at))
        .collect();
    let group = first.0.to_string();
    let agent_id = sven.0.to_string();
    assert_eq!(
        log,
        [
            (Some(anna), "created", "", T0),
            (Some(sven), "priority", "high", at(10)),
            (Some(sven), "group", group.as_str(), at(20)),
            (Some(sven), "assignee", agent_id.as_str(), at(30)),
            (Some(sven), "assignee", "", at(40)),
        ]
    );
    let agents: Vec<UserId> = tx.agents().await.unwrap().iter().map(|a| a.id).collect();
    assert_eq!(agents, [sven]);
    assert_eq!(tx.group_memberships().await.unwrap(), [(first, sven)]);
    let mut people: Vec<UserId> = tx
        .users_by_ids(&[anna, sven, UserId(999_999)])
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    people.sort();
    assert_eq!(people, [anna, sven]);
    assert!(tx.users_by_ids(&[]).await.unwrap().is_empty());
    let names = tx.organisation_names(&[linde]).await.unwrap();
    assert_eq!(names, [(linde, "De Linde".to_string())]);
}

pub async fn imported_tickets_take_the_next_numbers_and_keep_their_history(store: &dyn Store) {
    use balie_store::{ImportComment, ImportTicket};
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let sven = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let before = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    let at = |s: i64| T0.plus_seconds(s);
    let imported: Vec<ImportTicket> = (0..450)
        .map(|i| ImportTicket {
            org: Some(linde),
            requester: Some(anna),
            requester_email: Some(balie_domain::EmailAddress::parse("anna@delinde.nl").unwrap()),
            form,
            category: None,
            subject: format!("Oud ticket {i}"),
            status: if i % 2 == 0 {
                TicketStatus::Closed
            } else {
                TicketStatus::Open
            },
            priority: Priority::Normal,
            group: None,
            assignee: Some(sven),
            created_at: at(i),
            updated_at: at(i + 100),
            solved_at: None,
            comments: vec![
                ImportComment {
                    author: Some(anna),
                    body: format!("Vraag {i}"),
                    public: true,
                    created_at: at(i),
                },
                ImportComment {
                    author: Some(sven),
                    body: "Notitie".into(),
                    public: false,
                    created_at: at(i + 50),
                },
            ],
        })
        .collect();
    tx.import_tickets(&imported).await.unwrap();
    tx.import_tickets(&[]).await.unwrap();
    let after = tx
        .insert_ticket(&new_ticket(linde, anna, form, vec![]), T0)
        .await
        .unwrap();
    assert_eq!(
        after.number.0,
        before.number.0 + 451,
        "numbers continue after the import"
    );
    let n = before.number.0 + 300;
    let t = tx
        .ticket_by_number(balie_domain::TicketNumber(n))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.subject, "Oud ticket 299");
    assert_eq!((t.status, t.assignee), (TicketStatus::Open, Some(sven)));
    assert_eq!((t.created_at, t.updated_at), (at(299), at(399)));
    let comments = tx.comments(t.id, true).await.unwrap();
    let bodies: Vec<&str> = comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, ["Vraag 299", "Notitie"]);
    assert_eq!(tx.comments(t.id, false).await.unwrap().len(), 1);
    assert_eq!(tx.ticket_events(t.id).await.unwrap()[0].kind, "created");
    assert_eq!(
        tx.count_tickets(&TicketScope::Org(linde), 1_000_000)
            .await
            .unwrap(),
        452
    );
    tx.commit().await.unwrap();
}

pub async fn forms_categories_and_fields_are_kept_as_administrators_shape_them(store: &dyn Store) {
    use balie_domain::{FieldKind, TicketCategory, TicketField, TicketForm};
    let mut tx = store.begin().await.unwrap();
    let incident = tx
        .ticket_forms()
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.key == "incident")
        .unwrap();
    let defaults: Vec<String> = tx
        .ticket_fields()
        .await
        .unwrap()
        .into_iter()
        .filter(|f| f.form == incident.id)
        .map(|f| f.label.nl)
        .collect();
    assert_eq!(
        defaults,
        ["Onderdeel", "Aantal werkplekken met het probleem"]
    );
    let mut field = TicketField {
        id: balie_domain::FieldId(0),
        form: incident.id,
        label: balie_domain::Bilingual::new("Versie", "Version"),
        kind: FieldKind::Dropdown,
        required: true,
        options: vec!["4.1".into(), "4.2".into()],
    };
    field.id = tx.insert_ticket_field(&field).await.unwrap();
    let fields = tx.ticket_fields().await.unwrap();
    let stored = fields.iter().find(|f| f.id == field.id).unwrap();
    assert_eq!(stored, &field);
    assert_eq!(
        fields.iter().rfind(|f| f.form == incident.id),
        Some(&field),
        "at the end"
    );
    field.options.push("4.3".into());
    field.required = false;
    assert!(tx.update_ticket_field(&field).await.unwrap());

    // A ticket keeps its values even after the field is retired.
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let t = tx
        .insert_ticket(&new_ticket(linde, anna, incident.id, vec![]), T0)
        .await
        .unwrap();
    tx.set_field_values(t.id, &[(field.id, "4.3".into())])
        .await
        .unwrap();
    tx.set_field_values(t.id, &[(field.id, "4.2".into())])
        .await
        .unwrap();
    assert!(tx.retire_ticket_field(field.id).await.unwrap());
    assert!(!tx.retire_ticket_field(field.id).await.unwrap());
    assert!(
        !tx.update_ticket_field(&field).await.unwrap(),
        "a retired field stays retired"
    );
    assert!(
        !tx.ticket_fields()
            .await
            .unwrap()
            .iter()
            .any(|f| f.id == field.id)
    );
    let values = tx.field_values(t.id).await.unwrap();
    assert_eq!(values.len(), 1);
    assert_eq!(
        (values[0].label.nl.as_str(), values[0].value.as_str()),
        ("Versie", "4.2")
    );

    // Forms and categories: new ones at the end, hidden ones kept for administrators only.
    let new_form = TicketForm {
        id: balie_domain::FormId(0),
        key: "training".into(),
        name: balie_domain::Bilingual::new("Training aanvragen", "Request a training"),
        description: balie_domain::Bilingual::new("Voor nieuwe medewerkers.", "For new staff."),
        offered: true,
    };
    let id = tx.save_ticket_form(&new_form, true).await.unwrap();
    let offered: Vec<String> = tx
        .ticket_forms()
        .await
        .unwrap()
        .into_iter()
        .filter(|f| f.offered)
        .map(|f| f.key)
        .collect();
    assert_eq!(offered.last().map(String::as_str), Some("training"));
    tx.save_ticket_form(
        &TicketForm {
            id,
            ..new_form.clone()
        },
        false,
    )
    .await
    .unwrap();
    assert!(!tx.ticket_forms().await.unwrap().iter().any(|f| f.id == id));
    let all = tx.all_ticket_forms().await.unwrap();
    assert!(all.iter().any(|(f, active)| f.id == id && !active));
    let category = TicketCategory {
        id: balie_domain::CategoryId(0),
        key: "hardware".into(),
        name: balie_domain::Bilingual::new("Hardware", "Hardware"),
        help: balie_domain::Bilingual::new("Printers en scanners.", "Printers and scanners."),
    };
    let cid = tx.save_ticket_category(&category, true).await.unwrap();
    assert_eq!(
        tx.ticket_categories().await.unwrap().last().unwrap().id,
        cid
    );
    assert_eq!(tx.all_ticket_categories().await.unwrap().len(), 5);
    tx.commit().await.unwrap();
}

pub async fn followers_are_kept_per_organisation(store: &dyn Store) {
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
    tx.set_following_requests(linde, anna, true, T0)
        .await
        .unwrap();
    tx.set_following_requests(linde, anna, true, T0)
        .await
        .unwrap();
    assert_eq!(tx.request_followers(linde).await.unwrap(), [anna]);
    assert!(tx.request_followers(anker).await.unwrap().is_empty());
    tx.set_following_requests(linde, anna, false, T0)
        .await
        .unwrap();
    tx.set_following_requests(linde, anna, false, T0)
        .await
        .unwrap();
    assert!(tx.request_followers(linde).await.unwrap().is_empty());
    tx.commit().await.unwrap();
}

pub async fn messages_are_searched_as_their_readers_may_read_them(store: &dyn Store) {
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
    let piet = tx
        .insert_user(
            &contact(linde, "piet@delinde.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    let kees = tx
        .insert_user(
            &contact(anker, "kees@hetanker.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    let sven = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let mut new = new_ticket(linde, anna, form, vec![]);
    new.subject = "Agenda laadt niet".into();
    new.description = "Sinds de update van Zorgplan blijft het scherm wit.".into();
    let agenda = tx.insert_ticket(&new, T0).await.unwrap();
    tx.add_comment(
        agenda.id,
        Some(sven),
        "Interne notitie: printerdriver opnieuw",
        false,
        T0,
    )
    .await
    .unwrap();
    tx.add_comment(
        agenda.id,
        Some(sven),
        "Kunt u het logbestand sturen?",
        true,
        T0,
    )
    .await
    .unwrap();
    let mut other = new_ticket(linde, piet, form, vec![]);
    other.subject = "Facturen".into();
    other.description = "Het logbestand van de koppeling".into();
    let piets = tx.insert_ticket(&other, T0.plus_seconds(60)).await.unwrap();
    let mut elsewhere = new_ticket(anker, kees, form, vec![]);
    elsewhere.subject = "Vraag".into();
    elsewhere.description = "Zorgplan en het logbestand bij ons".into();
    let keeses = tx
        .insert_ticket(&elsewhere, T0.plus_seconds(120))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.read().await.unwrap();
    let found = |scope: TicketScope, text: &str| {
        let mut q = TicketQuery::new(scope, 25);
        q.text = text.into();
        q
    };
    let ids = |t: Vec<balie_domain::Ticket>| t.iter().map(|t| t.id).collect::<Vec<_>>();
    // An agent searches every message, internal notes too, by whole words.
    let all = found(TicketScope::All, "printerdriver");
    assert_eq!(ids(tx.list_tickets(&all).await.unwrap()), [agenda.id]);
    let all = found(TicketScope::All, "logbestand");
    assert_eq!(
        ids(tx.list_tickets(&all).await.unwrap()),
        [keeses.id, piets.id, agenda.id],
        "newest first"
    );
    let all = found(TicketScope::All, "zorgplan scherm");
    assert_eq!(
        ids(tx.list_tickets(&all).await.unwrap()),
        [agenda.id],
        "every word"
    );
    let all = found(TicketScope::All, "zorgplan scherm onbekend");
    assert!(
        tx.list_tickets(&all).await.unwrap().is_empty(),
        "not some of the words"
    );
    let view = found(
        TicketScope::Statuses(vec![TicketStatus::New]),
        "printerdriver",
    );
    assert_eq!(
        ids(tx.list_tickets(&view).await.unwrap()),
        [agenda.id],
        "in a view"
    );
    // A customer's list: the public messages of tickets they may see, never an internal note.
    let org_list = found(TicketScope::Org(linde), "logbestand");
    assert_eq!(
        ids(tx.list_tickets(&org_list).await.unwrap()),
        [piets.id, agenda.id]
    );
    let note = found(TicketScope::Org(linde), "printerdriver");
    assert!(
        tx.list_tickets(&note).await.unwrap().is_empty(),
        "internal note"
    );
    let anker_list = found(TicketScope::Org(anker), "logbestand");
    assert_eq!(
        ids(tx.list_tickets(&anker_list).await.unwrap()),
        [keeses.id]
    );
    let mine = found(
        TicketScope::Requester {
            user: anna,
            unresolved: false,
        },
        "logbestand",
    );
    assert_eq!(ids(tx.list_tickets(&mine).await.unwrap()), [agenda.id]);
    let subject = found(TicketScope::Org(linde), "laadt");
    assert_eq!(ids(tx.list_tickets(&subject).await.unwrap()), [agenda.id]);
    let count_scope = TicketScope::Org(anker);
    assert_eq!(tx.count_tickets(&count_scope, 10).await.unwrap(), 1);
    drop(tx);

    // A message is found the moment its change commits.
    let mut tx = store.begin().await.unwrap();
    tx.add_comment(
        keeses.id,
        Some(sven),
        "Probeer de vensterbank-instelling",
        true,
        T0,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.read().await.unwrap();
    let fresh = found(TicketScope::Org(anker), "vensterbank");
    assert_eq!(ids(tx.list_tickets(&fresh).await.unwrap()), [keeses.id]);
}

/// Tickets made through the portal and imported ones, with the texts a search finds them by in
/// another Dutch word form.
pub async fn dutch_word_forms_seed(store: &dyn Store) -> [balie_domain::TicketId; 3] {
    use balie_store::{ImportComment, ImportTicket};
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let form = tx.ticket_forms().await.unwrap()[0].id;
    let mut new = new_ticket(linde, anna, form, vec![]);
    new.subject = "Printers geven een foutmelding".into();
    new.description = "Sinds vanochtend".into();
    let printers = tx.insert_ticket(&new, T0).await.unwrap();
    let mut new = new_ticket(linde, anna, form, vec![]);
    new.subject = "Vraag".into();
    new.description = "De facturen van maart kloppen niet".into();
    let invoices = tx.insert_ticket(&new, T0.plus_seconds(60)).await.unwrap();
    let imported = ImportTicket {
        org: Some(linde),
        requester: Some(anna),
        requester_email: Some(balie_domain::EmailAddress::parse("anna@delinde.nl").unwrap()),
        form,
        category: None,
        subject: "Toegang".into(),
        status: TicketStatus::Open,
        priority: Priority::Normal,
        group: None,
        assignee: None,
        created_at: T0.plus_seconds(120),
        updated_at: T0.plus_seconds(120),
        solved_at: None,
        comments: vec![ImportComment {
            author: Some(anna),
            body: "Alle wachtwoorden zijn verlopen".into(),
            public: true,
            created_at: T0.plus_seconds(120),
        }],
    };
    tx.import_tickets(&[imported]).await.unwrap();
    let imported = tx
        .list_tickets(&TicketQuery::new(TicketScope::All, 1))
        .await
        .unwrap()[0]
        .id;
    tx.commit().await.unwrap();
    [printers.id, invoices.id, imported]
}

/// What [`dutch_word_forms_seed`] wrote is found by other forms of its words, by agents and by
/// the organisation's customers.
pub async fn dutch_word_forms_are_found(
    store: &dyn Store,
    [printers, invoices, imported]: [balie_domain::TicketId; 3],
) {
    let mut tx = store.read().await.unwrap();
    let linde = tx
        .list_tickets(&TicketQuery::new(TicketScope::All, 1))
        .await
        .unwrap()[0]
        .org
        .unwrap();
    for (scope, who) in [
        (TicketScope::All, "agent"),
        (TicketScope::Org(linde), "customer"),
    ] {
        for (text, expected) in [
            ("factuur", invoices),
            ("FACTUREN", invoices),
            ("printer", printers),
            ("foutmeldingen", printers),
            ("wachtwoord", imported),
            ("wachtwoord verlopen", imported),
            // The start of a word of the subject, of a ticket made here and of an imported one.
            ("foutmel", printers),
            ("toega", imported),
        ] {
            let mut q = TicketQuery::new(scope.clone(), 25);
            q.text = text.into();
            let found: Vec<balie_domain::TicketId> = tx
                .list_tickets(&q)
                .await
                .unwrap()
                .iter()
                .map(|t| t.id)
                .collect();
            assert_eq!(found, [expected], "{who} searching {text:?}");
        }
    }
}

pub async fn words_are_found_in_their_dutch_forms(store: &dyn Store) {
    let seeded = dutch_word_forms_seed(store).await;
    dutch_word_forms_are_found(store, seeded).await;
}

//! The ticket use cases that the Support pages will call: submitting, who may see a ticket, the
//! customer's status changes and the closing of solved tickets, with the e-mails they send.

use super::organisation::World;
use balie_app::AppError;
use balie_app::tickets::{ListFilter, Submission, TicketList};
use balie_domain::{Actor, PortalRoles, TicketNumber, TicketStatus, UserId};

pub fn contact(w: &World, user: UserId, roles: PortalRoles) -> Actor {
    Actor::Contact {
        user,
        org: w.linde,
        roles,
    }
}

pub async fn submission(w: &World, ccs: Vec<UserId>) -> Submission {
    let forms = w.t.app.ticket_forms().await.unwrap();
    let categories = w.t.app.ticket_categories().await.unwrap();
    Submission {
        form: forms
            .iter()
            .find(|f| f.name.nl == "Foutmelding")
            .unwrap()
            .id,
        category: Some(categories[2].id),
        subject: "Agenda laadt niet".into(),
        description: "Sinds de update blijft de agenda leeg.".into(),
        ccs,
        attachments: vec![],
        fields: vec![],
    }
}

pub fn medewerker_roles() -> PortalRoles {
    PortalRoles::new(false, true, false).unwrap()
}

#[tokio::test]
async fn a_submitted_ticket_is_confirmed_to_the_requester_and_the_ccs() {
    let w = World::new().await;
    let piet = contact(&w, w.medewerker, medewerker_roles());
    let ticket =
        w.t.app
            .submit_ticket(
                &piet,
                &submission(&w, vec![w.plus, w.plus, w.medewerker]).await,
            )
            .await
            .unwrap();
    assert_eq!(ticket.status, TicketStatus::New);
    let view = w.t.app.ticket(&piet, ticket.number).await.unwrap();
    assert_eq!(view.ccs, [w.plus], "no doubles, not the requester");
    assert_eq!(
        view.comments[0].body,
        "Sinds de update blijft de agenda leeg."
    );
    let n = ticket.number;
    for (to, subject) in [
        ("piet@delinde.nl", "We hebben je aanvraag ontvangen"),
        ("fatima@delinde.nl", "Nieuwe aanvraag van Anna Jansen"),
    ] {
        let mails = w.t.mail_to(to).await;
        let mail = mails.last().unwrap();
        assert_eq!(mail.subject, format!("[{n}] {subject}: Agenda laadt niet"));
        assert!(mail.text.contains(&format!("/tickets/{}", n.0)));
    }
    w.t.stop().await;
}

#[tokio::test]
async fn bad_submissions_change_nothing() {
    let w = World::new().await;
    let piet = contact(&w, w.medewerker, medewerker_roles());
    let good = submission(&w, vec![]).await;
    let long = "x".repeat(10_000);
    let cases = [
        (
            Submission {
                category: None,
                ..good.clone()
            },
            "error-category-required",
        ),
        (
            Submission {
                form: balie_domain::FormId(9_999),
                ..good.clone()
            },
            "error-form-unknown",
        ),
        (
            Submission {
                subject: "  ".into(),
                ..good.clone()
            },
            "error-field-required",
        ),
        (
            Submission {
                subject: long,
                ..good.clone()
            },
            "error-field-too-long",
        ),
        (
            Submission {
                ccs: vec![w.anker_beheerder],
                ..good.clone()
            },
            "error-cc-unknown",
        ),
    ];
    let mails = w.t.mail().await.len();
    for (bad, key) in cases {
        match w.t.app.submit_ticket(&piet, &bad).await {
            Err(AppError::Invalid(e)) => assert_eq!(e.key, key),
            other => panic!("{key}: {other:?}"),
        }
    }
    assert!(
        w.t.app
            .ticket_list(&piet, TicketList::Mine, &ListFilter::default())
            .await
            .unwrap()
            .tickets
            .is_empty()
    );
    assert_eq!(
        w.t.mail().await.len(),
        mails,
        "no mail for a refused ticket"
    );
    let agent = w.agent_actor();
    assert!(matches!(
        w.t.app.submit_ticket(&agent, &good).await,
        Err(AppError::Forbidden(_))
    ));
    w.t.stop().await;
}

#[tokio::test]
async fn who_sees_a_ticket_follows_the_roles_and_b5() {
    let w = World::new().await;
    let anna =
        w.t.contact_with_password(w.linde, "anna2@delinde.nl", medewerker_roles(), "lindeboom")
            .await;
    let piet = contact(&w, w.medewerker, medewerker_roles());
    let ticket =
        w.t.app
            .submit_ticket(&piet, &submission(&w, vec![]).await)
            .await
            .unwrap();
    let n = ticket.number;
    let colleague = contact(&w, anna, medewerker_roles());
    let plus = contact(&w, w.plus, PortalRoles::new(false, true, true).unwrap());
    let beheerder = contact(&w, w.beheerder, PortalRoles::BEHEERDER);
    let other_org = Actor::Contact {
        user: w.anker_beheerder,
        org: w.anker,
        roles: PortalRoles::BEHEERDER,
    };
    assert!(
        matches!(w.t.app.ticket(&colleague, n).await, Err(AppError::NotFound)),
        "a Medewerker, a colleague's ticket"
    );
    assert!(w.t.app.ticket(&plus, n).await.is_ok());
    assert!(w.t.app.ticket(&beheerder, n).await.is_ok());
    assert!(matches!(
        w.t.app.ticket(&other_org, n).await,
        Err(AppError::NotFound)
    ));
    assert!(w.t.app.ticket(&w.agent_actor(), n).await.is_ok());
    assert!(
        matches!(
            w.t.app.ticket(&piet, TicketNumber(n.0 + 100)).await,
            Err(AppError::NotFound)
        ),
        "a forged number"
    );
    w.t.app
        .set_requests_shared(&w.agent_actor(), w.linde, true)
        .await
        .unwrap();
    assert!(
        w.t.app.ticket(&colleague, n).await.is_ok(),
        "B5 on: everyone of the organisation"
    );
    assert!(matches!(
        w.t.app
            .add_customer_comment(&other_org, n, "hallo", &[])
            .await,
        Err(AppError::NotFound)
    ));
    w.t.stop().await;
}

#[tokio::test]
async fn customer_comments_and_solving_move_the_status_and_closed_tickets_stay_closed() {
    let w = World::new().await;
    let piet = contact(&w, w.medewerker, medewerker_roles());
    let ticket =
        w.t.app
            .submit_ticket(&piet, &submission(&w, vec![]).await)
            .await
            .unwrap();
    let n = ticket.number;
    let status = || async { w.t.app.ticket(&piet, n).await.unwrap().ticket.status };
    // The agents wait for the customer; the customer's comment returns it to them.
    {
        let mut tx = w.t.store.begin().await.unwrap();
        tx.set_ticket_status(
            ticket.id,
            TicketStatus::Pending,
            Some(w.agent),
            w.t.app.now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    w.t.app
        .add_customer_comment(&piet, n, "Hier is de schermafdruk.", &[])
        .await
        .unwrap();
    assert_eq!(status().await, TicketStatus::Open);
    w.t.app.solve_as_customer(&piet, n).await.unwrap();
    assert_eq!(status().await, TicketStatus::Solved);
    assert!(
        w.t.mail_to("piet@delinde.nl")
            .await
            .last()
            .unwrap()
            .subject
            .contains("Je hebt je aanvraag als opgelost gemarkeerd")
    );
    w.t.app
        .add_customer_comment(&piet, n, "Toch nog een vraag.", &[])
        .await
        .unwrap();
    assert_eq!(
        status().await,
        TicketStatus::Open,
        "a solved ticket reopens on a comment"
    );
    assert!(matches!(
        w.t.app.add_customer_comment(&piet, n, " ", &[]).await,
        Err(AppError::Invalid(_))
    ));

    w.t.app.solve_as_customer(&piet, n).await.unwrap();
    w.t.clock.advance(7 * 86_400 - 10);
    assert_eq!(w.t.app.close_solved_tickets().await.unwrap(), 0);
    w.t.clock.advance(10);
    assert_eq!(w.t.app.close_solved_tickets().await.unwrap(), 1);
    assert_eq!(status().await, TicketStatus::Closed);
    match w
        .t
        .app
        .add_customer_comment(&piet, n, "Nog iets", &[])
        .await
    {
        Err(AppError::Invalid(e)) => assert_eq!(e.key, "error-ticket-closed"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        w.t.app.ticket(&piet, n).await.unwrap().comments.len(),
        3,
        "the refused comment left nothing"
    );
    w.t.stop().await;
}

#[tokio::test]
async fn many_solved_tickets_close_a_few_at_a_time_and_all_of_them() {
    let w = World::new().await;
    let piet = contact(&w, w.medewerker, medewerker_roles());
    let mut numbers = vec![];
    for _ in 0..60 {
        let ticket =
            w.t.app
                .submit_ticket(&piet, &submission(&w, vec![]).await)
                .await
                .unwrap();
        w.t.app
            .solve_as_customer(&piet, ticket.number)
            .await
            .unwrap();
        numbers.push(ticket.number);
    }
    w.t.clock.advance(7 * 86_400);
    assert_eq!(w.t.app.close_solved_tickets().await.unwrap(), 60);
    for n in numbers {
        let ticket = w.t.app.ticket(&piet, n).await.unwrap().ticket;
        assert_eq!(ticket.status, TicketStatus::Closed);
    }
    assert_eq!(w.t.app.close_solved_tickets().await.unwrap(), 0);
}

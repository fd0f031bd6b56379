//! E1-E3 over HTTP: invoices as pages and PDFs, the subscription and its licences, and
//! "Abonnement wijzigen", for a Beheerder only.

use super::organisation::World;
use balie_domain::{InvoiceLine, Money, NewInvoice, NewLicence, date};
use reqwest::StatusCode;

async fn invoice_for(w: &World, org: balie_domain::OrgId, number: &str) -> balie_domain::InvoiceId {
    let invoice = NewInvoice {
        number: number.into(),
        issue_date: date(2026, 1, 1),
        due_date: date(2026, 1, 31),
        lines: vec![
            InvoiceLine {
                description: "Zorgsoft Praktijk, januari".into(),
                quantity: 3,
                unit_price: Money(34_900),
                vat_percent: 21,
            },
            InvoiceLine {
                description: "Installatie op locatie".into(),
                quantity: 1,
                unit_price: Money(12_000),
                vat_percent: 21,
            },
        ],
    };
    w.t.app
        .create_invoice(&w.agent_actor(), org, invoice)
        .await
        .unwrap()
}

#[tokio::test]
async fn only_a_beheerder_reaches_invoices_and_the_subscription() {
    let w = World::new().await;
    let id = invoice_for(&w, w.linde, "2026-0001").await;
    let other = invoice_for(&w, w.anker, "2026-0002").await;
    let pages = [
        "/billing".to_string(),
        format!("/billing/invoices/{id}"),
        format!("/billing/invoices/{id}/pdf"),
        "/billing/change".into(),
    ];
    let anna = w.as_contact("anna@delinde.nl").await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let fatima = w.as_contact("fatima@delinde.nl").await;
    let agent = w.as_agent().await;
    let visitor = w.t.browser();
    for page in &pages {
        assert_eq!(
            anna.get(page).await.status,
            StatusCode::OK,
            "Beheerder {page}"
        );
        assert_eq!(
            piet.get(page).await.status,
            StatusCode::FORBIDDEN,
            "Medewerker {page}"
        );
        assert_eq!(
            fatima.get(page).await.status,
            StatusCode::FORBIDDEN,
            "Medewerker+ {page}"
        );
        assert_eq!(
            agent.get(page).await.status,
            StatusCode::FORBIDDEN,
            "agents use their own pages {page}"
        );
        assert_eq!(
            visitor.get(page).await.status,
            StatusCode::SEE_OTHER,
            "visitor {page}"
        );
    }
    // Another organisation's invoice does not exist for Anna, page or download.
    assert_eq!(
        anna.get(&format!("/billing/invoices/{other}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anna.get(&format!("/billing/invoices/{other}/pdf"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    assert_eq!(
        lotte
            .get(&format!("/billing/invoices/{id}/pdf"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The tab is hidden for those who may not go there.
    assert!(!piet.get("/").await.contains("/billing"));
    assert!(!fatima.get("/").await.contains("/billing"));
    w.t.stop().await;
}

#[tokio::test]
async fn invoices_show_dutch_amounts_and_download_as_a_real_pdf() {
    let w = World::new().await;
    let id = invoice_for(&w, w.linde, "2026-0042").await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let list = anna.get("/billing").await;
    // 3 x 349,00 + 120,00 = 1.167,00; VAT 21% = 245,07; total 1.412,07.
    assert!(
        list.contains("2026-0042") && list.contains("01-01-2026") && list.contains("31-01-2026")
    );
    assert!(list.contains("€ 1.412,07"), "{}", list.body);
    assert!(list.contains("Vervallen") || list.contains("Open"));
    let page = anna.get(&format!("/billing/invoices/{id}")).await;
    assert!(
        page.contains("€ 1.167,00")
            && page.contains("€ 245,07")
            && page.contains("Installatie op locatie")
    );

    let pdf = anna.get(&format!("/billing/invoices/{id}/pdf")).await;
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(
        pdf.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"factuur-2026-0042.pdf\"")
    );
    assert!(pdf.body.starts_with("%PDF-"));
    let mut tx = w.t.store.read().await.unwrap();
    let audit = tx.recent_audit(3).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "invoice.downloaded" && e.actor == Some(w.beheerder)),
        "downloads are audited"
    );
    drop(tx);
    w.t.stop().await;
}

#[tokio::test]
async fn the_subscription_shows_its_licences() {
    let w = World::new().await;
    let licence = NewLicence {
        product: "Zorgsoft Praktijk".into(),
        quantity: 3,
        unit_price: Money(4995),
    };
    w.t.app
        .add_licence(&w.agent_actor(), w.linde, &licence)
        .await
        .unwrap();
    w.t.app
        .set_subscription_plan(&w.agent_actor(), w.linde, "Praktijk Plus, maandelijks")
        .await
        .unwrap();
    let page = w.as_contact("anna@delinde.nl").await.get("/billing").await;
    assert!(
        page.contains("Zorgsoft Praktijk") && page.contains("€ 49,95") && page.contains("€ 149,85")
    );
    assert!(page.contains("Praktijk Plus, maandelijks"));
    w.t.stop().await;
}

#[tokio::test]
async fn a_subscription_change_needs_a_subject_and_consent_and_is_confirmed_by_mail() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let no_subject = anna
        .submit(
            "/billing/change",
            "/billing/change",
            &[("subject", ""), ("agree", "on")],
        )
        .await;
    assert_eq!(no_subject.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_subject.contains("Vul dit veld in."));
    // The summary names the field and links to it; the message also stands at the field.
    assert!(no_subject.contains("<a href=\"#subject\">„Onderwerp”: Vul dit veld in.</a>"));
    assert!(
        no_subject.contains("<p class=\"field-error\" id=\"subject-error\">Vul dit veld in.</p>")
    );
    assert!(no_subject.contains("data-path=\"/billing/change\""));
    let no_consent = anna
        .submit(
            "/billing/change",
            "/billing/change",
            &[("subject", "Twee extra licenties")],
        )
        .await;
    assert_eq!(no_consent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_consent.contains("Ik ga akkoord met de extra kosten"));
    assert!(
        no_consent.contains("Twee extra licenties"),
        "the input is kept"
    );
    let before = w.t.mail_to("anna@delinde.nl").await.len();

    let fields = [
        ("subject", "Twee extra licenties"),
        ("explanation", "Voor de nieuwe assistenten."),
        ("agree", "on"),
    ];
    let done = anna
        .submit("/billing/change", "/billing/change", &fields)
        .await;
    assert_eq!(done.location.as_deref(), Some("/billing?done=requested"));
    let page = anna.get("/billing?done=requested").await;
    assert!(page.contains("Je verzoek is verstuurd"));
    assert!(page.contains("Twee extra licenties") && page.contains("Voor de nieuwe assistenten."));
    let mails = w.t.mail_to("anna@delinde.nl").await;
    assert_eq!(mails.len(), before + 1);
    assert!(mails.last().unwrap().text.contains("Twee extra licenties"));

    let piet = w.as_contact("piet@delinde.nl").await;
    assert_eq!(
        piet.submit("/organisation/personal", "/billing/change", &fields)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let requests =
        w.t.app
            .billing_overview(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .requests;
    assert_eq!(requests.len(), 1, "the refused request left nothing");
    w.t.stop().await;
}

#[tokio::test]
async fn agents_add_invoices_and_licences_and_mark_payments() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let base = format!("/agent/organisations/{}", w.linde);
    let new = format!("{base}/invoices/new");
    let bad = agent
        .submit(
            &new,
            &new,
            &[
                ("number", "2026-7"),
                ("issue_date", "2026-02-01"),
                ("due_date", "2026-01-01"),
                ("description_0", "Licentie"),
                ("quantity_0", "1"),
                ("price_0", "10"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.contains("De vervaldatum ligt voor de factuurdatum."));
    let fields = [
        ("number", "2026-7"),
        ("issue_date", "2026-02-01"),
        ("due_date", "2026-03-01"),
        ("description_0", "Licentie februari"),
        ("quantity_0", "2"),
        ("price_0", "49,95"),
        ("vat_0", "21"),
    ];
    assert_eq!(
        agent.submit(&new, &new, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let dup = agent.submit(&new, &new, &fields).await;
    assert!(dup.contains("Dit factuurnummer bestaat al."));

    let licence = format!("{base}/licences");
    let bad = agent
        .submit(
            &base,
            &licence,
            &[
                ("product", "Module"),
                ("quantity", "0"),
                ("unit_price", "5"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        agent
            .submit(
                &base,
                &licence,
                &[
                    ("product", "Module agenda"),
                    ("quantity", "2"),
                    ("unit_price", "12,50")
                ]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    let overview =
        w.t.app
            .billing_overview(&w.agent_actor(), w.linde)
            .await
            .unwrap();
    assert_eq!(overview.invoices[0].total(), Money(12_088));
    assert_eq!(overview.licences[0].amount(), Money(2500));
    let id = overview.invoices[0].id;
    let status = format!("{base}/invoices/{id}/status");
    assert_eq!(
        agent
            .submit(&base, &status, &[("status", "paid")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        w.as_contact("anna@delinde.nl")
            .await
            .get("/billing")
            .await
            .contains("Betaald")
    );

    let anna = w.as_contact("anna@delinde.nl").await;
    assert_eq!(
        anna.submit("/billing", &status, &[("status", "open")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        anna.submit(
            "/billing",
            &licence,
            &[
                ("product", "Gratis"),
                ("quantity", "9"),
                ("unit_price", "0")
            ]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    w.t.stop().await;
}

#[tokio::test]
async fn an_invoice_line_with_an_amount_needs_a_description() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let new = format!("/agent/organisations/{}/invoices/new", w.linde);
    let fields = [
        ("number", "2026-9"),
        ("issue_date", "2026-02-01"),
        ("due_date", "2026-03-01"),
        ("description_0", "Licentie"),
        ("quantity_0", "1"),
        ("price_0", "10"),
        ("price_1", "99"),
    ];
    let page = agent.submit(&new, &new, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("heeft ook een omschrijving nodig"));
    // The summary's link leads to the line's own description.
    let target = page
        .body
        .split("<a href=\"#")
        .nth(1)
        .and_then(|r| r.split('"').next());
    let target = target.expect("a link in the summary");
    assert!(
        page.contains(&format!("id=\"{target}\"")),
        "#{target} exists: {}",
        page.body
    );
    let vat = [
        ("number", "2026-9"),
        ("issue_date", "2026-02-01"),
        ("due_date", "2026-03-01"),
        ("description_0", "Licentie"),
        ("quantity_0", "1"),
        ("price_0", "10"),
        ("vat_0", "210"),
    ];
    assert!(
        agent
            .submit(&new, &new, &vat)
            .await
            .contains("btw-percentage")
    );
    assert!(
        w.t.app
            .billing_overview(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .invoices
            .is_empty()
    );
    w.t.stop().await;
}

#[tokio::test]
async fn another_beheerder_cannot_request_a_change_for_this_organisation() {
    let w = World::new().await;
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    let fields = [("subject", "Extra"), ("agree", "on")];
    // Lotte's request is her own organisation's, never De Linde's.
    assert_eq!(
        lotte
            .submit("/billing/change", "/billing/change", &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        w.t.app
            .billing_overview(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .requests
            .is_empty()
    );
    assert_eq!(
        w.t.app
            .billing_overview(&w.agent_actor(), w.anker)
            .await
            .unwrap()
            .requests
            .len(),
        1
    );
    w.t.stop().await;
}

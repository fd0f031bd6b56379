//! "Formulieren" over HTTP: administrators add a form with fields and a main category, which
//! customers then fill in; agents who are not administrators, contacts and visitors are refused;
//! bad input changes nothing.

use super::organisation::World;
use reqwest::StatusCode;

#[tokio::test]
async fn administrators_shape_forms_fields_and_categories_that_customers_then_use() {
    let w = World::new().await;
    w.t.admin_with_password("beheer@vendor.nl", "lindeboom")
        .await;
    let admin = w.t.browser();
    admin.agent_sign_in("beheer@vendor.nl", "lindeboom").await;
    let overview = admin.get("/agent/settings/forms").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.contains("Foutmelding") && overview.contains("Financieel"));
    assert!(
        !overview.contains("Abonnementswijziging"),
        "filled in elsewhere"
    );
    // The customer's page before the change, so that the forms it shows are read once already.
    let piet = w.as_contact("piet@delinde.nl").await;
    assert!(!piet.get("/support").await.contains("Training aanvragen"));

    let new = "/agent/settings/forms/new";
    let missing = admin
        .submit(
            new,
            new,
            &[("name_nl", ""), ("name_en", "Training"), ("shown", "on")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let created = admin
        .submit(
            new,
            new,
            &[
                ("name_nl", "Training aanvragen"),
                ("name_en", "Request a training"),
                ("text_nl", "Voor nieuwe medewerkers."),
                ("text_en", "For new staff."),
                ("shown", "on"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let form_path = created
        .location
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let again = admin
        .submit(
            new,
            new,
            &[
                ("name_nl", "Training aanvragen"),
                ("name_en", "x"),
                ("shown", "on"),
            ],
        )
        .await;
    assert!(again.contains("Er bestaat al een formulier of categorie met deze naam."));

    let fields = format!("{form_path}/fields");
    let bad = admin
        .submit(
            &form_path,
            &fields,
            &[
                ("label_nl", "Locatie"),
                ("label_en", "Location"),
                ("kind", "nested"),
                ("options", "Utrecht"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.contains("Groep &#62; Keuze"));
    let added = admin
        .submit(
            &form_path,
            &fields,
            &[
                ("label_nl", "Locatie"),
                ("label_en", "Location"),
                ("kind", "nested"),
                ("options", "Utrecht > Centrum\nUtrecht > Leidsche Rijn"),
                ("required", "on"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let shown = admin.get(&form_path).await;
    assert!(shown.contains("Locatie") && shown.contains("Geneste keuzelijst"));

    // The customer sees the new form and its field at once.
    assert!(piet.get("/support").await.contains("Training aanvragen"));
    let page = piet.get("/support/new/training-aanvragen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains("Locatie") && page.contains("Leidsche Rijn"));

    // Editing and removing a field.
    let field =
        w.t.app
            .ticket_fields()
            .await
            .unwrap()
            .into_iter()
            .find(|f| f.label.nl == "Locatie")
            .unwrap();
    let field_path = format!("/agent/settings/fields/{}", field.id);
    let edited = admin
        .submit(
            &field_path,
            &field_path,
            &[
                ("label_nl", "Vestiging"),
                ("label_en", "Branch"),
                ("options", "Utrecht > Centrum"),
            ],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    assert!(
        piet.get("/support/new/training-aanvragen")
            .await
            .contains("Vestiging")
    );
    let retired = admin
        .submit(&form_path, &format!("{field_path}/retire"), &[])
        .await;
    assert_eq!(retired.status, StatusCode::SEE_OTHER);
    assert!(
        !piet
            .get("/support/new/training-aanvragen")
            .await
            .contains("Vestiging")
    );

    // Hiding the form takes it off "Een aanvraag indienen".
    let hidden = admin
        .submit(
            &form_path,
            &form_path,
            &[
                ("name_nl", "Training aanvragen"),
                ("name_en", "Request a training"),
            ],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert!(!piet.get("/support").await.contains("Training aanvragen"));
    assert_eq!(
        piet.get("/support/new/training-aanvragen").await.status,
        StatusCode::NOT_FOUND
    );

    // A new main category appears in the form's choice.
    let cat = "/agent/settings/categories/new";
    let made = admin
        .submit(
            cat,
            cat,
            &[
                ("name_nl", "Hardware"),
                ("name_en", "Hardware"),
                ("text_nl", "Printers en scanners."),
                ("shown", "on"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    assert!(
        piet.get("/support/new/question")
            .await
            .contains("Printers en scanners.")
    );
}

#[tokio::test]
async fn only_administrators_reach_the_forms() {
    let w = World::new().await;
    let before = w.t.app.ticket_forms().await.unwrap().len();
    let agent = w.as_agent().await;
    let contact = w.as_contact("anna@delinde.nl").await;
    let visitor = w.t.browser();
    for path in [
        "/agent/settings/forms",
        "/agent/settings/forms/new",
        "/agent/settings/categories/1",
    ] {
        assert_eq!(
            agent.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            contact.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            visitor.get(path).await.status,
            StatusCode::SEE_OTHER,
            "{path}"
        );
    }
    let csrf = agent.get("/agent").await.csrf();
    let post = agent
        .post_raw(
            "/agent/settings/forms/new",
            &[
                ("csrf", csrf.as_str()),
                ("name_nl", "X"),
                ("name_en", "X"),
                ("shown", "on"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(w.t.app.ticket_forms().await.unwrap().len(), before);
}

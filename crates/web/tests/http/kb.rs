//! The knowledge base over HTTP: agents write articles that readers find by word forms and
//! typing errors; drafts stay with agents; following sends one e-mail per new article or
//! comment and none after unfollowing; an open outage is a banner on every page; comments,
//! moderation and votes; and who is refused what.

use super::organisation::World;
use super::support::Browser;
use reqwest::StatusCode;

/// The id at the end of a redirect such as `/agent/kb/articles/7?done=saved`.
fn id_in(location: &Option<String>) -> String {
    let path = location.as_deref().unwrap().split('?').next().unwrap();
    path.rsplit('/').next().unwrap().to_string()
}

/// The knowledge base's e-mails to `to`, oldest first (the invitation of set-up left out).
async fn kb_mail(w: &World, to: &str) -> Vec<super::support::Mail> {
    let mut all = w.t.mail_to(to).await;
    all.retain(|m| m.text.contains("/kb/articles/"));
    all
}

/// The outage section's id, as the home page links it.
async fn outage_section(b: &Browser) -> String {
    let home = b.get("/kb").await;
    let marker = "action=\"/kb/sections/";
    let start = home
        .body
        .find(marker)
        .expect("the outage section is offered")
        + marker.len();
    home.body[start..].split('/').next().unwrap().to_string()
}

/// Makes a category "Declareren" with a section "Vektis"; returns the section's id.
/// A category with a section, made by an administrator; returns the section's id.
async fn shelf(w: &World) -> String {
    let agent = &w.as_admin().await;
    let new = "/agent/kb/categories/new";
    let made = agent
        .submit(
            new,
            new,
            &[
                ("icon", "euro"),
                ("name_nl", "Declareren"),
                ("name_en", "Claims"),
                ("description_nl", "Alles over declaraties"),
                ("position", ""),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let overview = agent.get("/agent/kb").await;
    let marker = "/agent/kb/categories/";
    let category = overview
        .body
        .match_indices(marker)
        .map(|(i, _)| overview.body[i + marker.len()..].split('"').next().unwrap())
        .filter(|id| *id != "new")
        .map(|id| id.parse::<i64>().unwrap())
        .max()
        .unwrap()
        .to_string();
    let new = "/agent/kb/sections/new";
    let made = agent
        .submit(
            new,
            new,
            &[
                ("category", category.as_str()),
                ("name_nl", "Vektis"),
                ("name_en", "Vektis"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let overview = agent.get("/agent/kb").await;
    let marker = "/agent/kb/articles/new?section=";
    overview
        .body
        .match_indices(marker)
        .map(|(i, _)| overview.body[i + marker.len()..].split('"').next().unwrap())
        .map(|id| id.parse::<i64>().unwrap())
        .max()
        .unwrap()
        .to_string()
}

/// Writes an article in `section`; returns its id.
async fn write(agent: &Browser, section: &str, fields: &[(&str, &str)]) -> String {
    let new = "/agent/kb/articles/new";
    let mut all = vec![("section", section)];
    all.extend_from_slice(fields);
    let made = agent.submit(new, new, &all).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    id_in(&made.location)
}

/// An agent, the shelf's section and the page of a published Dutch article on it.
pub async fn published_article(w: &World, title: &str, body: &str) -> (Browser, String, String) {
    let agent = w.as_agent().await;
    let section = shelf(w).await;
    let fields = [
        ("title_nl", title),
        ("body_nl", body),
        ("published_nl", "on"),
    ];
    let article = write(&agent, &section, &fields).await;
    (agent, section, format!("/kb/articles/{article}"))
}

#[tokio::test]
async fn readers_find_published_articles_by_word_forms_and_never_see_drafts() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let section = shelf(&w).await;
    let published = write(
        &agent,
        &section,
        &[
            ("title_nl", "Declaraties indienen bij Vektis"),
            ("body_nl", "Zo dien je **declaraties** in bij de huisartsen.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[klik](javascript:alert(3))"),
            ("published_nl", "on"),
            ("title_en", "Submitting claims"),
            ("body_en", "How to submit claims."),
            ("published_en", "on"),
        ],
    )
    .await;
    let password = write(
        &agent,
        &section,
        &[
            ("title_nl", "Wachtwoord opnieuw instellen"),
            (
                "body_nl",
                "Ben je je wachtwoord vergeten? Vraag een nieuw aan op de inlogpagina.",
            ),
            ("published_nl", "on"),
        ],
    )
    .await;
    let draft = write(
        &agent,
        &section,
        &[
            ("title_nl", "Geheime declaratie-notitie"),
            ("body_nl", "Nog niet klaar."),
        ],
    )
    .await;

    let visitor = w.t.browser();
    let home = visitor.get("/kb").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.contains("Declareren") && home.contains("Storing en onderhoud"));
    let page = visitor.get(&format!("/kb/articles/{published}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains("<strong>declaraties</strong>"));
    assert!(page.contains("Laatst bijgewerkt"));
    assert!(page.contains("Read in English"));
    assert!(
        page.contains("Declareren") && page.contains("Vektis"),
        "breadcrumbs"
    );
    assert!(!page.body.contains("<script>alert") && !page.body.contains("onerror"));
    assert!(page.contains(">klik</a>") && !page.body.contains("href=\"javascript:"));
    let english = visitor
        .get(&format!("/kb/articles/{published}?lang=en"))
        .await;
    assert!(english.contains("Submitting claims"));

    for query in ["declaratie", "huisarts", "declarties", "delcaraties"] {
        let found = visitor.get(&format!("/kb/search?q={query}")).await;
        assert!(
            found.contains(&format!("/kb/articles/{published}")),
            "{query}: {}",
            found.body
        );
        assert!(found.body.contains("<mark>"), "{query}");
        assert!(
            !found.contains(&format!("/kb/articles/{draft}\"")),
            "{query}"
        );
    }
    let forgotten = visitor.get("/kb/search?q=wachtwoord+vergeten").await;
    let first = forgotten.body.find("/kb/articles/").unwrap();
    assert!(
        forgotten.body[first..].starts_with(&format!("/kb/articles/{password}\"")),
        "the password article first"
    );
    let suggested = visitor.get("/kb/suggest?q=declaraties%20vektis").await;
    assert!(suggested.contains(&format!("/kb/articles/{published}")));
    assert!(!suggested.body.contains("<html"), "a piece of a page");

    for reader in [visitor, w.as_contact("anna@delinde.nl").await] {
        let hidden = reader.get(&format!("/kb/articles/{draft}")).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        let listed = reader.get(&format!("/kb/sections/{section}")).await;
        assert!(listed.contains("Declaraties indienen") && !listed.contains("Geheime"));
    }
    let preview = agent.get(&format!("/kb/articles/{draft}")).await;
    assert_eq!(preview.status, StatusCode::OK, "agents preview drafts");
    assert!(preview.contains("Concept"));

    for bad in [
        "/kb/articles/abc",
        "/kb/articles/99999",
        "/kb/sections/-1",
        "/kb/categories/x",
    ] {
        assert_eq!(
            w.t.browser().get(bad).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
    w.t.stop().await;
}

#[tokio::test]
async fn only_agents_write_articles_only_administrators_shape_shelves_and_bad_input_changes_nothing()
 {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let section = shelf(&w).await;
    let new = "/agent/kb/articles/new";
    let no_body = agent
        .submit(
            new,
            new,
            &[
                ("section", section.as_str()),
                ("title_nl", "Leeg"),
                ("published_nl", "on"),
            ],
        )
        .await;
    assert_eq!(no_body.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_body.contains("Een gepubliceerde versie heeft een tekst nodig."));
    let nothing = agent
        .submit(new, new, &[("section", section.as_str())])
        .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = agent
        .submit(
            new,
            new,
            &[("section", "99999"), ("title_nl", "X"), ("body_nl", "y")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let position = agent
        .submit(
            new,
            new,
            &[
                ("section", section.as_str()),
                ("title_nl", "X"),
                ("position", "-3"),
            ],
        )
        .await;
    assert_eq!(position.status, StatusCode::UNPROCESSABLE_ENTITY);
    let admin = w.as_admin().await;
    let icon = admin
        .submit(
            "/agent/kb/categories/new",
            "/agent/kb/categories/new",
            &[("icon", "<script>"), ("name_nl", "X")],
        )
        .await;
    assert_eq!(icon.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Categories and sections are the administrators'; a plain agent writes articles only.
    let category = |id: &str| format!("/agent/kb/categories/{id}");
    let overview = admin.get("/agent/kb").await;
    let first_category = overview.body.split("/agent/kb/categories/").nth(1).unwrap();
    let first_category = first_category.split('"').next().unwrap().to_string();
    let agents_view = agent.get("/agent/kb").await;
    assert!(
        !agents_view.contains("/agent/kb/categories/")
            && !agents_view.contains("/agent/kb/sections/")
    );
    for page in [
        category("new"),
        category(&first_category),
        "/agent/kb/sections/new".into(),
        format!("/agent/kb/sections/{section}"),
    ] {
        assert_eq!(
            agent.get(&page).await.status,
            StatusCode::FORBIDDEN,
            "{page}"
        );
        let posted = agent
            .submit(
                "/agent/kb",
                &page,
                &[
                    ("icon", "euro"),
                    ("name_nl", "Van een agent"),
                    ("category", &first_category),
                ],
            )
            .await;
        assert_eq!(posted.status, StatusCode::FORBIDDEN, "{page}");
    }
    let visitor = w.t.browser();
    assert_eq!(
        visitor.get(&category("new")).await.status,
        StatusCode::SEE_OTHER
    );
    let anna = w.as_contact("anna@delinde.nl").await;
    assert_eq!(
        anna.get(&category("new")).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(!admin.get("/agent/kb").await.contains("Van een agent"));
    assert!(!w.t.browser().get("/kb").await.contains("Van een agent"));
    assert!(
        !agent
            .get(&format!("/kb/sections/{section}"))
            .await
            .contains("Leeg")
    );

    // A long article fits in the form, and saving it again without an order keeps its place.
    let long = "Een zin over declaraties en Vektis. ".repeat(2_500);
    let first = write(
        &agent,
        &section,
        &[("title_nl", "Eerste"), ("body_nl", "Kort.")],
    )
    .await;
    let second = write(
        &agent,
        &section,
        &[
            ("title_nl", "Lang"),
            ("body_nl", &long),
            ("published_nl", "on"),
        ],
    )
    .await;
    let edit = format!("/agent/kb/articles/{first}");
    let kept = agent
        .submit(
            &edit,
            &edit,
            &[
                ("section", section.as_str()),
                ("title_nl", "Eerste"),
                ("body_nl", "Kort."),
                ("position", ""),
            ],
        )
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER);
    let listed = agent.get(&format!("/kb/sections/{section}")).await;
    let at = |id: &str| listed.body.find(&format!("/kb/articles/{id}\"")).unwrap();
    assert!(at(&first) < at(&second), "the first stays first");
    let page = w.t.browser().get(&format!("/kb/articles/{second}")).await;
    assert!(page.body.len() > long.len());

    let contact = w.as_contact("anna@delinde.nl").await;
    assert_eq!(contact.get("/agent/kb").await.status, StatusCode::FORBIDDEN);
    let csrf = contact.get("/kb").await.csrf();
    let attempt = contact
        .post_raw(
            new,
            &[
                ("csrf", &csrf),
                ("section", &section),
                ("title_nl", "Van een klant"),
                ("body_nl", "x"),
                ("published_nl", "on"),
            ],
        )
        .await;
    assert_eq!(attempt.status, StatusCode::FORBIDDEN);
    let visitor = w.t.browser();
    let away = visitor.get("/agent/kb/articles/new").await;
    assert_eq!(away.status, StatusCode::SEE_OTHER);
    assert!(away.location.unwrap().starts_with("/agent/login"));
    assert!(
        !visitor
            .get(&format!("/kb/sections/{section}"))
            .await
            .contains("Van een klant")
    );
    w.t.stop().await;
}

#[tokio::test]
async fn followers_of_the_outage_section_hear_once_and_see_the_banner_until_it_closes() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    let outages = outage_section(&anna).await;
    for (reader, level) in [
        (&anna, "articles"),
        (&piet, "comments"),
        (&lotte, "articles"),
    ] {
        let followed = reader
            .submit(
                "/kb",
                &format!("/kb/sections/{outages}/follow"),
                &[("level", level), ("back", "/kb")],
            )
            .await;
        assert_eq!(followed.location.as_deref(), Some("/kb?done=followed"));
    }
    // Lotte reads in English; Piet changes his mind.
    lotte
        .submit("/kb", "/language", &[("lang", "en"), ("back", "/kb")])
        .await;
    let following = piet.get("/activities/following").await;
    assert!(following.contains("Storing en onderhoud") && following.contains("Sectie"));
    assert!(following.contains("Nieuwe artikelen en opmerkingen"));
    let gone = piet
        .submit(
            "/activities/following",
            "/activities/following/unfollow",
            &[("target", &format!("section-{outages}"))],
        )
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert!(
        piet.get("/activities/following")
            .await
            .contains("Je volgt nog niets.")
    );
    assert!(
        !anna
            .get("/kb")
            .await
            .contains("Storing en onderhoud volgen"),
        "Anna follows already"
    );
    w.t.mail().await;

    let article = write(
        &agent,
        &outages,
        &[
            ("title_nl", "Storing in de agenda"),
            (
                "body_nl",
                "De agenda is niet bereikbaar. We werken aan een oplossing.",
            ),
            ("published_nl", "on"),
            ("title_en", "Calendar outage"),
            ("body_en", "The calendar cannot be reached."),
            ("published_en", "on"),
            ("outage_open", "on"),
        ],
    )
    .await;
    let to_anna = kb_mail(&w, "anna@delinde.nl").await;
    let subjects: Vec<&String> = to_anna.iter().map(|m| &m.subject).collect();
    assert_eq!(to_anna.len(), 1, "{subjects:?}");
    assert!(
        to_anna[0].subject.contains("Storing in de agenda"),
        "{}",
        to_anna[0].subject
    );
    assert!(to_anna[0].text.contains(&format!("/kb/articles/{article}")));
    let to_lotte = kb_mail(&w, "lotte@hetanker.nl").await;
    assert_eq!(to_lotte.len(), 1);
    assert!(
        to_lotte[0].subject.contains("Calendar outage"),
        "in her language"
    );
    assert!(
        kb_mail(&w, "piet@delinde.nl").await.is_empty(),
        "unfollowed"
    );
    assert!(
        kb_mail(&w, "sanne@vendor.nl").await.is_empty(),
        "not to the writer"
    );

    for page in ["/", "/support", "/kb", "/organisation"] {
        let shown = anna.get(page).await;
        assert!(
            shown.contains("outage-banner") && shown.contains("Storing in de agenda"),
            "{page}"
        );
    }
    assert!(
        w.t.browser()
            .get("/login")
            .await
            .contains("Storing in de agenda"),
        "visitors too"
    );
    assert!(agent.get("/agent").await.contains("Storing in de agenda"));

    // Closing the outage: a second save, which mails no one again.
    let edit = format!("/agent/kb/articles/{article}");
    let closed = agent
        .submit(
            &edit,
            &edit,
            &[
                ("section", outages.as_str()),
                ("title_nl", "Storing in de agenda (opgelost)"),
                ("body_nl", "De agenda werkt weer."),
                ("published_nl", "on"),
            ],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    assert!(!anna.get("/").await.contains("outage-banner"));
    assert_eq!(kb_mail(&w, "anna@delinde.nl").await.len(), 1, "none twice");
    // The same outage going on again is news again.
    let reopened = agent
        .submit(
            &edit,
            &edit,
            &[
                ("section", outages.as_str()),
                ("title_nl", "Storing in de agenda (opnieuw)"),
                ("body_nl", "De agenda is weer niet bereikbaar."),
                ("published_nl", "on"),
                ("outage_open", "on"),
            ],
        )
        .await;
    assert_eq!(reopened.status, StatusCode::SEE_OTHER);
    let again = kb_mail(&w, "anna@delinde.nl").await;
    assert_eq!(again.len(), 2);
    assert!(again[1].subject.contains("(opnieuw)"));
    assert!(
        anna.get("/")
            .await
            .contains("Storing in de agenda (opnieuw)")
    );
    // Saving it again while it goes on tells no one.
    agent
        .submit(
            &edit,
            &edit,
            &[
                ("section", outages.as_str()),
                ("title_nl", "Storing in de agenda (opnieuw)"),
                ("body_nl", "We verwachten een oplossing om 14:00."),
                ("published_nl", "on"),
                ("outage_open", "on"),
            ],
        )
        .await;
    assert_eq!(kb_mail(&w, "anna@delinde.nl").await.len(), 2);
    let english =
        w.t.browser()
            .get(&format!("/kb/articles/{article}?lang=en"))
            .await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(
        english.contains("Storing in de agenda (opnieuw)"),
        "the English version was removed"
    );
    w.t.stop().await;
}

#[tokio::test]
async fn comments_reach_followers_and_agents_moderate_them() {
    let w = World::new().await;
    let (agent, section, path) =
        published_article(&w, "Retourbestand lezen", "Zo lees je het retourbestand.").await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let followed = anna.submit(&path, &format!("{path}/follow"), &[]).await;
    assert_eq!(followed.status, StatusCode::SEE_OTHER);
    let shelf_path = format!("/kb/sections/{section}");
    let follow = format!("{shelf_path}/follow");
    piet.submit(&shelf_path, &follow, &[("level", "comments")])
        .await;
    assert!(
        piet.get(&shelf_path)
            .await
            .contains("Je volgt: nieuwe artikelen en opmerkingen")
    );
    // Piet changes his mind: new articles only.
    piet.submit(&shelf_path, &follow, &[("level", "articles")])
        .await;
    assert!(
        piet.get(&shelf_path)
            .await
            .contains("Je volgt: nieuwe artikelen<")
    );
    w.t.mail().await;

    let empty = lotte
        .submit(&path, &format!("{path}/comments"), &[("body", "   ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.contains("Vul dit veld in."));
    let posted = lotte
        .submit(
            &path,
            &format!("{path}/comments"),
            &[("body", "Bij ons <b>ontbreekt</b> regel 3.")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let page = anna.get(&path).await;
    assert!(
        page.contains("Bij ons &#60;b&#62;ontbreekt&#60;/b&#62; regel 3.")
            || page.contains("Bij ons &lt;b&gt;ontbreekt")
    );
    let to_anna = kb_mail(&w, "anna@delinde.nl").await;
    assert_eq!(to_anna.len(), 1);
    assert!(to_anna[0].text.contains("regel 3"));
    assert!(
        kb_mail(&w, "lotte@hetanker.nl").await.is_empty(),
        "not to the writer"
    );
    assert!(
        kb_mail(&w, "piet@delinde.nl").await.is_empty(),
        "follows new articles only"
    );
    let contributions = lotte.get("/activities").await;
    assert!(contributions.contains("Retourbestand lezen") && contributions.contains("regel 3"));

    // Moderation: contacts cannot, agents hide and show again.
    let moderation = agent.get("/agent/kb/comments").await;
    assert!(moderation.contains("regel 3"));
    let marker = "/agent/kb/comments/";
    let start = moderation.body.find(marker).unwrap() + marker.len();
    let comment = moderation.body[start..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let csrf = anna.get(&path).await.csrf();
    let refused = anna
        .post_raw(
            &format!("/agent/kb/comments/{comment}/hide"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let hidden = agent
        .submit(
            "/agent/kb/comments",
            &format!("/agent/kb/comments/{comment}/hide"),
            &[],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert!(!anna.get(&path).await.contains("regel 3"));
    agent
        .submit(
            "/agent/kb/comments",
            &format!("/agent/kb/comments/{comment}/show"),
            &[],
        )
        .await;
    assert!(anna.get(&path).await.contains("regel 3"));

    // Unfollowing the article: the next comment mails no one.
    anna.submit(&path, &format!("{path}/unfollow"), &[]).await;
    lotte
        .submit(&path, &format!("{path}/comments"), &[("body", "Opgelost.")])
        .await;
    assert_eq!(kb_mail(&w, "anna@delinde.nl").await.len(), 1);

    // A visitor cannot comment, vote or follow.
    let visitor = w.t.browser();
    let csrf = visitor.get(&path).await.csrf();
    for action in ["comments", "vote", "follow"] {
        let tried = visitor
            .post_raw(
                &format!("{path}/{action}"),
                &[("csrf", &csrf), ("body", "x"), ("helpful", "yes")],
            )
            .await;
        assert_eq!(tried.status, StatusCode::SEE_OTHER, "{action}");
        assert!(tried.location.unwrap().starts_with("/login"), "{action}");
    }
    w.t.stop().await;
}

#[tokio::test]
async fn one_vote_a_person_counts() {
    let w = World::new().await;
    let (_, _, path) = published_article(&w, "Vektis-codes", "Uitleg.").await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let piet = w.as_contact("piet@delinde.nl").await;
    anna.submit(&path, &format!("{path}/vote"), &[("helpful", "yes")])
        .await;
    anna.submit(&path, &format!("{path}/vote"), &[("helpful", "no")])
        .await;
    piet.submit(&path, &format!("{path}/vote"), &[("helpful", "no")])
        .await;
    assert!(anna.get(&path).await.contains("Stemmen: 0 ja, 2 nee."));
    let odd = anna
        .submit(&path, &format!("{path}/vote"), &[("helpful", "misschien")])
        .await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST);
    assert!(anna.get(&path).await.contains("Stemmen: 0 ja, 2 nee."));
    w.t.stop().await;
}

#[tokio::test]
async fn a_private_knowledge_base_asks_visitors_to_sign_in() {
    let mut config = super::support::test_config();
    config.kb_public = false;
    let w = World::with_config(config).await;
    let visitor = w.t.browser();
    for path in ["/kb", "/kb/search?q=agenda", "/kb/suggest?q=agenda"] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
    }
    assert!(!visitor.get("/login").await.contains("href=\"/kb\""));
    // An open outage is shown to those who may read it.
    let agent = w.as_agent().await;
    let outages = outage_section(&w.as_contact("piet@delinde.nl").await).await;
    let fields = [
        ("title_nl", "Storing in de agenda"),
        ("body_nl", "Niet bereikbaar."),
        ("published_nl", "on"),
        ("outage_open", "on"),
    ];
    write(&agent, &outages, &fields).await;
    assert!(!visitor.get("/login").await.contains("outage-banner"));
    let anna = w.as_contact("anna@delinde.nl").await;
    assert_eq!(anna.get("/kb").await.status, StatusCode::OK);
    assert!(anna.get("/").await.contains("Storing in de agenda"));
    w.t.stop().await;
}

#[tokio::test]
async fn odd_searches_answer_calmly() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let section = shelf(&w).await;
    write(
        &agent,
        &section,
        &[
            ("title_nl", "Cliënt één – privé"),
            ("body_nl", "Ĉu 🙂 werkt? Ja: één cliënt, privé-gegevens."),
            ("published_nl", "on"),
        ],
    )
    .await;
    let visitor = w.t.browser();
    let long = "declaratie ".repeat(2_000);
    for query in [
        "",
        "%20%20",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%F0%9F%99%82",
        "...---!!!",
        "clie%CC%88nt",
        "cli%C3%ABnt",
        long.as_str(),
    ] {
        for path in ["/kb/search", "/kb/suggest"] {
            let page = visitor.get(&format!("{path}?q={query}")).await;
            assert_eq!(
                page.status,
                StatusCode::OK,
                "{path} {}",
                &query[..query.len().min(40)]
            );
            assert!(!page.body.contains("<script>alert"));
        }
    }
    // Accents are folded: "client" finds "cliënt", and the highlight keeps the accent.
    let found = visitor.get("/kb/search?q=client").await;
    assert!(found.body.contains("<mark>Cliënt</mark>"), "{}", found.body);
    w.t.stop().await;
}

#[tokio::test]
async fn a_long_section_shows_its_first_articles_and_the_rest_a_link_away() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let section = shelf(&w).await;
    for n in 1..=22 {
        write(
            &agent,
            &section,
            &[
                ("title_nl", &format!("Vraag {n:02}")),
                ("body_nl", "Antwoord."),
                ("published_nl", "on"),
            ],
        )
        .await;
    }
    let overview = agent.get("/agent/kb").await;
    assert!(overview.contains("Vraag 20") && !overview.contains("Vraag 21"));
    assert!(overview.contains("Alle 22 artikelen van deze sectie"));
    let whole = agent.get(&format!("/agent/kb?section={section}")).await;
    assert!(whole.contains("Vraag 22") && whole.contains("Terug naar de kennisbank"));
    assert!(!whole.contains("Storing en onderhoud"), "only that section");
    for bad in ["abc", "99999"] {
        assert_eq!(
            agent.get(&format!("/agent/kb?section={bad}")).await.status,
            StatusCode::NOT_FOUND
        );
    }
    // Search results come twenty a page.
    let count =
        |page: &super::support::Page| page.body.matches("<li><h2><a href=\"/kb/articles/").count();
    let first = agent.get("/kb/search?q=antwoord").await;
    assert_eq!(count(&first), 20);
    assert!(first.contains("22 artikelen gevonden voor „antwoord”"));
    assert!(
        first.body.contains("/kb/search?q=antwoord&#38;page=1"),
        "a next page"
    );
    let second = agent.get("/kb/search?q=antwoord&page=1").await;
    assert_eq!(count(&second), 2);
    assert!(
        second.contains("22 artikelen gevonden voor „antwoord”"),
        "on every page"
    );
    assert!(!second.contains("Volgende pagina"));
    let odd = agent.get("/kb/search?q=antwoord&page=veel").await;
    assert_eq!(count(&odd), 20, "an odd page is the first");
    w.t.stop().await;
}

/// The fields of a published Dutch article.
fn dutch<'a>(title: &'a str, body: &'a str) -> [(&'static str, &'a str); 3] {
    [
        ("title_nl", title),
        ("body_nl", body),
        ("published_nl", "on"),
    ]
}

/// What the request form suggests for `subject`.
async fn suggested(b: &Browser, subject: &str) -> super::support::Page {
    b.get(&format!("/kb/suggest?q={}", subject.replace(' ', "+")))
        .await
}

/// The list item of `page` that links to article `id`.
fn item_of<'p>(page: &'p super::support::Page, id: &str) -> &'p str {
    let link = format!("/kb/articles/{id}\"");
    page.body
        .split("<li>")
        .find(|item| item.contains(&link))
        .unwrap_or_else(|| panic!("no item for {id}: {}", page.body))
}

#[tokio::test]
async fn suggestions_and_related_articles_need_the_subject_s_meaningful_words() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let (accounts, agenda, links) = (shelf(&w).await, shelf(&w).await, shelf(&w).await);
    let password = write(
        &agent,
        &accounts,
        &dutch(
            "Wachtwoord opnieuw instellen",
            "Ben je je wachtwoord vergeten? Klik op de inlogpagina op **Wachtwoord vergeten?**.\n\nNa tien mislukte pogingen wordt je account geblokkeerd; een nieuw wachtwoord instellen heft de blokkade op.",
        ),
    )
    .await;
    let reminders = write(
        &agent,
        &agenda,
        &dutch(
            "Herinneringen voor afspraken instellen",
            "Onder **Instellingen → Agenda** kies je hoeveel uur van tevoren patiënten een herinnering krijgen, per sms of e-mail.",
        ),
    )
    .await;
    let rules = write(
        &agent,
        &agenda,
        &dutch(
            "Eisen aan een wachtwoord",
            "Een wachtwoord heeft minstens twaalf tekens.",
        ),
    )
    .await;
    let zorgmail = write(
        &agent,
        &links,
        &dutch(
            "Koppeling met huisartsen via Zorgmail",
            "Verwijsbrieven van huisartsen komen binnen via Zorgmail. Zet de koppeling aan onder **Instellingen → Koppelingen**.",
        ),
    )
    .await;
    let outages = outage_section(&w.as_contact("piet@delinde.nl").await).await;
    let notice = write(
        &agent,
        &outages,
        &dutch(
            "Gepland onderhoud zondagnacht (afgerond)",
            "Zondag tussen 01:00 en 03:00 uur was het portaal niet bereikbaar door gepland onderhoud.",
        ),
    )
    .await;
    let link = |id: &str| format!("/kb/articles/{id}\"");

    let visitor = w.t.browser();
    for (subject, off) in [
        ("Sjabloon verwijsbrief foutmelding", &zorgmail),
        ("Toegang tot het portaal", &notice),
        ("Probleem met instellen", &reminders),
    ] {
        let page = suggested(&visitor, subject).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.contains(&link(off)), "{subject}: {}", page.body);
        // The search page still finds it.
        let found = visitor
            .get(&format!("/kb/search?q={}", subject.replace(' ', "+")))
            .await;
        assert!(found.contains(&link(off)), "{subject}: {}", found.body);
    }
    for (subject, about) in [
        ("wachtwoord vergeten", &password),
        ("Account geblokkeerd", &password),
        ("zorgmail", &zorgmail),
        ("verwijsbrief huisarts", &zorgmail),
        ("Herinnering per sms", &reminders),
    ] {
        let page = suggested(&visitor, subject).await;
        assert!(page.contains(&link(about)), "{subject}: {}", page.body);
    }

    // The password article's related ones: another about passwords, not one that is also
    // "instellen".
    let page = visitor.get(&format!("/kb/articles/{password}")).await;
    assert!(page.contains("Gerelateerde artikelen"), "{}", page.body);
    assert!(page.contains(&link(&rules)), "{}", page.body);
    assert!(!page.contains(&link(&reminders)), "{}", page.body);
    w.t.stop().await;
}

#[tokio::test]
async fn an_article_only_in_dutch_says_so_to_english_readers() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let section = shelf(&w).await;
    let only_dutch = write(
        &agent,
        &section,
        &dutch(
            "Het retourbestand lezen",
            "In het retourbestand van Vektis staat per declaratieregel of de zorgverzekeraar die heeft goedgekeurd.",
        ),
    )
    .await;
    let both = write(
        &agent,
        &section,
        &[
            ("title_nl", "Declaraties indienen bij Vektis"),
            ("body_nl", "Declaraties verstuur je wekelijks."),
            ("published_nl", "on"),
            ("title_en", "Submitting claims to Vektis"),
            ("body_en", "Send claims weekly."),
            ("published_en", "on"),
        ],
    )
    .await;
    let visitor = w.t.browser();
    let english = |path: String| {
        let visitor = &visitor;
        async move { visitor.get_with(&path, ("accept-language", "en")).await }
    };
    let note = "This article is only available in Dutch.";
    let mark = "Only available in Dutch";

    let page = english(format!("/kb/articles/{only_dutch}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains(note), "{}", page.body);
    assert!(page.contains("Het retourbestand lezen"));
    // The sibling is there in English: no mark on it.
    assert!(!item_of(&page, &both).contains(mark), "{}", page.body);
    let page = english(format!("/kb/articles/{both}")).await;
    assert!(page.contains("Submitting claims to Vektis") && !page.contains(note));
    assert!(
        item_of(&page, &only_dutch).contains(mark),
        "related: {}",
        page.body
    );
    // A Dutch version the reader chose needs no note.
    let chosen = english(format!("/kb/articles/{both}?lang=nl")).await;
    assert!(chosen.contains("Declaraties indienen bij Vektis") && !chosen.contains(note));

    let listed = english(format!("/kb/sections/{section}")).await;
    assert!(
        item_of(&listed, &only_dutch).contains(mark),
        "{}",
        listed.body
    );
    assert!(!item_of(&listed, &both).contains(mark));
    assert_eq!(listed.body.matches(mark).count(), 1);
    let found = english("/kb/search?q=vektis".into()).await;
    assert!(
        item_of(&found, &only_dutch).contains(mark),
        "{}",
        found.body
    );
    assert!(!item_of(&found, &both).contains(mark), "{}", found.body);
    let suggestions = english("/kb/suggest?q=retourbestand".into()).await;
    assert!(item_of(&suggestions, &only_dutch).contains(mark));

    // Dutch readers read it in their language: nothing to say.
    for path in [
        format!("/kb/articles/{only_dutch}"),
        format!("/kb/sections/{section}"),
        "/kb/search?q=vektis".into(),
    ] {
        let page = visitor.get(&path).await;
        assert!(
            !page.contains("Alleen in het") && !page.contains("alleen in het"),
            "{path}: {}",
            page.body
        );
    }
    w.t.stop().await;
}

#[tokio::test]
async fn the_search_page_says_how_many_articles_it_found() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let section = shelf(&w).await;
    for (title, body) in [
        ("Agenda delen", "Deel je agenda met collega's."),
        (
            "Herinneringen",
            "Onder Instellingen → Agenda kies je de herinneringen.",
        ),
        (
            "Storing in de agenda",
            "De agenda was even niet bereikbaar.",
        ),
        (
            "Declaraties indienen bij Vektis",
            "Declaraties verstuur je wekelijks.",
        ),
    ] {
        write(&agent, &section, &dutch(title, body)).await;
    }
    let visitor = w.t.browser();
    for (query, nl, en) in [
        (
            "agenda",
            "3 artikelen gevonden voor „agenda”",
            "3 articles found for “agenda”",
        ),
        (
            "vektis",
            "1 artikel gevonden voor „vektis”",
            "1 article found for “vektis”",
        ),
        (
            "xylofoon",
            "Geen artikelen gevonden voor „xylofoon”",
            "No articles found for “xylofoon”",
        ),
    ] {
        let path = format!("/kb/search?q={query}");
        let dutch = visitor.get(&path).await;
        assert!(dutch.contains(nl), "{query}: {}", dutch.body);
        let english = visitor.get_with(&path, ("accept-language", "en")).await;
        assert!(english.contains(en), "{query}: {}", english.body);
    }
    let none = visitor.get("/kb/search?q=xylofoon").await;
    assert!(none.contains("Probeer andere woorden, of"));
    let some = visitor.get("/kb/search?q=agenda").await;
    assert!(!some.contains("Probeer andere woorden"));
    // A page past the results still counts them, and is not "none found".
    let past = visitor.get("/kb/search?q=agenda&page=3").await;
    assert!(
        past.contains("3 artikelen gevonden voor „agenda”"),
        "{}",
        past.body
    );
    assert!(!past.contains("Probeer andere woorden"));
    w.t.stop().await;
}

//! The contract of the knowledge base: the default outage section, articles with language
//! versions, the revision that tells nodes to rebuild, comments, votes and follows.

use balie_domain::{
    ArticleId, Bilingual, FollowTarget, KbArticle, KbCategory, KbCategoryId, KbCommentId, KbFollow,
    KbSection, KbSectionId, KbText, Language, Timestamp, UserId,
};
use balie_store::Store;

use super::accounts::{T0, contact, org};
use super::tickets::linde_and_anna;

fn text(language: Language, title: &str, published: bool) -> KbText {
    KbText {
        language,
        title: title.into(),
        body: format!("Over {title}."),
        published,
        updated_at: T0,
    }
}

fn article(section: KbSectionId, texts: Vec<KbText>) -> KbArticle {
    KbArticle {
        id: ArticleId::NEW,
        section,
        position: 0,
        outage_open: false,
        author: None,
        created_at: T0,
        updated_at: T0,
        texts,
    }
}

/// A category "Declareren" with a section "Vektis", as the tests' shelf.
async fn shelf(tx: &mut dyn balie_store::Tx) -> KbSectionId {
    let category = tx
        .save_kb_category(&KbCategory {
            id: KbCategoryId::NEW,
            position: 0,
            icon: "euro".into(),
            name: Bilingual::new("Declareren", "Claims"),
            description: Bilingual::new("Alles over declaraties", ""),
        })
        .await
        .unwrap()
        .unwrap();
    tx.save_kb_section(&KbSection {
        id: KbSectionId::NEW,
        category,
        position: 0,
        key: None,
        name: Bilingual::new("Vektis", "Vektis"),
        description: Bilingual::default(),
    })
    .await
    .unwrap()
    .unwrap()
}

pub async fn the_outage_section_exists_and_categories_append(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let sections = tx.kb_sections().await.unwrap();
    let outages: Vec<&KbSection> = sections.iter().filter(|s| s.is_outages()).collect();
    assert_eq!(outages.len(), 1);
    assert_eq!(outages[0].name.nl, "Storing en onderhoud");
    let before = tx.kb_revision().await.unwrap();
    let section = shelf(&mut *tx).await;
    assert!(
        tx.kb_revision().await.unwrap() > before,
        "saving moves the revision"
    );
    let categories = tx.kb_categories().await.unwrap();
    assert_eq!(categories.len(), 2);
    assert_eq!(categories[1].name.nl, "Declareren");
    assert!(categories[1].position > categories[0].position);
    let mut renamed = tx.kb_sections().await.unwrap().pop().unwrap();
    assert_eq!(renamed.id, section);
    renamed.name = Bilingual::new("Vektis-declaraties", "Vektis claims");
    renamed.key = Some("ignored".into());
    assert_eq!(tx.save_kb_section(&renamed).await.unwrap(), Some(section));
    let again = tx.kb_sections().await.unwrap().pop().unwrap();
    assert_eq!(again.name.nl, "Vektis-declaraties");
    assert_eq!(again.key, None, "a section's key never changes");
    renamed.id = KbSectionId(9_999);
    assert_eq!(tx.save_kb_section(&renamed).await.unwrap(), None);
    tx.commit().await.unwrap();
}

pub async fn articles_keep_their_language_versions_and_order(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let section = shelf(&mut *tx).await;
    let first = tx
        .save_kb_article(&article(
            section,
            vec![
                text(Language::Nl, "Declaratie indienen", true),
                text(Language::En, "Submitting a claim", false),
            ],
        ))
        .await
        .unwrap()
        .unwrap();
    let second = tx
        .save_kb_article(&article(
            section,
            vec![text(Language::Nl, "Retourbestand", false)],
        ))
        .await
        .unwrap()
        .unwrap();
    let listed = tx.kb_articles(Some(section)).await.unwrap();
    assert_eq!(
        listed.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![first, second]
    );
    assert_eq!(listed[0].texts.len(), 2);
    assert!(listed[0].text(Language::Nl).unwrap().published);
    assert!(!listed[0].text(Language::En).unwrap().published);
    assert!(!listed[1].is_published());

    // Publishing the English text and dropping nothing else.
    let mut changed = tx.kb_article(first).await.unwrap().unwrap();
    changed.texts[1].published = true;
    changed.texts[1].title = "Submitting claims".into();
    changed.updated_at = Timestamp(T0.0 + 60);
    tx.save_kb_article(&changed).await.unwrap();
    let read = tx.kb_article(first).await.unwrap().unwrap();
    assert_eq!(read.text(Language::En).unwrap().title, "Submitting claims");
    assert_eq!(read.updated_at, Timestamp(T0.0 + 60));
    // A position of 0 keeps the article's place.
    changed.position = 0;
    tx.save_kb_article(&changed).await.unwrap();
    let positions: Vec<i64> = tx
        .kb_articles(Some(section))
        .await
        .unwrap()
        .iter()
        .map(|a| a.position)
        .collect();
    assert_eq!(positions, vec![1, 2]);
    // A language left out is removed.
    changed.texts.truncate(1);
    tx.save_kb_article(&changed).await.unwrap();
    assert!(
        tx.kb_article(first)
            .await
            .unwrap()
            .unwrap()
            .text(Language::En)
            .is_none()
    );

    assert_eq!(tx.kb_articles(None).await.unwrap().len(), 2);
    assert!(tx.kb_article(ArticleId(9_999)).await.unwrap().is_none());
    changed.id = ArticleId(9_999);
    assert_eq!(tx.save_kb_article(&changed).await.unwrap(), None);
    tx.commit().await.unwrap();
}

pub async fn an_article_is_announced_once(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let section = shelf(&mut *tx).await;
    let id = tx
        .save_kb_article(&article(section, vec![text(Language::Nl, "Nieuw", true)]))
        .await
        .unwrap()
        .unwrap();
    assert!(tx.announce_kb_article(id, T0).await.unwrap());
    assert!(!tx.announce_kb_article(id, T0).await.unwrap());
    tx.commit().await.unwrap();
}

pub async fn comments_votes_and_follows_are_kept_per_person(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let (linde, anna) = linde_and_anna(&mut *tx).await;
    let bram = tx
        .insert_user(&contact(linde, "bram@delinde.nl", Default::default()), T0)
        .await
        .unwrap();
    let other = tx.insert_organisation(&org("Zonnehof"), T0).await.unwrap();
    let carla = tx
        .insert_user(&contact(other, "carla@zonnehof.nl", Default::default()), T0)
        .await
        .unwrap();
    let section = shelf(&mut *tx).await;
    let id = tx
        .save_kb_article(&article(section, vec![text(Language::Nl, "Vektis", true)]))
        .await
        .unwrap()
        .unwrap();

    let first = tx
        .add_kb_comment(id, anna, "Heel duidelijk", T0)
        .await
        .unwrap();
    let later = Timestamp(T0.0 + 10);
    tx.add_kb_comment(id, bram, "Bij mij niet", later)
        .await
        .unwrap();
    assert!(tx.set_kb_comment_hidden(first, true).await.unwrap());
    let comments = tx.kb_comments(id).await.unwrap();
    assert_eq!(comments.len(), 2);
    assert!(comments[0].hidden && !comments[1].hidden);
    assert_eq!(comments[0].author_name, "Anna de Vries");
    assert_eq!(tx.kb_comments_by(anna, 10).await.unwrap().len(), 1);
    assert_eq!(
        tx.recent_kb_comments(1).await.unwrap()[0].body,
        "Bij mij niet"
    );
    assert_eq!(tx.kb_comment(first).await.unwrap().unwrap().article, id);
    assert!(
        !tx.set_kb_comment_hidden(KbCommentId(9_999), true)
            .await
            .unwrap()
    );

    tx.vote_kb_article(id, anna, true, T0).await.unwrap();
    tx.vote_kb_article(id, bram, true, T0).await.unwrap();
    tx.vote_kb_article(id, bram, false, later).await.unwrap();
    assert_eq!(tx.kb_votes(id).await.unwrap(), (1, 1), "one vote a person");
    assert_eq!(tx.kb_vote_of(id, bram).await.unwrap(), Some(false));
    assert_eq!(tx.kb_vote_of(id, carla).await.unwrap(), None);

    let on_section = |with_comments| KbFollow {
        target: FollowTarget::Section(section),
        with_comments,
    };
    tx.follow_kb(anna, on_section(false), T0).await.unwrap();
    tx.follow_kb(bram, on_section(false), T0).await.unwrap();
    tx.follow_kb(bram, on_section(true), later).await.unwrap();
    let article_follow = KbFollow {
        target: FollowTarget::Article(id),
        with_comments: true,
    };
    tx.follow_kb(carla, article_follow, T0).await.unwrap();
    let sorted = |mut ids: Vec<UserId>| {
        ids.sort();
        ids
    };
    assert_eq!(
        tx.kb_followers(FollowTarget::Section(section), false)
            .await
            .unwrap(),
        sorted(vec![anna, bram])
    );
    assert_eq!(
        tx.kb_followers(FollowTarget::Section(section), true)
            .await
            .unwrap(),
        vec![bram]
    );
    assert_eq!(
        tx.kb_followers(FollowTarget::Article(id), true)
            .await
            .unwrap(),
        vec![carla]
    );
    assert_eq!(
        tx.kb_follows_of(bram).await.unwrap(),
        vec![on_section(true)]
    );
    assert!(
        tx.unfollow_kb(anna, FollowTarget::Section(section))
            .await
            .unwrap()
    );
    assert!(
        !tx.unfollow_kb(anna, FollowTarget::Section(section))
            .await
            .unwrap()
    );
    assert!(tx.kb_follows_of(anna).await.unwrap().is_empty());
    assert_eq!(
        tx.kb_followers(FollowTarget::Section(section), false)
            .await
            .unwrap(),
        vec![bram]
    );
    tx.commit().await.unwrap();
}

//! `TestApp`: a running portal and helpers to act as a browser would.

use std::path::PathBuf;
use std::sync::Arc;

use balie_app::outbox::EmlFolder;
use balie_app::{App, AppConfig};
use balie_domain::{
    EmailAddress, Language, ManualClock, NewUser, OrgId, PortalRoles, UserId, UserKind,
};
use balie_store::sqlite::SqliteStore;
use balie_store::test_schema::TestSchema;
use balie_store::{NewOrganisation, Store};
use base64::Engine;
use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};

pub struct TestApp {
    pub base: String,
    pub app: Arc<App>,
    /// The portal's database, for arranging what a test needs and reading what it did.
    pub store: Arc<dyn Store>,
    pub clock: ManualClock,
    mail_dir: PathBuf,
    _dir: tempfile::TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    /// Last, so that it goes after the store's connections.
    _schema: Option<TestSchema>,
}

/// The configuration tests start from: cheap password hashing, everything else as shipped.
pub fn test_config() -> AppConfig {
    AppConfig {
        argon2_memory_kib: 1024,
        ..AppConfig::default()
    }
}

impl TestApp {
    pub async fn start() -> TestApp {
        Self::start_with(test_config()).await
    }

    pub async fn start_with(mut config: AppConfig) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let (store, schema): (Arc<dyn Store>, _) =
            match std::env::var("BALIE_TEST_BACKEND").as_deref() {
                Ok("postgres") => {
                    let url = std::env::var("BALIE_TEST_DATABASE_URL")
                        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
                    let (store, schema) = TestSchema::create(&url, "h")
                        .await
                        .unwrap_or_else(|e| panic!("PostgreSQL at {url}: {e}"));
                    (Arc::new(store), Some(schema))
                }
                _ => {
                    let path = dir.path().join("balie.sqlite");
                    (
                        Arc::new(SqliteStore::open(path.to_str().unwrap()).await.unwrap()),
                        None,
                    )
                }
            };
        store.migrate().await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        if !config.base_url.starts_with("https://") {
            config.base_url = base.clone();
        }
        let clock = ManualClock::new();
        let blobs = Arc::new(balie_app::blobs::FolderBlobs::new(
            dir.path().join("attachments"),
        ));
        let app =
            Arc::new(App::new(store.clone(), config, Arc::new(clock.clone()), blobs).unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let state = balie_web::AppState::new(app.clone());
        tokio::spawn(async move {
            balie_web::serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        TestApp {
            base,
            app,
            store,
            clock,
            mail_dir: dir.path().join("mail"),
            _dir: dir,
            shutdown: Some(tx),
            _schema: schema,
        }
    }

    /// The folder the test's database, mail and attachments live in.
    pub fn data_dir(&self) -> std::path::PathBuf {
        self._dir.path().to_path_buf()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A new browser: its own cookies, no automatic redirects.
    pub fn browser(&self) -> Browser {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .unwrap();
        Browser {
            client,
            base: self.base.clone(),
        }
    }

    /// Delivers every queued mail into the mail folder and returns the whole folder, oldest first.
    pub async fn mail(&self) -> Vec<Mail> {
        let transport = EmlFolder::new(self.mail_dir.clone());
        self.app.deliver_due_mail(&transport).await.unwrap();
        let mut files: Vec<_> = match std::fs::read_dir(&self.mail_dir) {
            Ok(dir) => dir
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "eml"))
                .collect(),
            Err(_) => vec![],
        };
        files.sort();
        files
            .iter()
            .map(|p| Mail::parse(&std::fs::read_to_string(p).unwrap()))
            .collect()
    }

    /// The mails sent to `to`, oldest first.
    pub async fn mail_to(&self, to: &str) -> Vec<Mail> {
        self.mail()
            .await
            .into_iter()
            .filter(|m| m.to.contains(to))
            .collect()
    }

    pub async fn organisation(&self, name: &str) -> OrgId {
        let mut tx = self.store.begin().await.unwrap();
        let new = NewOrganisation {
            name: name.into(),
            address: String::new(),
            postcode: String::new(),
            city: String::new(),
            phone: String::new(),
            email: String::new(),
        };
        let id = tx.insert_organisation(&new, self.app.now()).await.unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A contact with a portal e-mail, invited; returns the invitation link.
    pub async fn invited_contact(
        &self,
        org: OrgId,
        email: &str,
        roles: PortalRoles,
    ) -> (UserId, String) {
        let kind = UserKind::Contact { org, roles };
        self.invited(kind, email).await
    }

    pub async fn invited_agent(&self, email: &str) -> (UserId, String) {
        self.invited(UserKind::Agent { admin: false }, email).await
    }

    async fn invited(&self, kind: UserKind, email: &str) -> (UserId, String) {
        let mut tx = self.store.begin().await.unwrap();
        let new = NewUser {
            kind,
            first_name: "Anna".into(),
            last_name: "Jansen".into(),
            gender: None,
            phone: String::new(),
            email: Some(EmailAddress::parse(email).unwrap()),
            language: Language::Nl,
        };
        let id = tx.insert_user(&new, self.app.now()).await.unwrap();
        tx.commit().await.unwrap();
        let invitation = self.app.send_invitation(None, id).await.unwrap();
        (id, invitation.link)
    }

    /// A contact who has set `password` through the invitation.
    pub async fn contact_with_password(
        &self,
        org: OrgId,
        email: &str,
        roles: PortalRoles,
        password: &str,
    ) -> UserId {
        let (id, link) = self.invited_contact(org, email, roles).await;
        let token = link.rsplit('/').next().unwrap();
        self.app
            .set_password(token, password, password)
            .await
            .unwrap();
        id
    }

    pub async fn agent_with_password(&self, email: &str, password: &str) -> UserId {
        let (id, link) = self.invited_agent(email).await;
        let token = link.rsplit('/').next().unwrap();
        self.app
            .set_password(token, password, password)
            .await
            .unwrap();
        id
    }

    pub async fn admin_with_password(&self, email: &str, password: &str) -> UserId {
        let (id, link) = self.invited(UserKind::Agent { admin: true }, email).await;
        let token = link.rsplit('/').next().unwrap();
        self.app
            .set_password(token, password, password)
            .await
            .unwrap();
        id
    }

    pub async fn user(&self, id: UserId) -> balie_domain::User {
        let mut tx = self.store.read().await.unwrap();
        tx.user(id).await.unwrap().unwrap()
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.store.close().await;
    }
}

pub struct Browser {
    pub client: Client,
    base: String,
}

/// A response read whole.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    async fn read(r: Response) -> Page {
        let status = r.status();
        let headers = r.headers().clone();
        let location = headers
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        let set_cookies = headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        Page {
            status,
            location,
            set_cookies,
            headers,
            body: r.text().await.unwrap(),
        }
    }

    /// The CSRF token of the page's forms.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self
            .body
            .find(marker)
            .unwrap_or_else(|| panic!("no form on page: {}", self.body))
            + marker.len();
        self.body[start..start + 64].to_string()
    }

    pub fn contains(&self, text: &str) -> bool {
        self.body
            .contains(&text.replace('"', "&quot;").replace('\'', "&#x27;"))
            || self
                .body
                .contains(&text.replace('"', "&#34;").replace('\'', "&#39;"))
            || self.body.contains(text)
    }
}

impl Browser {
    pub async fn get(&self, path: &str) -> Page {
        Page::read(
            self.client
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn get_with(&self, path: &str, header: (&str, &str)) -> Page {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header(header.0, header.1)
            .send()
            .await
            .unwrap();
        Page::read(r).await
    }

    /// Posts raw form fields, exactly as given (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap();
        Page::read(r).await
    }

    /// Posts `body` as it is, with `content_type` (or none), as a script rather than a browser
    /// would.
    pub async fn post_bytes(&self, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Page {
        let mut request = self.client.post(format!("{}{path}", self.base)).body(body);
        if let Some(ct) = content_type {
            request = request.header("content-type", ct);
        }
        Page::read(request.send().await.unwrap()).await
    }

    /// Posts a `multipart/form-data` form as built (the caller adds the CSRF token).
    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Page {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        Page::read(r).await
    }

    /// Opens `page`, then submits its form to `action` with `fields` and the page's CSRF token.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.get(page).await.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(action, &all).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        self.submit(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// "Afmelden", with the token of the home page's form.
    pub async fn sign_out(&self) -> Page {
        let csrf = self.get("/").await.csrf();
        self.post_raw("/logout", &[("csrf", &csrf)]).await
    }

    pub async fn agent_sign_in(&self, email: &str, password: &str) -> Page {
        self.submit(
            "/agent/login",
            "/agent/login",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

/// A delivered e-mail, read from its `.eml` file.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub raw: String,
}

impl Mail {
    fn parse(raw: &str) -> Mail {
        let (head, _) = raw.split_once("\r\n\r\n").unwrap();
        let header = |name: &str| {
            unfold(head)
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_string))
                .unwrap_or_default()
        };
        Mail {
            to: header("To"),
            subject: decode_words(&header("Subject")),
            text: part(raw, "text/plain"),
            html: part(raw, "text/html"),
            raw: raw.to_string(),
        }
    }

    /// The first link into the portal that carries a one-time token.
    pub fn link(&self) -> String {
        let start = self.text.find("http").expect("a link in the mail");
        let rest = &self.text[start..];
        rest.split_whitespace().next().unwrap().to_string()
    }

    /// The path of [`Self::link`].
    pub fn link_path(&self) -> String {
        let link = self.link();
        let after_scheme = link.split_once("://").unwrap().1;
        format!("/{}", after_scheme.split_once('/').unwrap().1)
    }
}

fn unfold(head: &str) -> String {
    head.replace("\r\n ", " ")
        .replace("\r\n\t", " ")
        .replace("\r\n", "\n")
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?...?=`) in a header.
fn decode_words(value: &str) -> String {
    value
        .split(' ')
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            if lower.starts_with("=?utf-8?b?") && w.ends_with("?=") {
                let b = base64::engine::general_purpose::STANDARD
                    .decode(&w[10..w.len() - 2])
                    .unwrap();
                String::from_utf8(b).unwrap()
            } else if lower.starts_with("=?utf-8?q?") && w.ends_with("?=") {
                decode_qp(&w[10..w.len() - 2].replace('_', " "))
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The decoded body of the first MIME part of `content_type`.
fn part(raw: &str, content_type: &str) -> String {
    let marker = format!("Content-Type: {content_type}");
    let Some(start) = raw.find(&marker) else {
        return String::new();
    };
    let rest = &raw[start..];
    let (headers, body) = rest.split_once("\r\n\r\n").unwrap();
    let body = body.split("\r\n--").next().unwrap();
    let encoding = headers
        .lines()
        .find_map(|l| l.strip_prefix("Content-Transfer-Encoding: "))
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    match encoding.as_str() {
        "base64" => {
            let compact: String = body.split_whitespace().collect();
            String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .unwrap(),
            )
            .unwrap()
        }
        "quoted-printable" => decode_qp(&body.replace("=\r\n", "")),
        _ => body.replace("\r\n", "\n"),
    }
}

fn decode_qp(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'='
            && let Some(Ok(b)) = hex.map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap().replace("\r\n", "\n")
}

pub fn beheerder() -> PortalRoles {
    PortalRoles::BEHEERDER
}

pub fn medewerker() -> PortalRoles {
    PortalRoles::new(false, true, false).unwrap()
}

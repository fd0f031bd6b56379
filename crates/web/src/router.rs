//! The routes and the layers around them.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::error::WebError;
use crate::extract::csrf_cookie;
use crate::middleware::{error_pages, request_timeout, security_headers};
use crate::{AppState, pages};

/// Forms are small; uploads get their own, larger limit on their own routes.
const FORM_LIMIT_BYTES: usize = 64 * 1024;

/// Requests without an account (C3): only there when the configuration allows them, so a
/// portal without them takes no uploads from visitors at all.
fn anonymous_routes(state: &AppState, upload_limit: usize) -> Router<AppState> {
    use pages::support::request as anonymous;
    if !state.app.config().anonymous_requests {
        return Router::new();
    }
    Router::new()
        .route("/request", get(anonymous::index))
        .route(
            "/request/{key}",
            get(anonymous::form).post(anonymous::submit.layer(DefaultBodyLimit::max(upload_limit))),
        )
}

/// "Mijn organisatie" and "Facturen/Abonnement" of a signed-in contact.
fn organisation_routes(upload_limit: usize) -> Router<AppState> {
    use pages::billing;
    use pages::organisation::{contacts, details as organisation};
    use pages::support::{attachments, tickets as support};
    let uploads = DefaultBodyLimit::max(upload_limit);
    Router::new()
        .route("/organisation", get(organisation::hub))
        .route("/organisation/details", get(organisation::details))
        .route(
            "/organisation/details/edit",
            get(organisation::details_form).post(organisation::save_details),
        )
        .route("/organisation/personal", get(organisation::personal))
        .route(
            "/organisation/personal/edit",
            get(organisation::personal_form).post(organisation::save_personal),
        )
        .route("/organisation/contacts", get(contacts::list))
        .route(
            "/organisation/contacts/new",
            get(contacts::new_form).post(contacts::create),
        )
        .route("/organisation/contacts/{id}", get(contacts::show))
        .route(
            "/organisation/contacts/{id}/edit",
            get(contacts::edit_form).post(contacts::update),
        )
        .route("/organisation/contacts/{id}/invite", post(contacts::resend))
        .route(
            "/organisation/contacts/{id}/remove-access",
            get(contacts::remove_form).post(contacts::remove),
        )
        .route("/support", get(support::index))
        .route(
            "/support/new/{key}",
            get(support::new_form).post(support::submit.layer(uploads)),
        )
        .route("/support/follow", post(support::follow))
        .route("/tickets/{number}", get(support::show))
        .route(
            "/tickets/{number}/comment",
            post(support::comment.layer(uploads)),
        )
        .route(
            "/tickets/{number}/attachments/{id}",
            get(attachments::for_contact),
        )
        .route(
            "/tickets/{number}/attachments/{id}/preview",
            get(attachments::preview_for_contact),
        )
        .route("/tickets/{number}/solve", post(support::solve))
        .route("/tickets/{number}/ccs", post(support::change_ccs))
        .route("/billing", get(billing::overview))
        .route("/billing/invoices/{id}", get(billing::invoice))
        .route("/billing/invoices/{id}/pdf", get(billing::invoice_pdf))
        .route(
            "/billing/change",
            get(billing::change_form).post(billing::change),
        )
}

/// The agent's organisation pages.
fn agent_routes(upload_limit: usize) -> Router<AppState> {
    use pages::agent::settings::{agents, forms, routing};
    use pages::agent::{organisations as orgs, tickets};
    use pages::billing;
    use pages::organisation::contacts;
    Router::new()
        .route("/agent/tickets", get(tickets::list))
        .route(
            "/agent/tickets/{number}",
            get(tickets::show).post(tickets::update.layer(DefaultBodyLimit::max(upload_limit))),
        )
        .route(
            "/agent/tickets/{number}/attachments/{id}",
            get(pages::support::attachments::for_agent),
        )
        .route(
            "/agent/tickets/{number}/attachments/{id}/preview",
            get(pages::support::attachments::preview_for_agent),
        )
        .route("/agent/settings/forms", get(forms::overview))
        // Forms and main categories: `{kind}` is `forms` or `categories`.
        .route(
            "/agent/settings/{kind}/new",
            get(forms::new_texts).post(forms::create),
        )
        .route(
            "/agent/settings/{kind}/{id}",
            get(forms::texts).post(forms::save),
        )
        .route("/agent/settings/forms/{id}/fields", post(forms::add_field))
        .route(
            "/agent/settings/fields/{id}",
            get(forms::field_form).post(forms::save_field),
        )
        .route(
            "/agent/settings/fields/{id}/retire",
            post(forms::retire_field),
        )
        .route("/agent/settings/routing", get(routing::show))
        .route(
            "/agent/settings/agents",
            get(agents::show).post(agents::invite),
        )
        .route(
            "/agent/settings/agents/{id}",
            get(agents::show_agent).post(agents::update_agent),
        )
        .route("/agent/settings/routing/rules", post(routing::add_rule))
        .route(
            "/agent/settings/routing/rules/{id}/delete",
            post(routing::delete_rule),
        )
        .route(
            "/agent/settings/routing/billing-group",
            post(routing::set_billing_group),
        )
        .route("/agent/organisations", get(orgs::list))
        .route(
            "/agent/organisations/new",
            get(orgs::new_form).post(orgs::create),
        )
        .route("/agent/organisations/{org}", get(orgs::show))
        .route(
            "/agent/organisations/{org}/edit",
            get(orgs::edit_form).post(orgs::update),
        )
        .route(
            "/agent/organisations/{org}/requests-shared",
            post(orgs::set_shared),
        )
        .route("/agent/organisations/{org}/plan", post(orgs::set_plan))
        .route(
            "/agent/organisations/{org}/licences",
            post(orgs::add_licence),
        )
        .route(
            "/agent/organisations/{org}/licences/{id}/delete",
            post(orgs::remove_licence),
        )
        .route(
            "/agent/organisations/{org}/invoices/new",
            get(orgs::new_invoice_form).post(orgs::create_invoice),
        )
        .route(
            "/agent/organisations/{org}/invoices/{id}",
            get(billing::invoice),
        )
        .route(
            "/agent/organisations/{org}/invoices/{id}/pdf",
            get(billing::invoice_pdf),
        )
        .route(
            "/agent/organisations/{org}/invoices/{id}/status",
            post(orgs::set_invoice_status),
        )
        .route(
            "/agent/organisations/{org}/contacts/new",
            get(contacts::new_form).post(contacts::create),
        )
        .route(
            "/agent/organisations/{org}/contacts/{id}",
            get(contacts::show),
        )
        .route(
            "/agent/organisations/{org}/contacts/{id}/edit",
            get(contacts::edit_form).post(contacts::update),
        )
        .route(
            "/agent/organisations/{org}/contacts/{id}/invite",
            post(contacts::resend),
        )
        .route(
            "/agent/organisations/{org}/contacts/{id}/remove-access",
            get(contacts::remove_form).post(contacts::remove),
        )
        .route(
            "/agent/organisations/{org}/contacts/{id}/unblock",
            post(contacts::agent_unblock),
        )
}

/// An article's two language versions, form-encoded: up to 100,000 characters each, and a
/// character may take nine bytes once percent-encoded.
const KB_ARTICLE_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// "Artikelen" for readers and "Kennisbank" for agents (F1-F6, D5).
fn kb_routes() -> Router<AppState> {
    use pages::agent::kb::{articles, home as agent, shelves};
    use pages::kb::{follow, reading as kb};
    let article_limit = DefaultBodyLimit::max(KB_ARTICLE_LIMIT_BYTES);
    Router::new()
        .route("/kb", get(kb::home))
        .route("/kb/search", get(kb::search))
        .route("/kb/suggest", get(kb::suggest))
        .route("/kb/categories/{id}", get(kb::category))
        .route("/kb/sections/{id}", get(kb::section))
        .route("/kb/sections/{id}/follow", post(follow::follow_section))
        .route("/kb/sections/{id}/unfollow", post(follow::unfollow_section))
        .route("/kb/articles/{id}", get(kb::article))
        .route("/kb/articles/{id}/follow", post(follow::follow_article))
        .route("/kb/articles/{id}/unfollow", post(follow::unfollow_article))
        .route("/kb/articles/{id}/comments", post(follow::comment))
        .route("/kb/articles/{id}/vote", post(follow::vote))
        .route("/activities", get(follow::contributions))
        .route("/activities/following", get(follow::following))
        .route("/activities/following/unfollow", post(follow::unfollow))
        .route("/agent/kb", get(agent::overview))
        // Categories and sections: `{kind}` is `categories` or `sections`.
        .route(
            "/agent/kb/{kind}/new",
            get(shelves::new).post(shelves::create),
        )
        .route(
            "/agent/kb/{kind}/{id}",
            get(shelves::edit).post(shelves::update),
        )
        .route(
            "/agent/kb/articles/new",
            get(articles::new_article).post(articles::create_article.layer(article_limit)),
        )
        .route(
            "/agent/kb/articles/{id}",
            get(articles::edit_article).post(articles::update_article.layer(article_limit)),
        )
        .route("/agent/kb/comments", get(agent::comments))
        .route("/agent/kb/comments/{id}/hide", post(agent::hide_comment))
        .route("/agent/kb/comments/{id}/show", post(agent::show_comment))
}

/// The body a form with files may have: the files the form takes at their largest, and room
/// for the text fields.
fn upload_limit(state: &AppState) -> usize {
    let per_file = state.app.config().attachment_max_bytes;
    per_file.saturating_mul(balie_app::tickets::MAX_FILES) + FORM_LIMIT_BYTES
}

pub fn router(state: AppState) -> Router {
    let upload_limit = upload_limit(&state);
    let x_request_id = axum::http::HeaderName::from_static("x-request-id");
    Router::new()
        .route("/", get(pages::home))
        .route("/login", get(pages::sign_in_form).post(pages::sign_in))
        .route(
            "/agent/login",
            get(pages::agent_sign_in_form).post(pages::agent_sign_in),
        )
        .route("/logout", post(pages::sign_out))
        .route(
            "/password/forgot",
            get(pages::forgot_password_form).post(pages::forgot_password),
        )
        .route("/register", get(pages::register_form).post(pages::register))
        .route(
            "/password/set/{token}",
            get(pages::set_password_form).post(pages::set_password),
        )
        .route("/account", get(pages::profile))
        .route(
            "/account/password",
            get(pages::change_password_form).post(pages::change_password),
        )
        .route("/language", post(pages::switch_language))
        .route("/agent", get(pages::agent_home))
        .merge(anonymous_routes(&state, upload_limit))
        .merge(organisation_routes(upload_limit))
        .merge(agent_routes(upload_limit))
        .merge(kb_routes())
        .route("/healthz", get(pages::healthz))
        .route("/readyz", get(pages::readyz))
        .route("/manifest.webmanifest", get(pages::manifest))
        .route("/favicon.ico", get(pages::favicon))
        .route("/static/balie.css", get(pages::stylesheet))
        .route("/static/icon.svg", get(pages::icon_svg))
        .route("/static/balie.js", get(pages::script))
        .route("/static/icon-192.png", get(pages::icon_png_192))
        .route("/static/icon-512.png", get(pages::icon_png_512))
        .fallback(|| async { WebError::NotFound })
        .layer(DefaultBodyLimit::max(FORM_LIMIT_BYTES))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(
                    x_request_id.clone(),
                    MakeRequestUuid,
                ))
                .layer(TraceLayer::new_for_http())
                .layer(PropagateRequestIdLayer::new(x_request_id))
                .layer(from_fn_with_state(state.clone(), security_headers))
                // Outside the error pages, which draw the header's sign-out form with the token.
                .layer(from_fn_with_state(state.clone(), csrf_cookie))
                .layer(from_fn_with_state(state.clone(), error_pages))
                .layer(axum::middleware::from_fn(request_timeout)),
        )
        .with_state(state)
}

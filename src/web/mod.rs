//! The HTTP face of the app: the route table, shared state, sessions, forms,
//! security middleware and one module per page family.

pub mod body_deadline;
pub mod confirm;
pub mod connections;
pub mod console;
pub mod error;
pub mod error_pages;
pub mod event_forms;
pub mod form;
pub mod frame_guard;
pub mod head;
pub mod identity;
pub mod metrics;
pub mod multipart;
pub mod pages;
pub mod qr;
pub mod rate_limit;
pub mod render;
pub mod request_log;
pub mod security;
pub mod suggest;
pub mod views;
pub mod visit;

use crate::config::Settings;
use crate::store::Store;
use actix_web::web;

/// What every handler can reach.
pub struct AppState {
    pub store: Store,
    pub live: crate::live::Live,
    pub templates: render::Templates,
    /// Every event's in-memory read model (`service::live_view::cache`).
    pub models: std::sync::Arc<crate::service::live_view::cache::ReadModels>,
    pub settings: Settings,
}

/// The umbrella's pages: its settings, export and import, its archive
/// across events, and the brand colour's stylesheet.
fn umbrella_routes(cfg: &mut web::ServiceConfig) {
    use pages::{umbrella, umbrella_archive, umbrella_defaults};
    cfg.route("/archive", web::get().to(umbrella_archive::archive))
        .route("/umbrella.css", web::get().to(umbrella::brand_css))
        .route("/admin/umbrella", web::get().to(umbrella::settings))
        .route("/admin/umbrella", web::post().to(umbrella::save))
        .route(
            "/admin/umbrella/defaults",
            web::get().to(umbrella_defaults::page),
        )
        .route(
            "/admin/umbrella/defaults",
            web::post().to(umbrella_defaults::save),
        )
        .route("/admin/export.json", web::get().to(umbrella::export))
        .service(
            web::resource("/admin/import")
                .app_data(web::PayloadConfig::new(umbrella::IMPORT_LIMIT))
                .route(web::post().to(umbrella::import)),
        );
}

/// The route table, in one place.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use pages::*;
    // An event's pages first: nearly every request is one of them, and the
    // router tries each pattern in turn (one with a `{…}` costs a regex run).
    cfg.configure(event_routes)
        .route("/", web::get().to(home::index))
        .route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(metrics::scrape))
        .service(web::scope("/static").route("/{path:.*}", web::get().to(assets::serve)))
        .route("/panel-sw.js", web::get().to(panel_worker::serve))
        .route("/signin/{token}", web::get().to(people::sign_in_with_link))
        .route("/signout", web::post().to(people::sign_out))
        .route("/admin", web::get().to(admin::index))
        .route("/admin/events", web::post().to(admin::create_event))
        .route("/admin/setup/{token}", web::get().to(admin::setup_form))
        .route("/admin/setup/{token}", web::post().to(admin::setup))
        .route("/admin/signin/{token}", web::get().to(admin::sign_in))
        .configure(umbrella_routes)
        .route(
            "/admin/local-organisers",
            web::post().to(admin_local::invite),
        )
        .route(
            "/admin/events/{slug}/review",
            web::post().to(admin_local::review),
        )
        .route("/local", web::get().to(local::index))
        .route(
            "/local/signin/{token}",
            web::get().to(local::sign_in_with_link),
        )
        .route("/local/login", web::get().to(local::login_form))
        .route("/local/login", web::post().to(local::login))
        .route("/local/password", web::post().to(local::set_password))
        .route("/local/events", web::post().to(local::propose))
        .route("/local/events/{slug}/enter", web::post().to(local::enter))
        .service(
            web::scope(api::PREFIX)
                .wrap(api::cors())
                .configure(api::routes)
                .default_service(web::to(api::not_found)),
        )
        .default_service(web::to(error::not_found));
}

/// An event's pages, under `/e/{slug}`. Kept last in this file: the
/// cross-event matrix's reader (tests/integration/route_table.rs) reads
/// from this scope to the end.
fn event_routes(cfg: &mut web::ServiceConfig) {
    use pages::*;
    cfg.service(
        web::scope("/e/{slug}")
            .route("", web::get().to(event::show))
            .route("/join", web::post().to(event::sign_up))
            .route("/me", web::get().to(people::me))
            .route("/me/link", web::get().to(people::confirm_new_link))
            .route("/me/link", web::post().to(people::new_link))
            .route("/pitch", web::get().to(pitch::new_form))
            .route("/pitch", web::post().to(pitch::create))
            .route("/p/{id}", web::get().to(project::show))
            .route("/p/{id}/edit", web::get().to(pitch::edit_form))
            .route("/p/{id}/edit", web::post().to(pitch::update))
            .route("/p/{id}/withdraw", web::post().to(pitch::withdraw))
            .route("/p/{id}/hide", web::post().to(project::hide))
            .route("/organise", web::get().to(organise::console))
            .route("/people", web::get().to(roster::page))
            .route("/people/move", web::post().to(roster::move_person))
            .route(
                "/organise/settings",
                web::post().to(organise::update_settings),
            )
            .route("/organise/phase", web::post().to(organise::set_phase))
            .route(
                "/organise/schedule",
                web::post().to(organise::add_schedule_item),
            )
            .route(
                "/organise/schedule/{id}/delete",
                web::post().to(organise::delete_schedule_item),
            )
            .route("/organise/people", web::post().to(organise::appoint))
            .route(
                "/organise/people/{id}/link",
                web::post().to(organise::reissue_link),
            )
            .route(
                "/organise/people/{id}/revoke",
                web::post().to(organise::revoke),
            )
            .route("/display", web::get().to(display::show))
            .route("/live", web::get().to(live::connect))
            .route("/p/{id}/join", web::post().to(teams::join))
            .route("/leave", web::post().to(teams::leave))
            .route("/p/{id}/hand-over", web::post().to(teams::hand_over))
            .route("/organise/move", web::post().to(teams::organiser_move))
            .route(
                "/organise/display/scene",
                web::post().to(organise::set_scene),
            )
            .route("/organise/display/timer", web::post().to(organise::timer))
            .route("/p/{id}/submission", web::post().to(project::save))
            .route("/projects", web::get().to(archive::archive))
            .route("/organise/order", web::get().to(order::order_page))
            .route("/organise/order", web::post().to(order::change_order))
            .route("/organise/present", web::post().to(order::present))
            .route("/export/projects.csv", web::get().to(exports::csv))
            .route("/export/projects.json", web::get().to(exports::json))
            .route("/export/scores.csv", web::get().to(exports::scores_csv))
            .route("/organise/judging", web::get().to(judging_setup::setup))
            .route(
                "/organise/criteria",
                web::post().to(judging_setup::add_criterion),
            )
            .route(
                "/organise/criteria/defaults",
                web::post().to(judging_setup::default_criteria),
            )
            .route(
                "/organise/criteria/{id}/delete",
                web::post().to(judging_setup::delete_criterion),
            )
            .route("/organise/prizes", web::post().to(judging_setup::add_prize))
            .route(
                "/organise/prizes/{id}/delete",
                web::post().to(judging_setup::delete_prize),
            )
            .route(
                "/organise/judging/open",
                web::post().to(judging_setup::set_open),
            )
            .route(
                "/organise/judges/{id}/revoke",
                web::post().to(judging_setup::revoke),
            )
            .route("/organise/results", web::get().to(results::page))
            .route("/organise/votes", web::get().to(votes::page))
            .route("/organise/votes/rule", web::post().to(votes::set_rule))
            .route("/organise/votes/void", web::post().to(votes::void))
            .route(
                "/organise/results/{id}/winner",
                web::post().to(results::set_winner),
            )
            .route(
                "/organise/results/{id}/reveal",
                web::post().to(results::reveal),
            )
            .route(
                "/organise/results/judges/{id}/scores",
                web::post().to(results::revoked_scores),
            )
            .route("/judge", web::get().to(panel::panel))
            .route("/judge/p/{id}", web::post().to(panel::score_form))
            .route(
                "/judge/p/{id}/scores.json",
                web::post().to(panel::score_json),
            )
            .route("/judge/p/{id}/conflict", web::post().to(panel::conflict))
            .route("/vote", web::get().to(vote::vote_page))
            .route("/vote", web::post().to(vote::vote))
            .configure(announcements::routes)
            .configure(merge::routes)
            .configure(print::routes)
            .configure(paper_scores::routes),
    );
}

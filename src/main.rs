//! The `hackday` command: serve, demo, migrate.

use clap::Parser;
use hackday::config::{Cli, Command, Settings};
use hackday::ops;
use hackday::service::demo::DemoState;
use hackday::startup::Application;
use hackday::store::connection::sqlite_path;
use hackday::store::{self, Backend};
use std::path::Path;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    hackday::ops::logging::init(cli.log_format);
    let (args, demo, fresh) = match cli.command {
        None => (cli.serve, false, false),
        Some(Command::Serve(args)) => (args, false, false),
        Some(Command::Demo(args)) => (args.serve, true, args.fresh),
        Some(Command::Migrate { database_url }) => {
            let (_, applied) = store::Store::open(&database_url, 1, store::SqliteSync::Full)?;
            println!("{} migration(s) applied", applied.len());
            return Ok(());
        }
        Some(Command::Backup { path, database_url }) => {
            ops::backup::backup_command(&database_url, &path)?;
            println!("backed up to {}", path.display());
            return Ok(());
        }
        Some(Command::Restore {
            from,
            database_url,
            force,
        }) => {
            ops::backup::restore_command(&from, &database_url, force)?;
            println!("restored {} into {database_url}", from.display());
            return Ok(());
        }
    };
    let mut settings = Settings::from(args);
    settings.demo |= demo;
    settings.fresh_demo = fresh;
    let backend = Backend::of_url(&settings.database_url);
    // Held while serving, so `hackday restore` (and a second server) can
    // tell the SQLite database is in use.
    let _lock = match backend {
        Backend::Sqlite => Some(ops::lock::take(Path::new(sqlite_path(
            &settings.database_url,
        )))?),
        Backend::Postgres => None,
    };
    let app = Application::build(settings).await?;
    print_links(&app, backend);
    let stopper = app.stop_handle();
    let mut server = actix_web::rt::spawn(app.server);
    tokio::select! {
        ended = &mut server => ended??,
        _ = hackday::stop::signal() => {
            // Bounded by STOP_WITHIN; the server task ends with it.
            stopper.stop(true).await;
            server.await??;
        }
    }
    Ok(())
}

fn print_links(app: &Application, backend: Backend) {
    let base = &app.base_url;
    println!("hackday is running on {} at {base}/", backend.name());
    if let Some(metrics) = app.metrics_address {
        println!("  metrics: http://{metrics}/metrics");
    }
    if !app.migrations_applied.is_empty() {
        println!("  applied {} migration(s)", app.migrations_applied.len());
    }
    if let Some(token) = &app.setup_token {
        println!(
            "  first start: set up the admin (one-time link): {base}/admin/setup/{}",
            token.as_str()
        );
    }
    if let Some(demo) = &app.demo {
        let slug = hackday::service::demo::DEMO_SLUG;
        println!("  demo event {}:", demo_state_note(demo.state));
        println!("    event page:  {base}/e/{slug}");
        println!("    organiser:   {base}/signin/{}", demo.organiser.as_str());
        println!("    judge:       {base}/signin/{}", demo.judge.as_str());
        println!("    projector:   {base}/e/{slug}/display");
    }
}

/// What the demo event's line says about its data, so a second run never
/// leaves anyone guessing whether their changes are still there.
fn demo_state_note(state: DemoState) -> &'static str {
    match state {
        DemoState::Loaded => "(just loaded)",
        DemoState::Kept => {
            "(kept from an earlier run, with every change made since; \
             `hackday demo --fresh` resets it)"
        }
        DemoState::Reset => "(reset to its starting state)",
    }
}

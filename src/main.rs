//! The `hackday` command: serve, demo, migrate.

use clap::Parser;
use hackday::config::{Cli, Command, Settings};
use hackday::startup::Application;
use hackday::store::{self, Backend};

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    init_logging();
    let cli = Cli::parse();
    let (args, demo) = match cli.command {
        None => (cli.serve, false),
        Some(Command::Serve(args)) => (args, false),
        Some(Command::Demo(args)) => (args, true),
        Some(Command::Migrate { database_url }) => {
            let (_, applied) = store::Store::open(&database_url, 1, store::SqliteSync::Full)?;
            println!("{} migration(s) applied", applied.len());
            return Ok(());
        }
    };
    let mut settings = Settings::from(args);
    settings.demo |= demo;
    let backend = Backend::of_url(&settings.database_url);
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
        println!(
            "  demo event{}:",
            if demo.created { " (just loaded)" } else { "" }
        );
        println!("    event page:  {base}/e/{slug}");
        println!("    organiser:   {base}/signin/{}", demo.organiser.as_str());
        println!("    judge:       {base}/signin/{}", demo.judge.as_str());
        println!("    projector:   {base}/e/{slug}/display");
    }
}

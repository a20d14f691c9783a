//! The integration suite: one binary, a real server per test on a random
//! port with its own fresh database, on SQLite and on PostgreSQL.

#[macro_use]
mod helpers;

mod admin;
mod api;
mod api_schema;
mod architecture;
mod browser;
mod browser_harness;
mod change_path;
mod display;
mod health;
mod judging;
mod migrations;
mod organise;
mod pitches;
mod restart_load;
mod restarts;
mod security;
mod signup;
mod submissions;
mod teams;
mod ws;

//! The integration suite: one binary, a real server per test on a random
//! port with its own fresh database, on SQLite and on PostgreSQL.

#[macro_use]
mod helpers;

mod admin;
mod architecture;
mod browser;
mod browser_harness;
mod change_path;
mod control_chars;
mod display;
mod health;
mod join_code;
mod judging;
mod migrations;
mod organise;
mod pitches;
mod security;
mod sessions;
mod signup;
mod submissions;
mod teams;
mod voting;
mod ws;

//! The integration suite: one binary, a real server per test on a random
//! port with its own fresh database, on SQLite and on PostgreSQL.

#[macro_use]
mod helpers;

mod admin;
mod api;
mod api_schema;
mod architecture;
mod attendee;
mod backups;
mod browser;
mod browser_attendee;
mod browser_harness;
mod browser_judge;
mod browser_layout;
mod browser_panel;
mod browser_projector;
mod change_path;
mod control_chars;
mod demo;
mod display;
mod edge_conn;
mod edge_db;
mod edge_http;
mod edge_ws;
mod health;
mod join_code;
mod judging;
mod metrics;
mod migrations;
mod organise;
mod panel;
mod pitches;
mod rate_limits;
mod request_logs;
mod restart_load;
mod restarts;
mod security;
mod served;
mod sessions;
mod signup;
mod speed;
mod submissions;
mod teams;
mod voting;
mod ws;

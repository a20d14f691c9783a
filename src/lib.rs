//! hackday: a live web app that runs a hack day from the first pitch to the
//! last prize. See README.md and ../shared/ARCHITECTURE.md for the shape.

pub mod config;
pub mod domain;
pub mod live;
pub mod ops;
pub mod service;
pub mod startup;
pub mod stop;
pub mod store;
pub mod web;

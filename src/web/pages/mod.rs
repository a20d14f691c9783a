//! One module per page family; handlers stay thin: extract, parse, call a
//! service, render.

pub mod admin;
pub mod api;
pub mod archive;
pub mod assets;
pub mod display;
pub mod event;
pub mod exports;
pub mod health;
pub mod home;
pub mod judging_setup;
pub mod live;
pub mod order;
pub mod organise;
pub mod panel;
pub mod panel_worker;
pub mod people;
pub mod pitch;
pub mod project;
pub mod results;
pub mod teams;
pub mod vote;
pub mod votes;

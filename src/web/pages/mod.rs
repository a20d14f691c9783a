//! One module per page family; handlers stay thin: extract, parse, call a
//! service, render.

pub mod admin;
pub mod assets;
pub mod display;
pub mod event;
pub mod exports;
pub mod health;
pub mod home;
pub mod judging;
pub mod live;
pub mod organise;
pub mod people;
pub mod pitch;
pub mod results;
pub mod submissions;
pub mod teams;
pub mod views;
pub mod votes;

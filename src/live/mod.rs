//! Live updates: the wire protocol, the per-event hub that fans changes out
//! to websockets, and the bus that carries changes between instances. The
//! websocket session itself lives at the web boundary (`web::pages::live`).

pub mod bus;
pub mod db_status;
pub mod hub;
pub mod protocol;

pub use bus::Live;
pub use protocol::Change;

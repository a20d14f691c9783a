//! Live updates: the wire protocol, the per-event hub that fans changes out
//! to websockets, the bus that carries changes between instances, and the
//! flag that tells sockets this instance is restarting. The
//! websocket session itself lives at the web boundary (`web::pages::live`).

pub mod bus;
pub mod db_status;
pub mod hub;
pub mod protocol;
pub mod shutdown;

pub use bus::Live;
pub use protocol::Change;

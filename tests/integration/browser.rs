//! browser tests (next)

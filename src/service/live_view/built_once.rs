//! Things built once from one unchanging read, such as a rendered page,
//! and kept beside that read until it is replaced: an event's read model
//! (per version) and the cross-event archive (per set of closed events)
//! keep their pages here.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub struct BuiltOnce {
    values: Mutex<HashMap<String, Arc<dyn Any + Send + Sync>>>,
    /// How many values are kept at most: keys can come from what visitors
    /// type (a search), so past this they are built per request instead.
    max: usize,
}

impl BuiltOnce {
    pub fn new(max: usize) -> Self {
        Self {
            values: Mutex::new(HashMap::new()),
            max,
        }
    }

    /// The value built under `key`, building it with `make` the first time.
    pub fn get_or_make<T, E>(
        &self,
        key: &str,
        make: impl FnOnce() -> Result<T, E>,
    ) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
    {
        if let Some(found) = self.values.lock().expect("built-once lock").get(key)
            && let Ok(found) = found.clone().downcast::<T>()
        {
            return Ok(found);
        }
        let made = Arc::new(make()?);
        let mut values = self.values.lock().expect("built-once lock");
        if values.len() < self.max {
            values.insert(key.to_string(), made.clone());
        }
        Ok(made)
    }
}

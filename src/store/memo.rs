//! A process's short memory of a few small rows, kept with its `Store`
//! (so two stores in one process, as in the tests, never share it): a
//! value read a moment ago, or a fact that once true stays true. Whoever
//! changes such a row on this instance forgets it after the commit.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Entry = (Instant, Arc<dyn Any + Send + Sync>);

#[derive(Clone, Default)]
pub struct Memo {
    values: Arc<Mutex<HashMap<String, Entry>>>,
}

impl Memo {
    /// The value remembered under `key` if it is at most `max_age` old
    /// (`None`: however old).
    pub fn get<T: Any + Send + Sync>(
        &self,
        key: &str,
        max_age: Option<Duration>,
    ) -> Option<Arc<T>> {
        let values = self.values.lock().expect("memo lock");
        let (at, value) = values.get(key)?;
        if max_age.is_some_and(|age| at.elapsed() > age) {
            return None;
        }
        value.clone().downcast::<T>().ok()
    }

    pub fn put<T: Any + Send + Sync>(&self, key: &str, value: Arc<T>) {
        self.values
            .lock()
            .expect("memo lock")
            .insert(key.to_string(), (Instant::now(), value));
    }

    pub fn forget(&self, key: &str) {
        self.values.lock().expect("memo lock").remove(key);
    }
}

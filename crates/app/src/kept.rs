//! What the store said, kept for a moment. Some reads are on nearly every page and change only
//! when someone changes something: the five view counts of an agent page, the request forms and
//! their categories. A kept value is shown again while this process has committed no change
//! since it was read, and for a few seconds at most, so that changes made through another node
//! show soon too.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

use balie_domain::Timestamp;

/// How long a value is shown again when nothing changed on this node.
const FRESH_FOR_SECONDS: i64 = 5;

/// Values by key, each read after the store had made a number of commits.
pub(crate) struct Kept<K, V> {
    kept: Mutex<Entries<K, V>>,
}

struct Entries<K, V> {
    /// The store's commits before the kept values were read.
    commits: u64,
    values: HashMap<K, (Timestamp, V)>,
}

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept {
            kept: Mutex::new(Entries {
                commits: 0,
                values: HashMap::new(),
            }),
        }
    }
}

impl<K: Eq + Hash, V: Clone> Kept<K, V> {
    /// The value kept for `key`, when the store has committed nothing since it was read.
    pub(crate) fn get(&self, key: &K, commits: u64, now: Timestamp) -> Option<V> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.commits != commits {
            return None;
        }
        let (at, value) = kept.values.get(key)?;
        (0..FRESH_FOR_SECONDS)
            .contains(&(now.0 - at.0))
            .then(|| value.clone())
    }

    /// Keeps `value`, read after the store had made `commits` commits.
    pub(crate) fn put(&self, key: K, commits: u64, now: Timestamp, value: V) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if commits < kept.commits {
            // Read before a change that newer values already show.
            return;
        }
        if commits > kept.commits {
            kept.commits = commits;
            kept.values.clear();
        }
        kept.values.insert(key, (now, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use balie_domain::{GroupId, UserId};

    type Viewer = (UserId, Vec<GroupId>);

    fn anna() -> Viewer {
        (UserId(1), vec![GroupId(2)])
    }

    #[test]
    fn values_are_shown_again_until_a_commit_or_a_few_seconds_pass() {
        let kept: Kept<Viewer, Vec<i64>> = Kept::default();
        let t = Timestamp(1_000);
        assert_eq!(kept.get(&anna(), 0, t), None);
        kept.put(anna(), 0, t, vec![3, 1]);
        assert_eq!(kept.get(&anna(), 0, Timestamp(1_004)), Some(vec![3, 1]));
        assert_eq!(kept.get(&anna(), 0, Timestamp(1_005)), None, "too old");
        assert_eq!(
            kept.get(&anna(), 0, Timestamp(999)),
            None,
            "the clock went back"
        );
        assert_eq!(kept.get(&anna(), 1, t), None, "something changed");
        let other_groups = (UserId(1), vec![GroupId(3)]);
        assert_eq!(kept.get(&other_groups, 0, t), None);
    }

    #[test]
    fn values_read_before_a_change_never_replace_newer_ones() {
        let kept: Kept<Viewer, Vec<i64>> = Kept::default();
        let t = Timestamp(1_000);
        kept.put(anna(), 2, t, vec![5]);
        kept.put(anna(), 1, t, vec![6]);
        assert_eq!(kept.get(&anna(), 2, t), Some(vec![5]));
        let bert = (UserId(9), vec![]);
        kept.put(bert.clone(), 3, t, vec![7]);
        assert_eq!(
            kept.get(&anna(), 3, t),
            None,
            "a commit drops every key's value"
        );
        assert_eq!(kept.get(&bert, 3, t), Some(vec![7]));
    }
}

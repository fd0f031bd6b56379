//! The agent's view counts, kept for a moment. Every agent page shows five counts, and on
//! PostgreSQL reading them cost more than the rest of the page; they only change when a ticket
//! does. Counts are shown again while this process has committed no change since they were read,
//! and for a few seconds at most, so that changes made through another node show soon too.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use balie_domain::{GroupId, Timestamp, UserId};

/// How long counts are shown again when nothing changed on this node.
const FRESH_FOR_SECONDS: i64 = 5;

/// Whose counts: the agent (the view of their own tickets) and their groups (the unassigned one).
pub(crate) type Viewer = (UserId, Vec<GroupId>);

#[derive(Default)]
pub(crate) struct ViewCountCache {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// The store's commits before the kept counts were read.
    commits: u64,
    counts: HashMap<Viewer, (Timestamp, Vec<i64>)>,
}

impl ViewCountCache {
    /// The counts kept for `viewer`, when the store has committed nothing since they were read.
    pub(crate) fn get(&self, viewer: &Viewer, commits: u64, now: Timestamp) -> Option<Vec<i64>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.commits != commits {
            return None;
        }
        let (at, counts) = kept.counts.get(viewer)?;
        (0..FRESH_FOR_SECONDS)
            .contains(&(now.0 - at.0))
            .then(|| counts.clone())
    }

    /// Keeps `counts`, read after the store had made `commits` commits.
    pub(crate) fn put(&self, viewer: Viewer, commits: u64, now: Timestamp, counts: Vec<i64>) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if commits < kept.commits {
            // Read before a change that newer counts already show.
            return;
        }
        if commits > kept.commits {
            kept.commits = commits;
            kept.counts.clear();
        }
        kept.counts.insert(viewer, (now, counts));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anna() -> Viewer {
        (UserId(1), vec![GroupId(2)])
    }

    #[test]
    fn counts_are_shown_again_until_a_commit_or_a_few_seconds_pass() {
        let cache = ViewCountCache::default();
        let t = Timestamp(1_000);
        assert_eq!(cache.get(&anna(), 0, t), None);
        cache.put(anna(), 0, t, vec![3, 1]);
        assert_eq!(cache.get(&anna(), 0, Timestamp(1_004)), Some(vec![3, 1]));
        assert_eq!(cache.get(&anna(), 0, Timestamp(1_005)), None, "too old");
        assert_eq!(cache.get(&anna(), 1, t), None, "something changed");
        let other_groups = (UserId(1), vec![GroupId(3)]);
        assert_eq!(cache.get(&other_groups, 0, t), None);
    }

    #[test]
    fn counts_read_before_a_change_never_replace_newer_ones() {
        let cache = ViewCountCache::default();
        let t = Timestamp(1_000);
        cache.put(anna(), 2, t, vec![5]);
        cache.put(anna(), 1, t, vec![6]);
        assert_eq!(cache.get(&anna(), 2, t), Some(vec![5]));
        let bert = (UserId(9), vec![]);
        cache.put(bert.clone(), 3, t, vec![7]);
        assert_eq!(
            cache.get(&anna(), 3, t),
            None,
            "a commit drops every viewer's counts"
        );
        assert_eq!(cache.get(&bert, 3, t), Some(vec![7]));
    }
}

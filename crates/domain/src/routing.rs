//! Routing (SPEC C4): rules on a ticket's form and main category decide the agent group a new
//! ticket starts in. The first matching rule, in the administrators' order, wins.

use crate::{CategoryId, FormId, GroupId};

/// One rule; a missing form or category matches any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingRule {
    pub id: crate::RoutingRuleId,
    pub form: Option<FormId>,
    pub category: Option<CategoryId>,
    pub group: GroupId,
}

impl RoutingRule {
    pub fn matches(&self, form: FormId, category: Option<CategoryId>) -> bool {
        self.form.is_none_or(|f| f == form) && self.category.is_none_or(|c| Some(c) == category)
    }
}

/// The group of a new ticket: the first rule in `rules` (already in order) that matches.
pub fn route(rules: &[RoutingRule], form: FormId, category: Option<CategoryId>) -> Option<GroupId> {
    rules
        .iter()
        .find(|r| r.matches(form, category))
        .map(|r| r.group)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: i64, form: Option<i64>, category: Option<i64>, group: i64) -> RoutingRule {
        RoutingRule {
            id: crate::RoutingRuleId(id),
            form: form.map(FormId),
            category: category.map(CategoryId),
            group: GroupId(group),
        }
    }

    fn route(rules: &[RoutingRule], form: i64, category: Option<i64>) -> Option<GroupId> {
        super::route(rules, FormId(form), category.map(CategoryId))
    }

    #[test]
    fn the_first_matching_rule_wins_and_blanks_match_anything() {
        let rules = [
            rule(1, Some(3), Some(1), 10),
            rule(2, None, Some(1), 20),
            rule(3, Some(3), None, 30),
            rule(4, None, None, 40),
        ];
        assert_eq!(route(&rules, 3, Some(1)), Some(GroupId(10)));
        assert_eq!(route(&rules, 2, Some(1)), Some(GroupId(20)));
        assert_eq!(route(&rules, 3, Some(2)), Some(GroupId(30)));
        assert_eq!(route(&rules, 1, None), Some(GroupId(40)));
    }

    #[test]
    fn without_a_match_a_ticket_has_no_group() {
        let rules = [rule(1, Some(3), None, 10), rule(2, None, Some(2), 20)];
        assert_eq!(route(&rules, 1, Some(1)), None);
        assert_eq!(route(&rules, 1, None), None);
        assert_eq!(route(&[], 1, Some(1)), None);
    }
}

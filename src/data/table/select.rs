//! Assigning columns to roles: target, privileged, input features, group and id.
//!
//! Rules, chosen so that a selection either means exactly one thing or fails loudly:
//! - Lists are comma-separated; each item is an exact column name or, when it contains `*` or
//!   `?`, a glob. An exact name wins over glob interpretation, so a column literally called
//!   `a*` can still be named.
//! - Naming the target, group or id column explicitly in the privileged or feature list is an
//!   error; a glob silently skips those columns, so `--features '*'` means "everything else".
//! - A column may not be both privileged and an input feature, however it was selected.
//! - Without a feature list, features are every column that has no other role.
//! - The resulting lists are in file order, whatever order the patterns were given in.

use std::collections::BTreeSet;

use super::error::{Error, Result};
use super::glob;

/// The user's column choices, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnSpec {
    /// Target column name.
    pub target: String,
    /// Privileged column names or globs; may be empty (no teacher-only information).
    pub privileged: Vec<String>,
    /// Input feature names or globs; `None` means every column without another role.
    pub features: Option<Vec<String>>,
    /// Group (query id) column for ranking.
    pub group: Option<String>,
    /// Row identifier column, carried through to prediction output and never used as a feature.
    pub id: Option<String>,
}

/// Resolved column roles, by name, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Target column.
    pub target: String,
    /// Privileged (training-time only) columns.
    pub privileged: Vec<String>,
    /// Input feature columns, available at prediction time.
    pub features: Vec<String>,
    /// Group (query id) column.
    pub group: Option<String>,
    /// Row identifier column.
    pub id: Option<String>,
}

/// Splits a comma-separated column list, trimming spaces around items.
///
/// An empty or all-blank list gives no items; an empty item inside a list (`a,,b`, `a,`) is an
/// error because it is almost always a typo. `role` names the list in messages.
pub fn parse_column_list(role: &'static str, list: &str) -> Result<Vec<String>> {
    if list.trim().is_empty() {
        return Ok(Vec::new());
    }
    list.split(',')
        .map(|item| {
            let item = item.trim();
            if item.is_empty() {
                Err(Error::EmptyListItem {
                    role,
                    list: list.to_string(),
                })
            } else {
                Ok(item.to_string())
            }
        })
        .collect()
}

/// Resolves `spec` against the column `names` of a table.
pub fn select_columns(names: &[String], spec: &ColumnSpec) -> Result<Selection> {
    let available = || names.join(", ");
    let require = |role: &'static str, column: &str| -> Result<()> {
        if names.iter().any(|name| name == column) {
            Ok(())
        } else {
            Err(Error::UnknownColumn {
                role,
                column: column.to_string(),
                available: available(),
            })
        }
    };

    require("target", &spec.target)?;
    let mut reserved: Vec<(&'static str, &str)> = vec![("target", spec.target.as_str())];
    for (role, column) in [("group", &spec.group), ("id", &spec.id)] {
        if let Some(column) = column {
            require(role, column)?;
            if let Some((first_role, _)) = reserved.iter().find(|(_, taken)| taken == column) {
                return Err(Error::ColumnInTwoRoles {
                    column: column.clone(),
                    first_role,
                    second_role: role,
                });
            }
            reserved.push((role, column));
        }
    }

    let privileged = expand("privileged", &spec.privileged, names, &reserved)?;
    let features = match &spec.features {
        Some(patterns) => {
            let features = expand("features", patterns, names, &reserved)?;
            if let Some(column) = features.intersection(&privileged).next() {
                return Err(Error::ColumnInTwoRoles {
                    column: names[*column].clone(),
                    first_role: "privileged",
                    second_role: "features",
                });
            }
            features
        }
        None => (0..names.len())
            .filter(|index| !privileged.contains(index))
            .filter(|index| !reserved.iter().any(|(_, taken)| *taken == names[*index]))
            .collect(),
    };
    if features.is_empty() {
        return Err(Error::NoInputFeatures {
            available: available(),
        });
    }

    let by_name = |indices: &BTreeSet<usize>| indices.iter().map(|&i| names[i].clone()).collect();
    Ok(Selection {
        target: spec.target.clone(),
        privileged: by_name(&privileged),
        features: by_name(&features),
        group: spec.group.clone(),
        id: spec.id.clone(),
    })
}

/// Expands names and globs to column positions (a sorted set, hence file order).
fn expand(
    role: &'static str,
    patterns: &[String],
    names: &[String],
    reserved: &[(&'static str, &str)],
) -> Result<BTreeSet<usize>> {
    let reserved_role = |name: &str| {
        reserved
            .iter()
            .find(|(_, taken)| *taken == name)
            .map(|(role, _)| *role)
    };
    let mut selected = BTreeSet::new();
    for pattern in patterns {
        if let Some(index) = names.iter().position(|name| name == pattern) {
            if let Some(first_role) = reserved_role(pattern) {
                return Err(Error::ColumnInTwoRoles {
                    column: pattern.clone(),
                    first_role,
                    second_role: role,
                });
            }
            selected.insert(index);
        } else if glob::is_pattern(pattern) {
            let mut matched_any = false;
            for (index, name) in names.iter().enumerate() {
                if glob::matches(pattern, name) {
                    matched_any = true;
                    if reserved_role(name).is_none() {
                        selected.insert(index);
                    }
                }
            }
            // A glob that only matched already-selected columns is fine; one that matched no
            // column at all is almost certainly a typo.
            if !matched_any {
                return Err(Error::PatternMatchesNothing {
                    role,
                    pattern: pattern.clone(),
                    available: names.join(", "),
                });
            }
        } else {
            return Err(Error::UnknownColumn {
                role,
                column: pattern.clone(),
                available: names.join(", "),
            });
        }
    }
    Ok(selected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        [
            "id",
            "age",
            "sex",
            "lab_glucose",
            "lab_insulin",
            "x",
            "y",
            "qid",
        ]
        .iter()
        .map(|name| name.to_string())
        .collect()
    }

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| item.to_string()).collect()
    }

    fn spec(target: &str, privileged: &[&str]) -> ColumnSpec {
        ColumnSpec {
            target: target.to_string(),
            privileged: list(privileged),
            ..ColumnSpec::default()
        }
    }

    fn message(result: Result<Selection>) -> String {
        result.expect_err("selection must fail").to_string()
    }

    #[test]
    fn default_features_are_all_other_columns() {
        let mut column_spec = spec("y", &["lab_*"]);
        column_spec.id = Some("id".to_string());
        column_spec.group = Some("qid".to_string());
        let selection = select_columns(&names(), &column_spec).expect("valid selection");
        assert_eq!(selection.privileged, list(&["lab_glucose", "lab_insulin"]));
        assert_eq!(selection.features, list(&["age", "sex", "x"]));
        assert_eq!(selection.id.as_deref(), Some("id"));
    }

    #[test]
    fn explicit_features_with_globs_in_file_order() {
        let mut column_spec = spec("y", &["lab_glucose"]);
        column_spec.features = Some(list(&["x", "?", "a*"]));
        let selection = select_columns(&names(), &column_spec).expect("valid selection");
        assert_eq!(selection.features, list(&["age", "x"]));
    }

    #[test]
    fn star_glob_skips_target_and_id() {
        let mut column_spec = spec("y", &["lab_*"]);
        column_spec.id = Some("id".to_string());
        column_spec.features = Some(list(&["*"]));
        let result = select_columns(&names(), &column_spec);
        // `*` also matches the privileged columns, which is a conflict.
        assert!(message(result).contains("'lab_glucose' is given as privileged and also as"));
    }

    #[test]
    fn unknown_column_lists_available() {
        let text = message(select_columns(&names(), &spec("y", &["lab_ldl"])));
        assert!(
            text.contains("unknown privileged column 'lab_ldl'"),
            "{text}"
        );
        assert!(text.contains("available columns: id, age, sex"), "{text}");
        let text = message(select_columns(&names(), &spec("outcome", &[])));
        assert!(text.contains("unknown target column 'outcome'"), "{text}");
    }

    #[test]
    fn glob_matching_nothing_is_an_error() {
        let text = message(select_columns(&names(), &spec("y", &["vital_*"])));
        assert!(
            text.contains("privileged pattern 'vital_*' matches no column"),
            "{text}"
        );
        assert!(text.contains("lab_glucose"), "{text}");
    }

    #[test]
    fn target_listed_as_privileged_or_feature_is_an_error() {
        let text = message(select_columns(&names(), &spec("y", &["y"])));
        assert!(
            text.contains("'y' is given as target and also as privileged"),
            "{text}"
        );
        let mut column_spec = spec("y", &[]);
        column_spec.features = Some(list(&["age", "y"]));
        let text = message(select_columns(&names(), &column_spec));
        assert!(
            text.contains("'y' is given as target and also as features"),
            "{text}"
        );
    }

    #[test]
    fn privileged_and_feature_overlap_is_an_error() {
        let mut column_spec = spec("y", &["lab_glucose"]);
        column_spec.features = Some(list(&["age", "lab_*"]));
        let text = message(select_columns(&names(), &column_spec));
        assert!(text.contains("'lab_glucose' is given as privileged and also as features"));
    }

    #[test]
    fn group_equal_to_target_is_an_error() {
        let mut column_spec = spec("y", &[]);
        column_spec.group = Some("y".to_string());
        let text = message(select_columns(&names(), &column_spec));
        assert!(
            text.contains("'y' is given as target and also as group"),
            "{text}"
        );
    }

    #[test]
    fn no_input_feature_left_is_an_error() {
        let all_but_target = list(&["id", "age", "sex", "lab_*", "x", "qid"]);
        let column_spec = ColumnSpec {
            target: "y".to_string(),
            privileged: all_but_target,
            ..ColumnSpec::default()
        };
        let text = message(select_columns(&names(), &column_spec));
        assert!(text.contains("no input feature left"), "{text}");
    }

    #[test]
    fn parse_list_trims_and_rejects_empty_items() {
        assert_eq!(
            parse_column_list("features", " a, lab_* ,b").expect("valid list"),
            list(&["a", "lab_*", "b"])
        );
        assert_eq!(
            parse_column_list("privileged", "  ").expect("empty list"),
            list(&[])
        );
        let text = parse_column_list("features", "a,,b")
            .expect_err("empty item must fail")
            .to_string();
        assert!(
            text.contains("empty column name in features list 'a,,b'"),
            "{text}"
        );
    }
}

//! Minimal glob matching for column names: `*` matches any run of characters (including none)
//! and `?` matches exactly one character. Nothing else is special, so names with brackets or
//! dots need no escaping.

/// True when `text` contains a glob metacharacter and should be matched as a pattern.
pub fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?'])
}

/// True when the whole of `name` matches `pattern`.
pub fn matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // Iterative matching with one backtrack point (the last `*`) keeps this linear-ish and free
    // of recursion depth problems on long names.
    let (mut pattern_index, mut name_index) = (0, 0);
    let mut last_star: Option<(usize, usize)> = None;
    while name_index < name.len() {
        match pattern.get(pattern_index) {
            Some('*') => {
                last_star = Some((pattern_index, name_index));
                pattern_index += 1;
            }
            Some('?') => {
                pattern_index += 1;
                name_index += 1;
            }
            Some(&literal) if literal == name[name_index] => {
                pattern_index += 1;
                name_index += 1;
            }
            _ => match last_star {
                // Let the last star swallow one more character and retry.
                Some((star_index, star_name_index)) => {
                    pattern_index = star_index + 1;
                    name_index = star_name_index + 1;
                    last_star = Some((star_index, star_name_index + 1));
                }
                None => return false,
            },
        }
    }
    pattern[pattern_index..]
        .iter()
        .all(|&character| character == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_and_question_mark() {
        assert!(matches("lab_*", "lab_glucose"));
        assert!(matches("lab_*", "lab_"));
        assert!(!matches("lab_*", "vital_hr"));
        assert!(matches("?", "x"));
        assert!(!matches("?", "xy"));
        assert!(matches("*", ""));
        assert!(matches("*", "anything"));
        assert!(matches("a*b*c", "aXXbYYc"));
        assert!(!matches("a*b*c", "aXXbYY"));
        assert!(matches("x?_*", "x1_end"));
        assert!(matches("*_score", "math_score"));
        assert!(!matches("*_score", "math_scores"));
    }

    #[test]
    fn literal_text_must_match_exactly() {
        assert!(matches("age", "age"));
        assert!(!matches("age", "ages"));
        assert!(!is_pattern("age"));
        assert!(is_pattern("lab_*"));
        assert!(is_pattern("a?"));
    }
}

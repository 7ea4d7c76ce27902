//! How a single cell is interpreted: missing, a finite number, a non-finite number, or text.
//!
//! Missing markers, matched exactly (case-sensitive) after the reader has trimmed whitespace:
//! the empty string, `NA`, `NaN`, `nan` and `null`. `NaN`/`nan` are treated as missing rather
//! than as a numeric value because that is how most tools write a missing float; every other
//! spelling that parses to a non-finite float (`inf`, `-inf`, `Infinity`, `NAN`, `1e400`) is a
//! non-finite value and an error in numeric columns, since it would silently poison training.

/// Cell contents treated as missing, exactly as written (see the module documentation).
pub const MISSING_MARKERS: [&str; 5] = ["", "NA", "NaN", "nan", "null"];

/// True when the cell is one of [`MISSING_MARKERS`].
pub fn is_missing(cell: &str) -> bool {
    MISSING_MARKERS.contains(&cell)
}

/// The interpretation of one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cell {
    /// One of the missing markers.
    Missing,
    /// A finite number.
    Number(f64),
    /// Parses as a float but is infinite or NaN (for example `inf` or `1e400`).
    NonFinite,
    /// Anything else.
    Text,
}

/// Interprets a cell (see the module documentation for the rules).
pub(super) fn classify(cell: &str) -> Cell {
    if is_missing(cell) {
        return Cell::Missing;
    }
    match cell.parse::<f64>() {
        Ok(number) if number.is_finite() => Cell::Number(number),
        Ok(_) => Cell::NonFinite,
        Err(_) => Cell::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_markers_are_exact() {
        for marker in ["", "NA", "NaN", "nan", "null"] {
            assert_eq!(classify(marker), Cell::Missing, "{marker:?}");
        }
        assert_eq!(classify("NULL"), Cell::Text);
        assert_eq!(classify("na"), Cell::Text);
    }

    #[test]
    fn numbers_and_non_finite() {
        assert_eq!(classify("1.5"), Cell::Number(1.5));
        assert_eq!(classify("-2e3"), Cell::Number(-2000.0));
        assert_eq!(classify("1e400"), Cell::NonFinite);
        assert_eq!(classify("inf"), Cell::NonFinite);
        assert_eq!(classify("-inf"), Cell::NonFinite);
        assert_eq!(classify("NAN"), Cell::NonFinite);
        assert_eq!(classify("yes"), Cell::Text);
    }
}

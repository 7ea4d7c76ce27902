//! Markdown rendering of results, the measured value beside the paper's.

use std::fmt::Write;

use super::TableResult;

fn cell(mean: f64, std: f64) -> String {
    format!("{mean:.3} ± {std:.3}")
}

/// A markdown section for one table: a row per task (and variant), a column per model, the
/// paper's value under each measured one, then the settings and the time taken.
pub fn markdown(result: &TableResult) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "## {}: {}\n", result.table, result.title);
    let models: Vec<String> = result
        .rows
        .iter()
        .flat_map(|row| row.models.0.iter().map(|(name, _)| name.clone()))
        .fold(Vec::new(), |mut names, name| {
            if !names.contains(&name) {
                names.push(name);
            }
            names
        });
    let _ = writeln!(
        text,
        "| task | variant | metric | {} | distilled − input |",
        models.join(" | ")
    );
    let _ = writeln!(text, "|{}", "---|".repeat(models.len() + 4));
    for row in &result.rows {
        let mut cells = Vec::new();
        for name in &models {
            let measured = row
                .models
                .get(name)
                .map_or("–".to_string(), |summary| cell(summary.mean, summary.std));
            let paper = row.paper.get(name).map_or(String::new(), |value| {
                format!(" (paper {})", cell(value.mean, value.std))
            });
            cells.push(format!("{measured}{paper}"));
        }
        let difference = &row.distilled_minus_input;
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {:+.3} ± {:.3} |",
            row.task,
            row.variant.as_deref().unwrap_or("–"),
            row.metric,
            cells.join(" | "),
            difference.mean,
            difference.standard_error
        );
    }
    let _ = writeln!(
        text,
        "\n{} repeats, seed {}; mean ± population std over repeats; the last column is the \
         paired difference with its standard error.",
        result.repeats, result.seed
    );
    let _ = writeln!(text, "Settings: `{}`", result.settings);
    let _ = writeln!(
        text,
        "Time: {:.2} s wall, {:.2} s CPU.\n",
        result.seconds.wall, result.seconds.cpu
    );
    text
}

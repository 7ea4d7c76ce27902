//! Printing what a fit found: shared by `fit` and `inspect`.

use crate::tabular::ModelMetadata;

/// The fit's results as JSON.
pub fn report_json(metadata: &ModelMetadata) -> serde_json::Value {
    serde_json::json!({
        "task": metadata.task,
        "group": metadata.group_column(),
        "classes": metadata.classes,
        "input_names": metadata.input_names,
        "privileged_names": metadata.privileged_names,
        "temperature": metadata.temperature,
        "evaluation": metadata.evaluation,
        "trust": metadata.trust,
        "training_metrics": metadata.training_metrics,
        "settings": metadata.settings,
        "rows": metadata.rows,
    })
}

/// The temperature line and, when it was cross-validated, the curve.
pub fn print_temperature(metadata: &ModelMetadata) {
    let record = &metadata.temperature;
    match record.folds {
        Some(folds) => println!(
            "temperature T = {} (chosen by {folds}-fold cross-validation on {})",
            record.value, record.metric
        ),
        None => println!("temperature T = {} (given)", record.value),
    }
    if !record.curve.is_empty() {
        println!();
        println!("| T | {} (mean ± std) |", record.metric);
        println!("|---|---|");
        for point in &record.curve {
            let mark = if point.temperature == record.value {
                " ◀"
            } else {
                ""
            };
            println!(
                "| {} | {} ± {}{mark} |",
                point.temperature,
                super::output::metric(point.mean),
                super::output::metric(point.std)
            );
        }
    }
}

/// The held-out table, the trust weights and the training metrics.
pub fn print_report(metadata: &ModelMetadata) {
    print_temperature(metadata);
    let evaluation = &metadata.evaluation;
    println!();
    println!(
        "held-out results ({}), T = {}:",
        evaluation.method, evaluation.temperature
    );
    let names: Vec<String> = evaluation
        .models
        .first()
        .map(|model| {
            model
                .metrics
                .iter()
                .map(|metric| metric.metric.clone())
                .collect()
        })
        .unwrap_or_default();
    println!();
    println!("| model | {} |", names.join(" | "));
    println!("|---|{}", "---|".repeat(names.len()));
    for model in &evaluation.models {
        let cells: Vec<String> = model
            .metrics
            .iter()
            .map(|metric| {
                format!(
                    "{} ± {}",
                    super::output::metric(metric.mean),
                    super::output::metric(metric.std)
                )
            })
            .collect();
        println!("| {} | {} |", model.model, cells.join(" | "));
    }
    let trust = &metadata.trust;
    // Ranking weighs pairs of rows, not rows.
    let (over, unit) = if metadata.task == crate::data::table::Task::Ranking {
        ("pairs of the ", "pairs")
    } else {
        ("", "rows")
    };
    println!();
    println!(
        "trust in the teacher, w on the {over}{} training rows: min {:.3}, 10% {:.3}, \
         median {:.3}, 90% {:.3}, max {:.3}; {:.1}% of {unit} have w < 0.5",
        metadata.rows,
        trust.min,
        trust.q10,
        trust.median,
        trust.q90,
        trust.max,
        100.0 * trust.share_below_half
    );
    let format = |metrics: &crate::tabular::Metrics| {
        metrics
            .named()
            .iter()
            .map(|(name, value)| format!("{name} {}", super::output::metric(*value)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "training metrics (all rows): teacher {}; student {}",
        format(&metadata.training_metrics.teacher),
        format(&metadata.training_metrics.student)
    );
}

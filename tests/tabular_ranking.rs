//! End-to-end tests of `lupi fit --task ranking --group COL`, `predict`, `evaluate` and
//! `inspect` on ranking tables written here. Run in release mode (`cargo test --release`).

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use lupi::data::table::read_csv;
use lupi::tabular::FittedLupi;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

fn lupi(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lupi"))
        .args(arguments)
        .output()
        .expect("run lupi")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

fn path(directory: &Path, name: &str) -> String {
    directory.join(name).display().to_string()
}

/// Input columns that carry no signal: with few queries they let the input model fit the
/// grades' noise, which is where the teacher's denoised pair targets pay.
const NOISE_COLUMNS: usize = 15;

/// Items per query.
const ITEMS: usize = 15;

/// A ranking table of `queries` queries of [`ITEMS`] items: `clean = a + 0.5 b − 0.5 c`, the
/// relevance score `clean + ε` (σ = 0.7), and the grade (0–3) the number of the thresholds
/// −0.5, 0.5 and 1.2 the score exceeds. The inputs are `a`, `b`, `c` and `n1`…`n15` (noise);
/// `clean` is the privileged column; `q` names the query, `id` the row.
fn ranking_csv(queries: usize, seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let normal = Normal::new(0.0, 1.0).unwrap();
    let noise_names: Vec<String> = (1..=NOISE_COLUMNS)
        .map(|index| format!("n{index}"))
        .collect();
    let mut csv = format!("id,q,a,b,c,{},clean,grade\n", noise_names.join(","));
    for query in 0..queries {
        for item in 0..ITEMS {
            let (a, b, c) = (
                normal.sample(&mut rng),
                normal.sample(&mut rng),
                normal.sample(&mut rng),
            );
            let noise: Vec<String> = (0..NOISE_COLUMNS)
                .map(|_| normal.sample(&mut rng).to_string())
                .collect();
            let clean: f64 = a + 0.5 * b - 0.5 * c;
            let score = clean + 0.7 * normal.sample(&mut rng);
            let grade = [-0.5, 0.5, 1.2]
                .iter()
                .filter(|threshold| score > **threshold)
                .count();
            writeln!(
                csv,
                "r{query}_{item},q{query},{a},{b},{c},{},{clean},{grade}",
                noise.join(",")
            )
            .unwrap();
        }
    }
    csv
}

/// The rows of `csv` without the privileged, target and group columns.
fn inputs_only(csv: &str) -> String {
    let mut kept = String::new();
    for line in csv.lines() {
        let cells: Vec<&str> = line.split(',').collect();
        let mut row = vec![cells[0]];
        row.extend_from_slice(&cells[2..cells.len() - 2]);
        writeln!(kept, "{}", row.join(",")).unwrap();
    }
    kept
}

fn fit_ranking(directory: &Path, queries: usize, extra: &[&str]) -> Output {
    let train = path(directory, "train.csv");
    std::fs::write(&train, ranking_csv(queries, 3)).unwrap();
    let model = path(directory, "model");
    let mut arguments = vec![
        "fit",
        "--data",
        &train,
        "--target",
        "grade",
        "--privileged",
        "clean",
        "--features",
        "a,b,c,n*",
        "--task",
        "ranking",
        "--group",
        "q",
        "--json",
        "--out",
        &model,
    ];
    arguments.extend_from_slice(extra);
    lupi(&arguments)
}

/// The mean of `metric` for `model` in a fit's JSON report.
fn held_out(report: &serde_json::Value, model: &str, metric: &str) -> f64 {
    report["evaluation"]["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["model"] == model)
        .unwrap()["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["metric"] == metric)
        .unwrap()["mean"]
        .as_f64()
        .unwrap()
}

#[test]
fn distilled_ranker_beats_the_input_only_ranker_on_held_out_queries() {
    let directory = tempfile::tempdir().unwrap();
    let output = fit_ranking(directory.path(), 10, &["--temperature", "0", "--cv", "5"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for model in ["teacher", "input", "distilled", "self_distilled", "constant"] {
        eprintln!(
            "{model}: ndcg {:.4} tau {:.4}",
            held_out(&report, model, "ndcg@10"),
            held_out(&report, model, "kendall_tau")
        );
    }
    eprintln!("{}", text(&output.stderr));
}

//! End-to-end tests of `lupi fit --task ranking --group COL`, `predict`, `evaluate` and
//! `inspect` on ranking tables written here. Run in release mode (`cargo test --release`).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

mod common;

use common::{assert_fails, lupi, path, text};
use lupi::data::table::read_csv;
use lupi::tabular::FittedLupi;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

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
    let stderr = text(&output.stderr);
    assert!(stderr.contains("groups: 10 in column 'q'"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["task"], "ranking");
    assert_eq!(report["group"], "q");
    let ndcg = |model: &str| held_out(&report, model, "ndcg@10");
    let tau = |model: &str| held_out(&report, model, "kendall_tau");
    // Measured with this seed (table seed 3, 10 queries of 15 items, 5-fold cross-validation
    // over whole queries, `--temperature 0`, the default 1000 steps), mean over folds of the
    // per-query means: NDCG@10 teacher 0.8885, input 0.8564, distilled 0.8885, self-distilled
    // 0.8564, constant 0.4967; τ-b teacher 0.6750, input 0.6338, distilled 0.6750,
    // self-distilled 0.6338, constant 0. With 18 input columns and 8 training queries the
    // input model fits the grades' noise; at T = 0 the student learns the teacher's pair
    // probabilities, and as the teacher's score (linear in `clean`) is linear in the inputs
    // it reproduces the teacher's ranking. The assertions keep 0.02 of the measured 0.032
    // NDCG gap and 0.025 of the 0.041 τ gap.
    assert!(ndcg("distilled") > ndcg("input") + 0.02, "{report:#}");
    assert!(tau("distilled") > tau("input") + 0.025, "{report:#}");
    assert!((ndcg("distilled") - 0.8885).abs() < 5e-4, "{report:#}");
    assert!(ndcg("teacher") >= ndcg("distilled") - 1e-4, "{report:#}");
    // The self-distilled control learns nothing the input model does not.
    assert!(
        (ndcg("self_distilled") - ndcg("input")).abs() < 5e-4,
        "{report:#}"
    );
    // Equal scores order nothing: τ-b is 0 by definition (see `query_metrics`).
    assert_eq!(tau("constant"), 0.0);
    assert!(ndcg("constant") < ndcg("input"), "{report:#}");
    // With T = 0 every pair's weight is 1.
    assert_eq!(report["trust"]["min"].as_f64(), Some(1.0));
}

#[test]
fn automatic_temperature_and_cross_fitted_teacher_scores_run_on_whole_queries() {
    let directory = tempfile::tempdir().unwrap();
    let output = fit_ranking(
        directory.path(),
        10,
        &[
            "--temperature",
            "auto",
            "--teacher-targets",
            "cross-fit:3",
            "--steps",
            "200",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let temperature = &report["temperature"];
    assert_eq!(temperature["metric"], "ndcg@10");
    assert_eq!(temperature["folds"], 5);
    let curve = temperature["curve"].as_array().unwrap();
    assert_eq!(curve.len(), 7);
    // The chosen T has the largest mean NDCG@10 of the curve.
    let best = curve
        .iter()
        .map(|point| point["mean"].as_f64().unwrap())
        .fold(f64::NEG_INFINITY, f64::max);
    let chosen = curve
        .iter()
        .find(|point| point["temperature"] == temperature["value"])
        .unwrap();
    assert_eq!(chosen["mean"].as_f64(), Some(best));
    // A 0.2 hold-out of 10 queries holds out 2 whole queries: every metric is a mean over
    // queries of values in [0, 1] (NDCG) and [−1, 1] (τ).
    for model in ["teacher", "input", "distilled", "self_distilled"] {
        let value = held_out(&report, model, "ndcg@10");
        assert!((0.0..=1.0).contains(&value), "{model}: {value}");
    }

    // More cross-fit folds than a fold's 8 training queries: a clear error.
    let output = fit_ranking(
        directory.path(),
        10,
        &["--teacher-targets", "cross-fit:9", "--steps", "10"],
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("cross-fit:9") && stderr.contains("training groups"),
        "{stderr}"
    );
}

#[test]
fn predicts_scores_from_inputs_only_evaluates_and_round_trips() {
    let directory = tempfile::tempdir().unwrap();
    let output = fit_ranking(directory.path(), 10, &["--steps", "200"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let model = path(directory.path(), "model");

    // Held-out queries with no privileged, target or group column.
    let test_csv = ranking_csv(4, 11);
    let new = path(directory.path(), "new.csv");
    std::fs::write(&new, inputs_only(&test_csv)).unwrap();
    let scores = path(directory.path(), "scores.csv");
    let output = lupi(&[
        "predict", "--model", &model, "--data", &new, "--out", &scores, "--id", "id",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let written = std::fs::read_to_string(&scores).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines[0], "id,score");
    assert_eq!(lines.len(), 4 * ITEMS + 1);
    assert!(lines[1].starts_with("r0_0,"), "{}", lines[1]);

    // Library: the loaded model gives the written scores, and a saved copy the same again.
    let loaded = FittedLupi::load(Path::new(&model)).unwrap();
    let table = read_csv(Path::new(&new)).unwrap();
    let from_library = loaded.predict(&table).unwrap();
    for (line, value) in lines[1..].iter().zip(&from_library.values) {
        let written: f64 = line.split(',').nth(1).unwrap().parse().unwrap();
        assert_eq!(written, *value);
    }
    let copy = directory.path().join("copy");
    loaded.save(&copy).unwrap();
    assert_eq!(
        FittedLupi::load(&copy).unwrap().predict(&table).unwrap(),
        from_library
    );
    assert_eq!(loaded.metadata.group_column(), Some("q"));

    // With the group column in the file, it goes beside the scores (same scores).
    let labelled = path(directory.path(), "test.csv");
    std::fs::write(&labelled, &test_csv).unwrap();
    let output = lupi(&[
        "predict", "--model", &model, "--data", &labelled, "--out", &scores, "--id", "id",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let with_group = std::fs::read_to_string(&scores).unwrap();
    let first: Vec<&str> = with_group.lines().take(2).collect();
    assert_eq!(first[0], "id,q,score");
    assert_eq!(first[1], format!("r0_0,q0,{}", from_library.values[0]));

    // evaluate: the library's metrics, printed; the group column is required.
    let (rows, metrics) = loaded
        .evaluate(&read_csv(Path::new(&labelled)).unwrap())
        .unwrap();
    assert_eq!(rows, 4 * ITEMS);
    let (ndcg, tau) = (metrics.ndcg_at_10.unwrap(), metrics.kendall_tau.unwrap());
    assert!((0.0..=1.0).contains(&ndcg) && (-1.0..=1.0).contains(&tau));
    let output = lupi(&["evaluate", "--model", &model, "--data", &labelled]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout).trim(),
        format!("60 rows: ndcg@10 {ndcg:.4}, kendall_tau {tau:.4}")
    );
    let output = lupi(&["evaluate", "--model", &model, "--data", &new]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("new.csv") && stderr.contains("'grade'"),
        "{stderr}"
    );
    let no_group = path(directory.path(), "no_group.csv");
    let without_group: String = test_csv
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            format!("{},{}\n", cells[0], cells[2..].join(","))
        })
        .collect();
    std::fs::write(&no_group, without_group).unwrap();
    let output = lupi(&["evaluate", "--model", &model, "--data", &no_group]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("no_group.csv") && stderr.contains("group column 'q' is missing"),
        "{stderr}"
    );

    let output = lupi(&["inspect", &model]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let shown = text(&output.stdout);
    assert!(
        shown.contains("task: ranking within groups of column 'q'"),
        "{shown}"
    );
    assert!(shown.contains("| constant |"), "{shown}");
}

#[test]
fn bad_ranking_tables_fail_with_errors_that_name_the_problem() {
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("model");
    let out_text = out.display().to_string();
    let cases: [(&str, &str, &[&str], &[&str]); 5] = [
        (
            "no_group.csv",
            "x,p,q,y\n1,2,a,1\n2,3,a,0\n3,4,b,1\n4,5,b,0\n",
            &["--task", "ranking"],
            &["--task ranking needs --group", "no_group.csv"],
        ),
        (
            "missing_group.csv",
            "x,p,q,y\n1,2,a,1\n2,3,,0\n3,4,b,1\n4,5,b,0\n",
            &["--group", "q"],
            &[
                "missing_group.csv",
                "data row 2 (line 3)",
                "group column 'q'",
                "value ''",
            ],
        ),
        (
            "single_item.csv",
            "x,p,q,y\n1,2,a,1\n",
            &["--group", "q"],
            &["single value", "'1'"],
        ),
        (
            "single_group.csv",
            "x,p,q,y\n1,2,a,1\n2,3,a,0\n3,4,a,2\n4,5,a,0\n",
            &["--group", "q"],
            &["single_group.csv", "1 group", "at least two groups"],
        ),
        (
            "flat_groups.csv",
            "x,p,q,y\n1,2,a,1\n2,3,a,1\n3,4,b,0\n4,5,b,0\n",
            &["--group", "q"],
            &["flat_groups.csv", "nothing to rank"],
        ),
    ];
    for (name, contents, columns, expected) in cases {
        let file = path(directory.path(), name);
        std::fs::write(&file, contents).unwrap();
        let mut arguments = vec![
            "fit",
            "--data",
            &file,
            "--target",
            "y",
            "--privileged",
            "p",
            "--out",
            &out_text,
        ];
        arguments.extend_from_slice(columns);
        assert_fails(&arguments, expected, &out);
    }
}

//! Table 6 end to end on the real affinity benchmark (`../shared/data/affinity`).

mod common;

use lupi::experiments::table6::{AffinityOptions, run};

#[test]
fn loco_on_the_real_benchmark() {
    let options = AffinityOptions {
        data_dir: Some(common::shared_dir().join("data")),
        threads: 2,
        ..AffinityOptions::default()
    };
    let result = run(&options).expect("table6 runs");
    // The data README: 158 complexes with a measured ΔG and both structures.
    assert_eq!(result.settings["complexes"], 158);
    let features = &result.settings["features"];
    assert_eq!(features["left_out"].as_array().expect("left out").len(), 21);
    // The contact counter against PRODIGY's counts at 5.5 Å: the data README reports
    // Pearson 0.97 and a mean absolute difference of 0.9 for an independent counter.
    let prodigy = &features["prodigy"];
    assert_eq!(prodigy["complexes"], 68);
    assert!(prodigy["pearson"].as_f64().expect("pearson") > 0.95);
    assert!(prodigy["mean_absolute_difference"].as_f64().expect("mad") < 1.5);

    let row = |metric: &str| {
        result
            .rows
            .iter()
            .find(|row| row.metric == metric)
            .unwrap_or_else(|| panic!("{metric} row"))
    };
    // Sequence alone carries signal (the paper: AUC-ROC 0.70, RMSE 3.14); measured here with
    // seed 0: AUC-ROC 0.749, RMSE 2.35. The bounds only say "clearly better than chance and
    // than predicting the mean (RMSE 2.59)".
    let input_auc = row("auc_roc").models.get("input").expect("input").mean;
    assert!((0.65..0.85).contains(&input_auc), "{input_auc}");
    let rmse = row("rmse");
    let input_rmse = rmse.models.get("input").expect("input").mean;
    let mean_rmse = rmse.models.get("mean").expect("mean").mean;
    assert!(input_rmse < mean_rmse, "{input_rmse} vs {mean_rmse}");
    for model in [
        "svm_input",
        "svm_privileged",
        "svm_lupi",
        "distilled",
        "distilled_t0",
        "privileged_joint",
    ] {
        let auc = row("auc_roc").models.get(model).expect(model).mean;
        assert!((0.6..0.9).contains(&auc), "{model}: {auc}");
    }
}

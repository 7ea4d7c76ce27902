// Should print cross-validated RMSE input 2.414 and distilled 2.052, five predictions, then
// "identical predictions after save and load: true".
//! Writes a CSV whose `clean` column exists only at training time, fits a teacher on it and a
//! distilled student on the input columns, saves, loads and predicts from input columns only.
//!
//! Run with `cargo run --release --example privileged_csv`.

use std::fmt::Write as _;

use lupi::data::table::{ColumnSpec, FitOptions, prepare_training, read_csv};
use lupi::losses::Temperature;
use lupi::tabular::{Evaluation, LupiDataset, TabularParams, TemperatureChoice};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let directory = std::env::temp_dir().join(format!("lupi-example-{}", std::process::id()));
    std::fs::create_dir_all(&directory)?;
    let train = directory.join("train.csv");
    let new = directory.join("new.csv");

    // y = clean + noise (σ = 2), clean = a + 0.5 b + 0.3 hidden; beside a and b the inputs hold
    // 18 columns of pure noise, so with 120 rows a model fitted to y fits the noise too.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let normal = Normal::new(0.0, 1.0)?;
    let noise_names: Vec<String> = (1..=18).map(|index| format!("n{index}")).collect();
    let mut training_text = format!("a,b,{},clean,y\n", noise_names.join(","));
    let mut new_text = format!("a,b,{}\n", noise_names.join(","));
    for row in 0..120 {
        let [a, b, hidden]: [f64; 3] = std::array::from_fn(|_| normal.sample(&mut rng));
        let noise: Vec<String> = (0..18)
            .map(|_| normal.sample(&mut rng).to_string())
            .collect();
        let noise = noise.join(",");
        let clean = a + 0.5 * b + 0.3 * hidden;
        let y = clean + 2.0 * normal.sample(&mut rng);
        writeln!(training_text, "{a},{b},{noise},{clean},{y}")?;
        if row < 5 {
            writeln!(new_text, "{a},{b},{noise}")?;
        }
    }
    std::fs::write(&train, training_text)?;
    std::fs::write(&new, new_text)?;

    let spec = ColumnSpec {
        target: "y".into(),
        privileged: vec!["clean".into()],
        ..ColumnSpec::default()
    };
    let dataset =
        LupiDataset::from_fitted(prepare_training(&train, &spec, &FitOptions::default())?)?;
    // T = 0: imitate the teacher on every row (its predictions are y without most of the noise).
    let model = TabularParams::new()
        .temperature(TemperatureChoice::Fixed(Temperature::ZERO))
        .evaluation(Evaluation::CrossValidation(5))
        .fit(&dataset)?;
    let report = &model.metadata.evaluation;
    for name in ["input", "distilled"] {
        println!(
            "{name}: cross-validated RMSE {:.3}",
            report.mean(name, "rmse").unwrap_or(f64::NAN)
        );
    }

    let saved = directory.join("model");
    model.save(&saved)?;
    let loaded = lupi::tabular::FittedLupi::load(&saved)?;
    let table = read_csv(&new)?;
    let before = model.predict(&table)?;
    let after = loaded.predict(&table)?;
    println!("predictions: {:?}", after.values);
    println!(
        "identical predictions after save and load: {}",
        before == after
    );
    std::fs::remove_dir_all(&directory)?;
    Ok(())
}

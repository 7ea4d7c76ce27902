//! The LUPI flow as building blocks shared by every experiment and by the tabular workflow:
//! train teachers, turn their outputs into the students' targets (in-sample or cross-fitted),
//! and train the students, all batched over repeats or folds.
//!
//! ```text
//! teacher on x* ──► teacher outputs t on the training rows ──► weights w, mixed targets
//!                    (in-sample, or out-of-fold: cross-fit)          │
//!                                                                    ▼
//!                                                  students on x, one batch for all roles
//! ```

mod cross_fit;
mod students;

pub use cross_fit::{
    TeacherTargets, cross_fit_assignment, out_of_fold, repeat_per_fold, teacher_outputs,
};
pub use students::{StudentRole, train_students};

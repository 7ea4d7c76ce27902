//! A spinner on stderr while a long phase runs, shown only on an interactive terminal so that
//! logs and pipes stay clean.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::ProgressBar;

/// A running spinner, or nothing when stderr is not a terminal or output is quiet.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// Starts a spinner with `message`.
    pub fn start(message: &str, quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let spinner = ProgressBar::new_spinner().with_message(message.to_string());
        spinner.enable_steady_tick(Duration::from_millis(120));
        Progress(Some(spinner))
    }

    /// Removes the spinner.
    pub fn finish(self) {
        if let Some(spinner) = self.0 {
            spinner.finish_and_clear();
        }
    }
}

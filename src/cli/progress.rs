//! The progress bar `extract` and `report` draw on stderr (only on a terminal, not with `-q`).

use claimcheck::commands::Progress;

/// A progress bar on stderr: bytes (with rate and ETA), files and claims. It is
/// cleared when the run ends.
pub struct ProgressBar {
    bar: indicatif::ProgressBar,
}

impl ProgressBar {
    pub fn new() -> ProgressBar {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {msg}, ETA {eta}",
            )
            .expect("a valid progress template")
            .progress_chars("=> "),
        );
        ProgressBar { bar }
    }

    pub fn update(&mut self, p: &Progress) {
        self.bar.set_length(p.bytes_total);
        self.bar.set_position(p.bytes_done);
        self.bar.set_message(format!(
            "{}/{} files, {} claims",
            p.files_done, p.files_total, p.claims
        ));
    }

    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// Runs `run` with a progress callback that draws a bar when `show` (and does nothing
/// otherwise); the bar is cleared when `run` returns.
pub fn with_bar<R>(show: bool, run: impl FnOnce(&mut dyn FnMut(&Progress)) -> R) -> R {
    let mut bar = show.then(ProgressBar::new);
    let result = run(&mut |p| {
        if let Some(bar) = &mut bar {
            bar.update(p);
        }
    });
    if let Some(bar) = bar {
        bar.finish();
    }
    result
}

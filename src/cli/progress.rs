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

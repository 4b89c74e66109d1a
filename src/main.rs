//! The `claimcheck` command: parse flags, call the library, print what it tells and
//! map outcomes to exit codes. The library (`src/lib.rs`) never prints; everything
//! that touches the terminal lives here and in `src/cli/`.

mod cli;

use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::run(cli::args::Cli::parse())
}

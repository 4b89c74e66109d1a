//! The layering ARCHITECTURE.md promises, checked on the source: the library never
//! prints (only `src/main.rs` and `src/cli/` touch the terminal), and inside
//! `quantity` the numeral parser and the unit words depend one way.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src folder") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_library_function_prints() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let binary = |p: &Path| p == src.join("main.rs") || p.starts_with(src.join("cli"));
    let forbidden = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "dbg!(",
        "process::exit",
        "io::stdout()",
        "io::stderr()",
    ];
    let mut found = Vec::new();
    for file in files.iter().filter(|p| !binary(p)) {
        let text = std::fs::read_to_string(file).expect("source file");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {word}", file.display(), i + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "the library prints: {found:#?}");
}

#[test]
fn units_do_not_import_the_numeral_parser() {
    let units = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/quantity/units.rs");
    let text = std::fs::read_to_string(units).expect("units.rs");
    assert!(
        !text.contains("numeral::"),
        "units.rs imports numeral.rs: the two would import each other again"
    );
}

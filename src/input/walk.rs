//! Expanding command-line paths into the list of files to read.
//!
//! Files named explicitly are taken whatever their extension. Directories are walked
//! recursively, taking `.txt .md .html .htm` files (any case) in path order. Symlinks are
//! followed; a link back to a directory being walked is reported once as a loop, and a
//! directory or file reached twice (via links or repeated arguments) is taken once.
//! Problems (missing paths, dangling links, unreadable directories, FIFOs) are collected
//! as errors; the walk always finishes.

use super::{InputError, check_regular_file, has_extension, is_claimcheck_output};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Files to read, in a deterministic order, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub errors: Vec<InputError>,
    /// Files found in a folder that claimcheck wrote itself (reports, with its generator
    /// mark): not articles, so not read.
    pub own_outputs: Vec<PathBuf>,
}

/// Extensions taken when walking a directory.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// Whether a directory walk takes this file (by extension, case-insensitive).
pub fn is_text_extension(path: &Path) -> bool {
    has_extension(path, TEXT_EXTENSIONS)
}

/// Expands `paths` (see module docs). Arguments keep their order; each directory's files
/// come out sorted by path.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut walker = Walker::default();
    for path in paths {
        walker.argument(path);
    }
    walker.result
}

#[derive(Default)]
struct Walker {
    result: Walk,
    /// Canonical paths of files already taken.
    seen_files: HashSet<PathBuf>,
    /// Canonical paths of directories already walked.
    seen_dirs: HashSet<PathBuf>,
    /// Canonical paths of the directories being walked, outermost first.
    ancestors: Vec<PathBuf>,
}

impl Walker {
    fn argument(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.directory(path),
            Ok(meta) => match check_regular_file(path, &meta) {
                Ok(()) => self.take_file(path),
                Err(err) => self.result.errors.push(err),
            },
            Err(err) => self.result.errors.push(InputError::from_io(path, err)),
        }
    }

    fn directory(&mut self, path: &Path) {
        let canonical = match fs::canonicalize(path) {
            Ok(canonical) => canonical,
            Err(err) => return self.result.errors.push(InputError::from_io(path, err)),
        };
        if self.ancestors.contains(&canonical) {
            return self.result.errors.push(InputError::SymlinkLoop {
                path: path.to_path_buf(),
            });
        }
        if !self.seen_dirs.insert(canonical.clone()) {
            return;
        }
        let Some(children) = self.sorted_children(path) else {
            return;
        };
        self.ancestors.push(canonical);
        for child in &children {
            self.entry(child);
        }
        self.ancestors.pop();
    }

    /// Entries of a directory sorted by path; `None` (error recorded) if it can't be listed.
    fn sorted_children(&mut self, path: &Path) -> Option<Vec<PathBuf>> {
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(err) => {
                self.result.errors.push(InputError::from_io(path, err));
                return None;
            }
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => children.push(entry.path()),
                Err(err) => self.result.errors.push(InputError::from_io(path, err)),
            }
        }
        children.sort();
        Some(children)
    }

    /// A directory entry: recurse into directories, take text files, report what can't
    /// be read among the files that would have been taken (and every symlink loop).
    fn entry(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.directory(path),
            Ok(_) if !is_text_extension(path) => {}
            Ok(meta) => match check_regular_file(path, &meta) {
                Ok(()) if is_claimcheck_output(path) => {
                    self.result.own_outputs.push(path.to_path_buf())
                }
                Ok(()) => self.take_file(path),
                Err(err) => self.result.errors.push(err),
            },
            Err(err) => {
                let err = InputError::from_io(path, err);
                if is_text_extension(path) || matches!(err, InputError::SymlinkLoop { .. }) {
                    self.result.errors.push(err);
                }
            }
        }
    }

    fn take_file(&mut self, path: &Path) {
        let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen_files.insert(canonical) {
            self.result.files.push(path.to_path_buf());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_extensions() {
        for name in ["a.txt", "b.MD", "c.Html", "d.htm"] {
            assert!(is_text_extension(Path::new(name)), "{name}");
        }
        for name in ["a.bin", "txt", "a.txt.gz", "a.markdown"] {
            assert!(!is_text_extension(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn bundled_data_is_walked_in_order() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let walk = walk(&[data.clone(), data.join("000_7ae801fb60cdcc58.txt")]);
        assert!(walk.errors.is_empty(), "{:?}", walk.errors);
        let names: Vec<_> = walk
            .files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(names.len(), 5, "the repeated file is taken once");
    }

    #[test]
    fn missing_argument_is_reported() {
        let walk = walk(&[PathBuf::from("does/not/exist")]);
        assert!(walk.files.is_empty());
        assert_eq!(
            walk.errors[0].to_string(),
            "does/not/exist: no such file or directory"
        );
    }
}

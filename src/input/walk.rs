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
    /// Each file's source id, parallel to `files`: the path relative to the folder given,
    /// without extension, `/`-separated (`a/index` and `b/index` are two sources; a file
    /// directly in the folder, or named itself, is its stem, `000_7ae801fb60cdcc58`). Ids
    /// two files would share keep their extension (`a.txt`, `a.md`), then become the path
    /// as given.
    pub sources: Vec<String>,
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
    let mut result = walker.result;
    disambiguate(&mut result.sources, &walker.fallbacks);
    result
}

/// Makes source ids unique, deterministically: colliding ids take their first fallback
/// (the relative path with extension), ids still colliding the second (the path as given).
fn disambiguate(ids: &mut [String], fallbacks: &[[String; 2]]) {
    for level in [0, 1] {
        let mut count: std::collections::HashMap<&str, usize> = Default::default();
        for id in ids.iter() {
            *count.entry(id.as_str()).or_default() += 1;
        }
        let colliding: Vec<usize> = (0..ids.len())
            .filter(|&i| count[ids[i].as_str()] > 1)
            .collect();
        if colliding.is_empty() {
            return;
        }
        for i in colliding {
            ids[i].clone_from(&fallbacks[i][level]);
        }
    }
}

/// `path` without its extension, relative to `root`, with `/` between components.
fn relative_id(root: &Path, path: &Path, keep_extension: bool) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if !keep_extension && let (Some(last), Some(stem)) = (parts.last_mut(), rel.file_stem()) {
        *last = stem.to_string_lossy().into_owned();
    }
    parts.join("/")
}

#[derive(Default)]
struct Walker {
    result: Walk,
    /// Files already taken, by identity.
    seen_files: HashSet<FileId>,
    /// Canonical paths of directories already walked.
    seen_dirs: HashSet<PathBuf>,
    /// Canonical paths of the directories being walked, outermost first.
    ancestors: Vec<PathBuf>,
    /// The folder argument being walked, if any: source ids are relative to it.
    root: Option<PathBuf>,
    /// Per file: its id with extension, and its path as given (for colliding ids).
    fallbacks: Vec<[String; 2]>,
}

impl Walker {
    fn argument(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                self.root = Some(path.to_path_buf());
                self.directory(path);
                self.root = None;
            }
            Ok(meta) => match check_regular_file(path, &meta) {
                Ok(()) => self.take_file(path, &meta),
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
        // Siblings differ only in their last component, which is how `Path` orders
        // them; comparing names alone skips splitting both paths at every step.
        children.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
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
                Ok(()) => self.take_file(path, &meta),
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

    fn take_file(&mut self, path: &Path, meta: &fs::Metadata) {
        if self.seen_files.insert(file_id(path, meta)) {
            let root = self
                .root
                .clone()
                .unwrap_or_else(|| path.parent().unwrap_or(Path::new("")).to_path_buf());
            self.result.sources.push(relative_id(&root, path, false));
            self.fallbacks.push([
                relative_id(&root, path, true),
                path.to_string_lossy().into_owned(),
            ]);
            self.result.files.push(path.to_path_buf());
        }
    }
}

/// What makes two paths one file: its device and inode where the system has them (read
/// from the metadata the walk already holds; resolving the path would cost a system call
/// per component of it, for every file), else its canonical path.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_path: &Path, meta: &fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &fs::Metadata) -> FileId {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
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
    fn sources_are_paths_relative_to_the_folder_given() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a/index.txt", "b/index.txt", "top.txt", "x.txt", "x.md"] {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "79个大模型").unwrap();
        }
        let walk = walk(&[dir.path().to_path_buf()]);
        assert_eq!(
            walk.sources,
            ["a/index", "b/index", "top", "x.md", "x.txt"],
            "{:?}",
            walk.files
        );
        // Named files are their stems; two of one name are told apart by their paths.
        let a = dir.path().join("a/index.txt");
        let b = dir.path().join("b/index.txt");
        let walk = super::walk(&[dir.path().join("top.txt"), a.clone(), b.clone()]);
        assert_eq!(walk.sources[0], "top");
        assert_eq!(walk.sources[1], a.to_string_lossy());
        assert_eq!(walk.sources[2], b.to_string_lossy());
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

    #[cfg(unix)]
    #[test]
    fn one_file_reached_by_links_is_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("b.txt");
        fs::write(&real, "79个大模型").unwrap();
        std::os::unix::fs::symlink(&real, dir.path().join("a.txt")).unwrap();
        fs::hard_link(&real, dir.path().join("c.txt")).unwrap();
        fs::write(dir.path().join("d.txt"), "79个大模型").unwrap();
        let walk = walk(&[dir.path().to_path_buf(), real.clone()]);
        assert!(walk.errors.is_empty(), "{:?}", walk.errors);
        // The first path met stands for the file; a copy with the same bytes is another.
        assert_eq!(walk.sources, ["a", "d"], "{:?}", walk.files);
    }
}

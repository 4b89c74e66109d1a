//! A set of input documents read from paths, with what could not be read.

use crate::claim::{Claim, PartialDate};
use crate::extract::published::{SourceInfo, load_sources, published_from_text};
use crate::extract::{DocInput, Extractor};
use crate::input::{self, Document};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of bundled articles, found beside the working directory or,
/// failing that, where the crate was built.
pub fn bundled_data_dir() -> PathBuf {
    let local = PathBuf::from("data");
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }
}

/// Documents that were read, and messages about the files that were not (or only
/// partly) read. Nothing is dropped silently: every skipped file is in `skipped`.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    /// Publication dates by source, from `sources.toml` beside the files.
    pub published: Vec<Option<PartialDate>>,
    /// "path: reason" for each file skipped.
    pub skipped: Vec<String>,
    /// "path: note" for each file decoded with replacements or guesses worth telling.
    pub partial: Vec<String>,
}

impl Corpus {
    /// Reads every file under `paths` (the bundled data when empty).
    pub fn load(paths: &[PathBuf]) -> Corpus {
        let paths = if paths.is_empty() {
            vec![bundled_data_dir()]
        } else {
            paths.to_vec()
        };
        let walk = input::walk(&paths);
        let mut corpus = Corpus {
            skipped: walk.errors.iter().map(ToString::to_string).collect(),
            ..Corpus::default()
        };
        let mut sources = SourcesCache::default();
        for path in &walk.files {
            match input::read_document(path) {
                Ok(doc) => {
                    corpus.partial.extend(
                        doc.notes
                            .iter()
                            .filter(|n| n.contains("replaced"))
                            .map(|n| format!("{}: {n}", path.display())),
                    );
                    let published = sources
                        .published(path, &doc.source, &mut corpus.skipped)
                        .or_else(|| published_from_text(&doc.text));
                    corpus.published.push(published);
                    corpus.docs.push(doc);
                }
                Err(e) => corpus.skipped.push(e.to_string()),
            }
        }
        corpus
    }

    /// Every claim of every document, in document order.
    pub fn extract(&self, extractor: &Extractor) -> Vec<Claim> {
        self.docs
            .iter()
            .zip(&self.published)
            .flat_map(|(doc, published)| {
                extractor.extract(&DocInput {
                    source: &doc.source,
                    text: &doc.text,
                    visible: &doc.visible,
                    published: *published,
                })
            })
            .collect()
    }

    /// Messages for the report summary: skipped files, then partly decoded ones.
    pub fn notes(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|s| format!("skipped {s}"))
            .chain(self.partial.iter().map(|p| format!("partly decoded {p}")))
            .collect()
    }
}

/// The file that records publication dates for the documents in its folder.
pub const SOURCES_FILE: &str = "sources.toml";

/// `sources.toml` files, read once per folder.
#[derive(Default)]
struct SourcesCache {
    by_dir: BTreeMap<PathBuf, BTreeMap<String, SourceInfo>>,
}

impl SourcesCache {
    /// The publication date `sources.toml` beside `path` gives `source`; a broken
    /// sources file is reported once in `problems` and then treated as empty.
    fn published(
        &mut self,
        path: &Path,
        source: &str,
        problems: &mut Vec<String>,
    ) -> Option<PartialDate> {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let table = self.by_dir.entry(dir.clone()).or_insert_with(|| {
            let file = dir.join(SOURCES_FILE);
            if !file.is_file() {
                return BTreeMap::new();
            }
            load_sources(&file).unwrap_or_else(|e| {
                problems.push(format!("{e} (publication dates from it ignored)"));
                BTreeMap::new()
            })
        });
        table.get(source).and_then(|info| info.published)
    }
}

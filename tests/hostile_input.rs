//! Hostile inputs, each with its expected behaviour: legacy encodings, BOMs, CRLF,
//! broken UTF-8, binary and empty files, a 10 MB line, unreadable entries, symlink loops,
//! missing paths, and HTML whose visible text must keep the original offsets.
//!
//! Files are generated in a temporary directory from the bundled articles; no binaries are
//! committed.

use claimcheck::input::{InputError, MAX_FILE_BYTES, read_document, walk};
use claimcheck::text::LineIndex;
use encoding_rs::{BIG5, Encoding, GB18030, GBK};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn article(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled article about model costs (mixed traditional/simplified, has 140萬美元).
fn article_000() -> String {
    article("000_7ae801fb60cdcc58.txt")
}

/// The line of `text` that starts with `prefix`.
fn paragraph(text: &str, prefix: &str) -> String {
    text.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no paragraph starting with {prefix}"))
        .to_owned()
}

/// Encodes `text`, failing the test if any character is not representable.
fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(
        !unmappable,
        "{} cannot encode the test text",
        encoding.name()
    );
    bytes.into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn tmp() -> TempDir {
    tempfile::tempdir().unwrap()
}

fn messages(errors: &[InputError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn gb18030_article_decodes_to_the_original() {
    let dir = tmp();
    let original = article_000();
    let path = write(dir.path(), "gb.txt", &encode(GB18030, &original));
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.encoding, "GB18030");
    assert_eq!(doc.text, original);
    assert!(doc.text.contains("140萬美元"));
    assert!(
        doc.notes
            .iter()
            .any(|n| n == "decoded as GB18030 (detected)")
    );
}

#[test]
fn gbk_paragraph_is_read_as_gb18030() {
    let dir = tmp();
    let original = paragraph(&article_000(), "——絕大多數(shù)人");
    assert!(original.contains("140萬美元") && original.contains("1200萬美元"));
    let path = write(dir.path(), "gbk.txt", &encode(GBK, &original));
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.encoding, "GB18030");
    assert_eq!(doc.text, original);
}

#[test]
fn big5_paragraphs_decode_to_the_original() {
    let dir = tmp();
    // Paragraphs chosen because every character is in Big5 (the articles mix in
    // simplified characters that Big5 lacks); `encode` asserts it.
    let original = format!(
        "{}\n{}\n",
        paragraph(&article("004_3225621fcbbcaf6e.txt"), "《ChatGPT:讀懂"),
        paragraph(&article_000(), "但也沒想過"),
    );
    assert!(original.contains("30美元"));
    let path = write(dir.path(), "big5.txt", &encode(BIG5, &original));
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.encoding, "Big5");
    assert_eq!(doc.text, original);
}

#[test]
fn utf8_bom_is_not_part_of_the_text() {
    let dir = tmp();
    let original = article_000();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(original.as_bytes());
    let path = write(dir.path(), "bom.txt", &bytes);
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.encoding, "UTF-8 (BOM)");
    assert_eq!(doc.text, original, "offsets count from after the BOM");
    assert!(doc.notes[0].contains("byte order mark removed"));
}

#[test]
fn crlf_is_kept_and_lines_still_count() {
    let dir = tmp();
    let lf = article_000();
    let crlf = lf.replace('\n', "\r\n");
    let path = write(dir.path(), "crlf.txt", crlf.as_bytes());
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.text, crlf, "CRLF is kept; offsets refer to it");
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);

    let at_crlf = doc.text.find("140萬美元").unwrap();
    let at_lf = lf.find("140萬美元").unwrap();
    let (lines_crlf, lines_lf) = (LineIndex::new(&doc.text), LineIndex::new(&lf));
    assert_eq!(lines_crlf.line(at_crlf), lines_lf.line(at_lf));
    assert_eq!(
        lines_crlf.line_col(&doc.text, at_crlf),
        lines_lf.line_col(&lf, at_lf)
    );
    let start = lines_crlf.line_start(at_crlf);
    let line = doc.text[start..].split('\n').next().unwrap();
    assert!(line.ends_with('\r'), "the CR stays in its line");
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let dir = tmp();
    let original = article_000();
    for (name, bom, little) in [
        ("UTF-16LE", [0xFF, 0xFE], true),
        ("UTF-16BE", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for unit in original.encode_utf16() {
            bytes.extend(if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let path = write(dir.path(), &format!("{name}.txt"), &bytes);
        let doc = read_document(&path).unwrap();
        assert_eq!(doc.encoding, name);
        assert_eq!(doc.text, original, "{name}");
    }
}

#[test]
fn invalid_utf8_in_the_middle_is_replaced_and_reported() {
    let dir = tmp();
    let original = article_000();
    let at = original.find("140萬美元").unwrap();
    let mut bytes = original.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(b"\xC0\xFF");
    bytes.extend_from_slice(&original.as_bytes()[at..]);
    let path = write(dir.path(), "broken.txt", &bytes);
    let doc = read_document(&path).unwrap();
    assert_eq!(
        doc.encoding, "UTF-8",
        "one bad spot must not make it GB18030"
    );
    assert!(doc.text.starts_with(&original[..at]));
    assert!(doc.text.ends_with(&original[at..]));
    let replaced = &doc.text[at..doc.text.len() - (original.len() - at)];
    assert_eq!(replaced, "\u{FFFD}\u{FFFD}");
    assert_eq!(
        doc.notes,
        vec![format!(
            "2 invalid UTF-8 sequences replaced with U+FFFD (first at byte {at})"
        )]
    );
}

#[test]
fn binary_file_is_an_error_naming_it() {
    let dir = tmp();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    let path = write(dir.path(), "image.txt", png);
    let err = read_document(&path).unwrap_err();
    assert!(matches!(err, InputError::Binary { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{}: binary file (NUL bytes at byte 8), skipped",
            path.display()
        )
    );
}

#[test]
fn empty_file_is_an_empty_document() {
    let dir = tmp();
    let path = write(dir.path(), "empty.md", b"");
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.text, "");
    assert_eq!(doc.visible(), "");
    assert_eq!(doc.source, "empty");
}

#[test]
fn ten_megabyte_single_line_is_read_whole() {
    let dir = tmp();
    let unit = "GPT-3訓練一次的成本約為140萬美元,";
    let line = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    assert!(line.len() >= 10 * 1024 * 1024);
    let path = write(dir.path(), "long.txt", line.as_bytes());
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.text.len(), line.len());
    assert_eq!(LineIndex::new(&doc.text).line(doc.text.len() - 1), 1);
}

#[test]
fn ten_megabyte_html_line_is_stripped_whole() {
    let dir = tmp();
    let unit = "<span class=\"n\">140萬美元</span>&nbsp;";
    let html = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    let path = write(dir.path(), "long.html", html.as_bytes());
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.visible().len(), doc.text.len());
    assert_eq!(
        doc.visible().matches("140萬美元").count(),
        html.matches("140萬美元").count()
    );
}

#[test]
fn unreadable_entries_are_reported_by_name() {
    let dir = tmp();
    let root = dir.path();
    write(root, "a.txt", "甲 1億".as_bytes());
    // A socket and a FIFO named like articles: opening a FIFO would block forever.
    let socket = root.join("socket.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let fifo = root.join("fifo.md");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let dangling = root.join("gone.txt");
    std::os::unix::fs::symlink(root.join("nowhere"), &dangling).unwrap();
    // A directory named like a file is walked into, not reported.
    fs::create_dir(root.join("dir.txt")).unwrap();
    write(&root.join("dir.txt"), "inner.txt", b"2023");

    let result = walk(&[root.to_path_buf()]);
    assert_eq!(
        result.files,
        vec![root.join("a.txt"), root.join("dir.txt/inner.txt")]
    );
    let mut expected = vec![format!(
        "{}: dangling symlink (points to {}), skipped",
        dangling.display(),
        root.join("nowhere").display()
    )];
    if made_fifo {
        expected.insert(
            0,
            format!("{}: not a regular file (FIFO), skipped", fifo.display()),
        );
    }
    expected.push(format!(
        "{}: not a regular file (socket), skipped",
        socket.display()
    ));
    assert_eq!(messages(&result.errors), expected);

    // Reading them directly fails the same way, without blocking.
    if made_fifo {
        let err = read_document(&fifo).unwrap_err();
        assert!(
            matches!(err, InputError::NotRegularFile { kind: "FIFO", .. }),
            "{err}"
        );
    }
    let err = read_document(&root.join("dir.txt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: is a directory", root.join("dir.txt").display())
    );
}

#[test]
fn permission_denied_is_reported_when_the_os_enforces_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let path = write(dir.path(), "secret.txt", b"100");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    // Root ignores file modes, so the expectation depends on what the OS does.
    let readable = fs::File::open(&path).is_ok();
    let result = read_document(&path);
    if readable {
        assert_eq!(result.unwrap().text, "100");
    } else {
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: permission denied", path.display())
        );
    }
}

#[test]
fn symlink_loops_end_the_walk_and_are_reported_once() {
    let dir = tmp();
    let root = dir.path();
    let a = root.join("a");
    let b = root.join("b");
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    write(&a, "one.txt", b"1");
    write(&b, "two.txt", b"2");
    std::os::unix::fs::symlink(&b, a.join("to_b")).unwrap();
    std::os::unix::fs::symlink(&a, b.join("to_a")).unwrap();
    std::os::unix::fs::symlink(root, a.join("up")).unwrap();
    let self_link = root.join("self.txt");
    std::os::unix::fs::symlink(&self_link, &self_link).unwrap();

    let result = walk(&[root.to_path_buf()]);
    assert_eq!(
        result.files,
        vec![a.join("one.txt"), a.join("to_b/two.txt")],
        "each file once, in path order"
    );
    assert_eq!(
        messages(&result.errors),
        vec![
            format!("{}: symlink loop, skipped", a.join("to_b/to_a").display()),
            format!("{}: symlink loop, skipped", a.join("up").display()),
            format!("{}: symlink loop, skipped", self_link.display()),
        ]
    );
}

#[test]
fn symlink_loop_given_as_argument_is_reported() {
    let dir = tmp();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let result = walk(std::slice::from_ref(&a));
    assert!(result.files.is_empty());
    assert_eq!(
        messages(&result.errors),
        vec![format!("{}: symlink loop, skipped", a.display())]
    );
    let err = read_document(&a).unwrap_err();
    assert!(matches!(err, InputError::SymlinkLoop { .. }), "{err}");
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let dir = tmp();
    let path = dir.path().join("huge.txt");
    let file = fs::File::create(&path).unwrap();
    // Sparse: takes no disk space or time, but its size is over the limit.
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let err = read_document(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: file too large ({} bytes, limit {MAX_FILE_BYTES}), skipped",
            path.display(),
            MAX_FILE_BYTES + 1
        )
    );
}

#[test]
fn byte_order_mark_alone_is_an_empty_document() {
    let dir = tmp();
    for (name, bom, encoding) in [
        ("u8.txt", &b"\xEF\xBB\xBF"[..], "UTF-8 (BOM)"),
        ("le.txt", &b"\xFF\xFE"[..], "UTF-16LE"),
        ("be.txt", &b"\xFE\xFF"[..], "UTF-16BE"),
    ] {
        let doc = read_document(&write(dir.path(), name, bom)).unwrap();
        assert_eq!(doc.text, "", "{name}");
        assert_eq!(doc.encoding, encoding);
    }
}

#[test]
fn missing_path_is_reported() {
    let dir = tmp();
    let missing = dir.path().join("missing.txt");
    let result = walk(std::slice::from_ref(&missing));
    assert!(result.files.is_empty());
    let expected = format!("{}: no such file or directory", missing.display());
    assert_eq!(messages(&result.errors), vec![expected.clone()]);
    assert_eq!(read_document(&missing).unwrap_err().to_string(), expected);
}

#[test]
fn walk_orders_and_filters_by_extension() {
    let dir = tmp();
    let root = dir.path();
    for name in [
        "b.md", "a.txt", "C.HTML", "d.Htm", "e.bin", "f.txt.gz", "README",
    ] {
        write(root, name, b"x");
    }
    fs::create_dir(root.join("sub")).unwrap();
    write(&root.join("sub"), "z.txt", b"x");
    write(&root.join("sub"), "y.json", b"x");
    let explicit = root.join("e.bin");

    let result = walk(&[root.to_path_buf(), explicit.clone()]);
    assert!(result.errors.is_empty(), "{:?}", messages(&result.errors));
    let names: Vec<_> = result
        .files
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["C.HTML", "a.txt", "b.md", "d.Htm", "sub/z.txt", "e.bin"],
        "directory contents sorted by path, then explicit files whatever their extension"
    );
}

#[test]
fn html_visible_text_keeps_offsets() {
    let dir = tmp();
    let para = paragraph(&article_000(), "——絕大多數(shù)人");
    let html = format!(
        "<!DOCTYPE html>\n<html><head><title>成本</title>\
         <script>var fake = \"999萬美元\"; if (a < b) {{}}</script>\
         <style>p {{ color: red }}</style></head>\n<body><!-- 888萬美元 -->\
         <div class=\"post\"><p>{para}</p><p>A&amp;B&nbsp;&lt;GPT&gt; &#20013;&#x6587;</p></div>\
         </body></html>\n"
    );
    // Encoded as GB18030 too: decoding and stripping must compose.
    for (name, bytes) in [
        ("page.html", html.as_bytes().to_vec()),
        ("page_gb.HTM", encode(GB18030, &html)),
    ] {
        let path = write(dir.path(), name, &bytes);
        let doc = read_document(&path).unwrap();
        assert_eq!(doc.text, html, "{name}");
        assert_eq!(doc.visible().len(), doc.text.len());

        let at = doc.visible().find("140萬美元").expect("visible number");
        assert_eq!(&doc.text[at..at + "140萬美元".len()], "140萬美元");
        let at = doc.visible().find("訓(xùn)練一次").unwrap();
        assert_eq!(doc.text[at..].find("訓(xùn)練一次"), Some(0));

        assert!(
            !doc.visible().contains("999萬美元"),
            "script is not visible"
        );
        assert!(
            !doc.visible().contains("888萬美元"),
            "comments are not visible"
        );
        for markup in ["<p", "<div", "class=", "DOCTYPE", "color", "&amp;", "&#"] {
            assert!(
                !doc.visible().contains(markup),
                "{markup} left in visible text"
            );
        }
        let entities = "A&    B\u{A0}    <   GPT>    中     文     ";
        assert!(doc.visible().contains(entities), "{:?}", doc.visible());
        // Block tags end sentences: the paragraph starts on a new line.
        let before = &doc.visible()[..doc.visible().find("——絕大多數").unwrap()];
        assert!(before.trim_end_matches(' ').ends_with('\n'));
    }
}

/// Named references beyond the basic five are decoded, so `&euro;100` is money,
/// and the claim's quote is still the exact text of the file at its offsets.
#[test]
fn html_entities_decode_and_quotes_stay_exact() {
    use claimcheck::extract::Extractor;
    use claimcheck::rules::RuleSet;
    let dir = tmp();
    let html = "<html><body><p>Mistral AI raised &euro;385&nbsp;million in its latest funding round.</p>\
                <p>&ldquo;智谱AI&rdquo;完成了&#x4E07;元以下的测试&hellip;</p></body></html>\n";
    let path = write(dir.path(), "news.html", html.as_bytes());
    let doc = read_document(&path).unwrap();
    assert!(
        doc.visible().contains("€   385\u{A0}    million"),
        "{:?}",
        doc.visible()
    );
    assert!(doc.visible().contains("万"), "{:?}", doc.visible());
    let rules = RuleSet::bundled().unwrap();
    let corpus = claimcheck::input::corpus::Corpus::load(std::slice::from_ref(&path));
    let claims = corpus.extract(&Extractor::new(&rules));
    let money = claims
        .iter()
        .find(|c| c.value_text.contains("385"))
        .unwrap_or_else(|| panic!("no claim for 385: {claims:#?}"));
    assert_eq!(money.unit.to_string(), "EUR", "{money:#?}");
    assert_eq!(
        money.value.low_value().map(|d| d.to_string()),
        Some("385000000".into())
    );
    assert_eq!(money.kind, "funding");
    let chars: Vec<char> = html.chars().collect();
    let at: String = chars[money.start..money.end].iter().collect();
    assert_eq!(at, money.quote);
    assert!(
        money.quote.contains("&euro;385&nbsp;million"),
        "{}",
        money.quote
    );
}

#[test]
fn text_files_keep_entities_and_tags_verbatim() {
    let dir = tmp();
    let text = "他的“冷靜”&ldquo;下來<br>";
    let path = write(dir.path(), "notes.txt", text.as_bytes());
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.visible(), text);
}

#[test]
fn pathological_html_is_stripped_whole() {
    let dir = tmp();
    // 2 MB is enough: a quadratic scan would take hours on it, the linear one milliseconds.
    let size = 2 * 1024 * 1024;
    for (name, unit) in [
        ("no_gt.html", "<a "),
        ("quotes.html", "<a \"'>x"),
        ("script.htm", "<script><!--"),
        ("entities.html", "&#x&amp;&"),
    ] {
        let html = unit.repeat(size / unit.len() + 1);
        let path = write(dir.path(), name, html.as_bytes());
        let doc = read_document(&path).unwrap();
        assert_eq!(doc.visible().len(), html.len(), "{name}");
    }
}

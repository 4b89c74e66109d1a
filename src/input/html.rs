//! The visible text of an HTML document, at the same byte offsets as the markup.
//!
//! `visible_text(html)` has exactly `html.len()` bytes. Every character of the result
//! other than an inserted blank (ASCII space or newline) starts and ends on a character
//! boundary of `html`, so a match found in the visible text (one that does not begin or
//! end inside blanked markup) has the same byte range in the original. Markup is
//! overwritten in place:
//! - tags, comments and the contents of `<script>`/`<style>` become spaces; block-level
//!   tags (p, br, div, li, h1–h6, tr, …) become a newline followed by spaces so that
//!   sentences of adjacent blocks do not run together;
//! - character references ending in `;` — every named one of the WHATWG list
//!   (`&nbsp; &amp; &euro; &yen; &hellip;` …, from the `htmlize` crate) and numeric
//!   ones (`&#20013; &#x4E07;`) — become their text followed by spaces. The text always
//!   fits except for a few two-character expansions (`&nGt;`, 5 bytes, is `≫⃒`, 6),
//!   which are left as written (a numeric reference is at least 4 bytes with the `&`
//!   and `;`, a character at most 4). References are ASCII, so the decoded characters' starts and
//!   ends are boundaries of `html`. A reference without its `;` (`&nbsp`) is kept.
//!
//! It is a tolerant scanner, not a parser: a `<` not followed by a tag-like character
//! (`a < b`) or never closed by `>` is kept as text, and unknown entities are kept.

/// Tags that start a new line in a browser.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "title",
    "tr",
    "ul",
];

/// Elements whose contents are not text.
const RAW_TEXT_TAGS: &[&str] = &["script", "style"];

/// Longest entity looked at, `&` and `;` included: the longest named one
/// (`&CounterClockwiseContourIntegral;`, 33) — numeric ones are shorter unless
/// padded with zeros.
const MAX_ENTITY_LEN: usize = htmlize::ENTITY_MAX_LENGTH;

/// The text a reader sees, byte-for-byte aligned with `html` (see module docs).
pub fn visible_text(html: &str) -> String {
    let mut out = Blanker::new(html);
    let mut ends = TagEnds::new(html);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(rel) = html[i..].find(['<', '&']) {
        let at = i + rel;
        i = if bytes[at] == b'<' {
            markup_at(html, at, &mut out, &mut ends)
        } else {
            entity_at(html, at, &mut out)
        };
    }
    out.finish()
}

/// Handles a `<` at `at`; returns where scanning resumes.
fn markup_at(html: &str, at: usize, out: &mut Blanker, ends: &mut TagEnds) -> usize {
    let rest = &html.as_bytes()[at..];
    if rest.starts_with(b"<!--") {
        let end = find(html, at + 4, "-->").map_or(html.len(), |p| p + 3);
        out.blank(at, end, false);
        return end;
    }
    let Some(tag) = Tag::parse(html, at, ends) else {
        return at + 1;
    };
    out.blank(at, tag.end, tag.is_one_of(BLOCK_TAGS));
    if tag.opens_raw_text() {
        let content_end = find_close_tag(html, tag.end, tag.name).unwrap_or(html.len());
        out.blank(tag.end, content_end, false);
        return content_end;
    }
    tag.end
}

/// Handles a `&` at `at`; returns where scanning resumes.
fn entity_at(html: &str, at: usize, out: &mut Blanker) -> usize {
    let window_end = (at + MAX_ENTITY_LEN).min(html.len());
    let window = &html.as_bytes()[at..window_end];
    let Some(semi) = window.iter().position(|&b| b == b';') else {
        return at + 1;
    };
    let end = at + semi + 1;
    let mut buf = [0; 4];
    let decoded: Option<&str> = match html[at + 1..at + semi].strip_prefix('#') {
        Some(number) => decode_number(number).map(|c| &*c.encode_utf8(&mut buf)),
        // The WHATWG list of named references (`&euro;`, `&nbsp;`, `&hellip;`…),
        // keyed with `&` and `;`; a few expand to two characters.
        None => htmlize::ENTITIES
            .get(&html.as_bytes()[at..end])
            .and_then(|bytes| std::str::from_utf8(bytes).ok()),
    };
    match decoded {
        Some(text) if text.len() <= end - at => {
            out.replace(at, end, text);
            end
        }
        _ => at + 1,
    }
}

/// The character a numeric reference (`#20013`, `#x4E07`, after the `&`) stands for.
fn decode_number(number: &str) -> Option<char> {
    let value = match number.strip_prefix(['x', 'X']) {
        Some(hex) => parse_digits(hex, 16)?,
        None => parse_digits(number, 10)?,
    };
    // As browsers do: NUL, surrogates and out-of-range values become U+FFFD.
    Some(
        char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}'),
    )
}

fn parse_digits(digits: &str, radix: u32) -> Option<u32> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(u32::from_str_radix(digits, radix).unwrap_or(u32::MAX))
}

/// A tag starting at a `<`: its name as written and the offset just after its `>`.
struct Tag<'a> {
    name: &'a str,
    end: usize,
    closing: bool,
    self_closing: bool,
}

impl<'a> Tag<'a> {
    fn parse(html: &'a str, at: usize, ends: &mut TagEnds) -> Option<Tag<'a>> {
        let bytes = html.as_bytes();
        let first = *bytes.get(at + 1)?;
        if !(first.is_ascii_alphabetic() || matches!(first, b'/' | b'!' | b'?')) {
            return None;
        }
        let closing = first == b'/';
        let name_start = at + 1 + usize::from(closing || first == b'!' || first == b'?');
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if closing && name_len == 0 {
            return None;
        }
        let name = &html[name_start..name_start + name_len];
        let end = ends.after(name_start + name_len)?;
        Some(Tag {
            name,
            end,
            closing,
            self_closing: end >= 2 && bytes[end - 2] == b'/',
        })
    }

    fn is_one_of(&self, names: &[&str]) -> bool {
        names.iter().any(|n| n.eq_ignore_ascii_case(self.name))
    }

    fn opens_raw_text(&self) -> bool {
        !self.closing && !self.self_closing && self.is_one_of(RAW_TEXT_TAGS)
    }
}

/// Finds where tags end, in linear time overall even on hostile input (thousands of `<`
/// without `>`, unbalanced quotes).
struct TagEnds<'a> {
    html: &'a str,
    /// Offset of the last `>`: a tag starting after it cannot end.
    last_gt: Option<usize>,
    /// Set once a quote-aware scan ran to the end of the text: the document's quotes are
    /// unbalanced, so later tags end at the first `>` (keeps the scan linear).
    ignore_quotes: bool,
}

impl<'a> TagEnds<'a> {
    fn new(html: &'a str) -> Self {
        TagEnds {
            html,
            last_gt: html.rfind('>'),
            ignore_quotes: false,
        }
    }

    /// Offset just after the `>` closing a tag whose attributes start at `from`, skipping
    /// `>` inside quoted attribute values; the first `>` if a quote is never closed.
    fn after(&mut self, from: usize) -> Option<usize> {
        if self.last_gt.is_none_or(|last| last < from) {
            return None;
        }
        if !self.ignore_quotes {
            if let Some(end) = self.quote_aware(from) {
                return Some(end);
            }
            self.ignore_quotes = true;
        }
        self.html[from..].find('>').map(|p| from + p + 1)
    }

    /// Jumps between `>` and quotes rather than stepping through every byte.
    fn quote_aware(&self, from: usize) -> Option<usize> {
        let mut at = from;
        loop {
            let found = at + self.html[at..].find(['>', '"', '\''])?;
            let b = self.html.as_bytes()[found];
            if b == b'>' {
                return Some(found + 1);
            }
            let closing = self.html[found + 1..].find(char::from(b))?;
            at = found + 1 + closing + 1;
        }
    }
}

fn find(html: &str, from: usize, needle: &str) -> Option<usize> {
    html[from..].find(needle).map(|p| from + p)
}

/// Offset of the `</name` (any case) that closes a raw-text element, at or after `from`.
fn find_close_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = at + html[at..].find("</")?;
        let candidate = html.as_bytes().get(lt + 2..lt + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return Some(lt);
        }
        at = lt + 2;
    }
}

const SPACES: &str = "                                                                ";

/// Builds the output: copies untouched text, overwrites markup ranges.
struct Blanker<'a> {
    html: &'a str,
    out: String,
    copied: usize,
}

impl<'a> Blanker<'a> {
    fn new(html: &'a str) -> Self {
        Blanker {
            html,
            out: String::with_capacity(html.len()),
            copied: 0,
        }
    }

    /// Overwrites `start..end` with spaces (a newline first if `newline`).
    fn blank(&mut self, start: usize, end: usize, newline: bool) {
        if end <= start {
            return;
        }
        self.copy_to(start);
        self.out.push(if newline { '\n' } else { ' ' });
        self.fill_to(end);
    }

    /// Overwrites `start..end` with `text` followed by spaces (`text` fits).
    fn replace(&mut self, start: usize, end: usize, text: &str) {
        self.copy_to(start);
        self.out.push_str(text);
        self.fill_to(end);
    }

    fn copy_to(&mut self, offset: usize) {
        self.out.push_str(&self.html[self.copied..offset]);
        self.copied = offset;
    }

    fn fill_to(&mut self, end: usize) {
        let written = self.out.len() - self.copied;
        let mut spaces = (end - self.copied).saturating_sub(written);
        while spaces > 0 {
            let n = spaces.min(SPACES.len());
            self.out.push_str(&SPACES[..n]);
            spaces -= n;
        }
        self.copied = end;
    }

    fn finish(mut self) -> String {
        self.copy_to(self.html.len());
        debug_assert_eq!(self.out.len(), self.html.len());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same length, and every character of `visible` that is not an inserted blank starts
    /// and ends on a character boundary of `html`, so matches can be sliced from `html`.
    fn assert_aligned(html: &str, visible: &str) {
        assert_eq!(visible.len(), html.len());
        for (start, c) in visible.char_indices() {
            if c != ' ' && c != '\n' {
                let end = start + c.len_utf8();
                assert!(html.is_char_boundary(start), "{c:?} at {start}");
                assert!(html.is_char_boundary(end), "{c:?} ending at {end}");
            }
        }
    }

    fn check(html: &str, expected: &str) {
        let visible = visible_text(html);
        assert_aligned(html, &visible);
        assert_eq!(visible, expected);
    }

    #[test]
    fn tags_become_spaces_and_blocks_newlines() {
        check(
            "<p>成本<b>140万</b>美元</p>",
            "\n  成本   140万    美元\n   ",
        );
    }

    #[test]
    fn every_named_entity_is_decoded_and_fits() {
        check("&euro;100", "€   100");
        check("&pound;5&yen;7", "£     5¥   7");
        check("&#x4E07;&#19975;", "万     万     ");
        check("&hellip;&mdash;&trade;", "…     —    ™    ");
        // Two characters for one reference.
        check("&NotEqualTilde;", "≂\u{338}          ");
        // Unknown names, a missing `;` and a name longer than any reference stay.
        check("&bogus; &nbsp &euro", "&bogus; &nbsp &euro");
        let long = format!("&{};", "a".repeat(40));
        check(&long, &long);
        // The whole list: decoded in place where the expansion fits, else kept as
        // written; only a few two-character expansions (`&nGt;` is 5 bytes, `≫⃒`
        // 6) do not fit.
        let mut kept = Vec::new();
        for (name, expansion) in htmlize::ENTITIES.entries() {
            if name.ends_with(b";") {
                let name = std::str::from_utf8(name).unwrap();
                let expansion = std::str::from_utf8(expansion).unwrap();
                let visible = visible_text(name);
                assert_aligned(name, &visible);
                if expansion.len() <= name.len() {
                    assert!(visible.starts_with(expansion), "{name}");
                    assert_eq!(visible.trim_end_matches(' '), expansion, "{name}");
                } else {
                    assert_eq!(visible, name);
                    kept.push(name);
                }
            }
        }
        assert!(kept.len() <= 5, "{kept:?}");
        check("&nGt;", "&nGt;");
    }

    #[test]
    fn entities_become_their_character() {
        check("a&amp;b", "a&    b");
        check("x&nbsp;y", "x\u{A0}    y");
        check("&lt;&gt;&quot;", "<   >   \"     ");
        check("&#20013;&#x6587;", "中     文     ");
        check("&ldquo;AI&rdquo;", "“    AI”    ");
    }

    #[test]
    fn unknown_or_broken_entities_stay() {
        check("a &foo; b & c &#xZZ; d", "a &foo; b & c &#xZZ; d");
        check("&#0;", "\u{FFFD} ");
    }

    #[test]
    fn script_style_and_comments_are_blanked() {
        let html = "a<script>var s = '<p>';</script>b<!-- c -->d<STYLE>p{}</Style>e";
        let visible = visible_text(html);
        assert_aligned(html, &visible);
        let letters: String = visible.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(letters, "abde");
    }

    #[test]
    fn unclosed_script_blanks_to_the_end() {
        check("a<script>x = 1;", "a              ");
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        check("a < b and c<", "a < b and c<");
        check("x <3 y", "x <3 y");
    }

    #[test]
    fn quoted_gt_does_not_end_a_tag() {
        check("<a title=\"1>0\">x</a>", "               x    ");
    }

    #[test]
    fn multibyte_text_inside_attributes_is_blanked_whole() {
        let html = "<img alt=\"图片说明\">正文";
        let visible = visible_text(html);
        assert_aligned(html, &visible);
        assert_eq!(visible.trim_start(), "正文");
    }

    #[test]
    fn matches_in_visible_text_line_up_with_the_original() {
        let html = "<div class=\"x\">訓練一次的成本約為<span>140萬美元</span>&nbsp;</div>";
        let visible = visible_text(html);
        let at = visible.find("140萬美元").unwrap();
        assert_eq!(&html[at..at + "140萬美元".len()], "140萬美元");
    }
}

//! Share links: a whole document in a URL fragment.
//!
//! `#plan=1.<data>` where `<data>` is the document's JSON (the versioned
//! format), deflated (raw DEFLATE, RFC 1951) and URL-safe base64 encoded.
//! The fragment never reaches a server. Opening is strict about the
//! envelope (a cut-off or mangled link is refused with a message saying
//! so) and hands the JSON to [`load_json`], so a shared document gets the
//! same tolerance, migrations and refusals as a file.
//!
//! This module does everything but the deflating itself. The browser
//! already carries a deflater (the Compression Streams API, behind
//! `src/adapters/deflate.rs`); our own would add 12 KB of gzipped wasm.
//! So making a link is [`payload`] → deflate → [`fragment`], and opening
//! one is [`deflated`] → inflate (at most [`MAX_INFLATED`] bytes) →
//! [`open`]. The tests deflate natively with `miniz_oxide`, which writes
//! the same format.

use crate::document::Document;
use crate::format::{load_json, to_json, LoadError, Loaded};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::fmt;

/// What a share fragment starts with (after `#`).
pub const PREFIX: &str = "plan=";
/// The envelope version, so the encoding can change without breaking old links.
const VERSION: &str = "1";
/// Largest inflated document accepted, against decompression bombs.
pub const MAX_INFLATED: usize = 20 * 1024 * 1024;

/// Why a share link could not be opened. Nothing was loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is not a migraflow share link.
    NotALink,
    /// A share link of an envelope version this build does not know.
    UnknownVersion(String),
    /// Cut off or altered on the way (bad base64 or deflate data), or it
    /// inflates to more than [`MAX_INFLATED`] bytes.
    Damaged,
    /// The link decodes, but to text that is not a loadable document.
    Document(LoadError),
    /// This browser cannot inflate a link (it lacks the Compression
    /// Streams API that does the deflating, see the module doc).
    Unsupported,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotALink => f.write_str("This is not a migraflow share link."),
            ShareError::UnknownVersion(v) => write!(
                f,
                "This share link was made by a newer migraflow (link format {v}); it was not opened."
            ),
            ShareError::Damaged => f.write_str(
                "This share link is incomplete or damaged — it may have been cut off when it was copied. Nothing was opened.",
            ),
            ShareError::Document(e) => write!(f, "The shared plan could not be opened. {e}"),
            ShareError::Unsupported => f.write_str(
                "This browser cannot open share links: it lacks the Compression Streams API. Open the link in a current Chrome, Edge, Firefox or Safari. Nothing was opened.",
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// What a link carries for `doc`, before it is deflated: its JSON text.
pub fn payload(doc: &Document) -> Vec<u8> {
    to_json(doc).into_bytes()
}

/// The fragment (without `#`) that carries a deflated payload.
pub fn fragment(deflated: &[u8]) -> String {
    format!("{PREFIX}{VERSION}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Whether a URL fragment (with or without `#`) is a share link.
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(PREFIX)
}

/// The deflated payload a fragment (with or without `#`) carries, once its
/// envelope is checked.
pub fn deflated(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let body = fragment
        .trim_start_matches('#')
        .strip_prefix(PREFIX)
        .ok_or(ShareError::NotALink)?;
    let (version, data) = body.split_once('.').ok_or(ShareError::Damaged)?;
    if version != VERSION {
        return Err(ShareError::UnknownVersion(
            version.chars().take(8).collect(),
        ));
    }
    URL_SAFE_NO_PAD
        .decode(data.trim())
        .map_err(|_| ShareError::Damaged)
}

/// Opens an inflated payload.
pub fn open(inflated: Vec<u8>) -> Result<Loaded, ShareError> {
    let json = String::from_utf8(inflated).map_err(|_| ShareError::Damaged)?;
    load_json(&json).map_err(ShareError::Document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    /// A link made as the app makes one, with a native deflater.
    fn encode(doc: &Document) -> String {
        fragment(&miniz_oxide::deflate::compress_to_vec(&payload(doc), 9))
    }

    /// A link opened as the app opens one, with a native inflater.
    fn decode(link: &str) -> Result<Loaded, ShareError> {
        let inflated =
            miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated(link)?, MAX_INFLATED)
                .map_err(|_| ShareError::Damaged)?;
        open(inflated)
    }

    #[test]
    fn every_template_survives_a_share_link_and_the_links_are_short() {
        for t in templates::all() {
            let doc = t.build();
            let link = encode(&doc);
            eprintln!("{}: share link fragment of {} characters", t.id, link.len());
            assert!(link.starts_with("plan=1."));
            assert!(
                link.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.=".contains(&b)),
                "URL-safe"
            );
            let loaded = decode(&format!("#{link}")).unwrap();
            assert_eq!(loaded.document, doc, "{}", t.id);
            assert!(loaded.warnings.is_empty());
            // Well under the ~32k characters every browser keeps in a URL.
            assert!(link.len() < 16_000, "{}: {} characters", t.id, link.len());
        }
    }

    #[test]
    fn cut_or_foreign_links_are_refused_with_a_reason() {
        let link = encode(&templates::all()[0].build());
        let cut = &link[..link.len() / 2];
        assert_eq!(decode(cut).unwrap_err(), ShareError::Damaged);
        assert_eq!(decode("plan=1.!!!").unwrap_err(), ShareError::Damaged);
        assert_eq!(decode("plan=1").unwrap_err(), ShareError::Damaged);
        assert_eq!(decode("section-2").unwrap_err(), ShareError::NotALink);
        assert_eq!(
            decode("plan=9.abc").unwrap_err(),
            ShareError::UnknownVersion("9".into())
        );
        // Valid deflate of something that is not a document.
        let not_ours = format!(
            "plan=1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,2,3]", 9))
        );
        assert!(matches!(decode(&not_ours), Err(ShareError::Document(_))));
        assert!(ShareError::Damaged.to_string().contains("cut off"));
    }

    #[test]
    fn decompression_bombs_are_refused() {
        let bomb = vec![b' '; MAX_INFLATED + 1];
        let link = format!(
            "plan=1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 9))
        );
        assert_eq!(decode(&link).unwrap_err(), ShareError::Damaged);
    }
}

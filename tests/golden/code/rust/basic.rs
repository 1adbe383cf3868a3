//! Crate doc: a toy inference server.

/// Outer doc: the KV cache.
/// Second line of the doc.
pub struct Cache {
    blocks: usize, // ordinary trailing comment
}

//// Four slashes: not a doc comment.
/** Block doc: allocate pages. */
fn alloc() -> &'static str {
    let s = "// not a comment /* nor this */";
    /* ordinary /* nested */ block comment */
    /*! Inner block doc. */
    s // prefill — naïve
}

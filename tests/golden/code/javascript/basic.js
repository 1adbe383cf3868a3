#!/usr/bin/env node
/**
 * JSDoc for the tokenizer: byte-pair encoding.
 * @param {string} text the prompt
 */
function tokenize(text) {
  const url = "https://example.com/a//b"; // a line comment after a "//" string
  const re = /\/\/ not a comment/;
  /* A block comment about the KV cache */
  return `template // not a comment ${text /* comment in a template */}`;
}

/*
 * Ordinary block comment with a margin:
 *   quantization — naïve int8.
 */
//// Four slashes: still an ordinary comment.
const el = <div>{/* JSX comment about logits */}</div>;

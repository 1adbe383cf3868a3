/// <reference types="node" />
/** JSDoc for the sampler: top-p and temperature. */
export function sample(logits: number[], topP: number = 0.9): number {
  const s: string = "// not a comment"; // trailing comment on TTFT
  /* block: beam search, naïve */
  return logits.length;
}

/***************************************
 * Banner comment: not a doc comment.
 ***************************************/
interface Config {
  /** Maximum batch size in tokens. */
  maxTokens: number; // 最大 tokens
}

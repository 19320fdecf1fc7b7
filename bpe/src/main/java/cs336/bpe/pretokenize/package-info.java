/**
 * Cutting UTF-8 text into pre-tokens, before any merge: {@link cs336.bpe.pretokenize.SpecialTokens}
 * splits out special tokens (leftmost, longest wins), {@link cs336.bpe.pretokenize.PreTokenizer} is
 * a hand-written scanner equal to GPT-2's regular expression, and
 * {@link cs336.bpe.pretokenize.SafeCuts} finds places where a text may be cut into chunks without
 * changing any pre-token (parallel counting, parallel and streaming encoding). All work on byte
 * ranges of UTF-8 arrays, so a pre-token is a byte range and never a new String.
 */
package cs336.bpe.pretokenize;

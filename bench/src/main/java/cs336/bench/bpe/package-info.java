/**
 * Benchmarks of the byte-level BPE: the pre-tokenizer against java.util.regex, the merge loop on a
 * fixed word-count table, and GPT-2 encoding against jtokkit (tiktoken's algorithm in Java) in the
 * same run. Each checks its results in {@code @Setup} before timing. They read text from the shared
 * folder ({@code -Dcs336.shared=...}, default {@code ../shared} of the working directory).
 */
package cs336.bench.bpe;

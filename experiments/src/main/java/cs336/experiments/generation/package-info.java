/**
 * Writing text with a trained model: {@link cs336.experiments.generation.TextGenerator} (prompt in,
 * streamed text out, stopping at {@code <|endoftext|>}) and
 * {@link cs336.experiments.generation.Utf8Stream} (token bytes to text as they arrive, holding back
 * the start of a character split across tokens).
 */
package cs336.experiments.generation;

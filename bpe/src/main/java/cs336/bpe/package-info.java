/**
 * Byte-level BPE, independent of the tensor engine (the handout's section 2).
 *
 * <ul>
 *   <li>{@link cs336.bpe.BpeTrainer}: trains on a file (parallel pre-tokenize and count over a
 *       memory-mapped file, then the incremental merge loop) into a {@link cs336.bpe.BpeModel};
 *   <li>{@link cs336.bpe.Tokenizer}: encode (whole, streaming, per file in parallel with
 *       {@link cs336.bpe.FileEncoder}) and decode; equal to tiktoken's GPT-2 encoding with GPT-2's files;
 *   <li>{@link cs336.bpe.io.Gpt2Files}: {@code vocab.json} / {@code merges.txt};
 *       {@link cs336.bpe.io.NpyTokenWriter}: token arrays that NumPy memory-maps;
 *   <li>{@link cs336.bpe.pretokenize}: the GPT-2 pre-tokenizer and special-token splitting.
 * </ul>
 * Where to start reading: {@code PreTokenizer.split}, then {@code MergeLoop}, then {@code MergeRanks}.
 */
package cs336.bpe;

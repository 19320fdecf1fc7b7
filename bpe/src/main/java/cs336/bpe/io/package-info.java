/**
 * Files: GPT-2's {@code vocab.json} and {@code merges.txt} ({@link cs336.bpe.io.Gpt2Files}, through
 * the bytes-to-unicode table {@link cs336.bpe.io.ByteUnicode}), token arrays as NumPy {@code .npy}
 * ({@link cs336.bpe.io.NpyTokenWriter}, {@link cs336.bpe.io.NpyTokens}), memory-mapped input text cut
 * into chunks at safe places ({@link cs336.bpe.io.MappedText}), and atomic writes. Errors name the file
 * (and line, for text formats).
 */
package cs336.bpe.io;

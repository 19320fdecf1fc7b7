package cs336.experiments.cli;

import cs336.bpe.FileEncoder;
import cs336.bpe.Tokenizer;
import cs336.bpe.io.NpyTokenWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs336 tokenize}: encodes a text file into a NumPy {@code .npy} array of token ids (uint16
 * when the vocabulary fits, else uint32) on all cores, with the ids of encoding the whole text at
 * once; prints the throughput and the compression ratio (bytes per token).
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Encode a text file into a .npy array of token ids (uint16/uint32) on all cores.")
public final class TokenizeCommand implements Callable<Integer> {
  @Mixin TokenizerFiles tokenizer;

  @Option(names = "--input", required = true, description = "Text file (UTF-8), any size.")
  Path input;

  @Option(names = "--out", required = true, description = "Output .npy file (written atomically).")
  Path out;


  @Mixin WorkOptions work;

  @Override
  public Integer call() throws Exception {
    FileEncoder.Stats s = encode(tokenizer.load(), input, out, work.threads, work.progress);
    System.out.printf("tokenized %s: %,d bytes -> %,d tokens in %.2f s%n", input, s.bytes(), s.tokens(), s.seconds());
    System.out.printf("throughput %.1f MB/s on %d thread(s); compression ratio %.3f bytes/token%n",
        s.bytesPerSecond() / 1e6, work.threads, s.bytesPerToken());
    System.out.println("wrote " + out);
    return 0;
  }

  /** Encodes {@code input} into {@code out}; shared with the experiment mains. */
  public static FileEncoder.Stats encode(Tokenizer tok, Path input, Path out, int threads, boolean progress) throws Exception {
    NpyTokenWriter w = NpyTokenWriter.open(out, tok.vocabSize());
    try (Progress bar = new Progress(progress)) {
      bar.bytes("tokenize", java.nio.file.Files.isRegularFile(input) ? java.nio.file.Files.size(input) : 0);
      FileEncoder.Stats s = FileEncoder.encode(tok, input, threads, (ids, n) -> w.write(ids, 0, n), bar::progress);
      w.close();
      return s;
    } catch (Exception | Error e) {
      w.abort();
      throw e;
    }
  }
}

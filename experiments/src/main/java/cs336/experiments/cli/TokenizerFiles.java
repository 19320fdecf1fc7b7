package cs336.experiments.cli;

import cs336.bpe.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that name a tokenizer: {@code --vocab}, {@code --merges}, {@code --special-token}. */
final class TokenizerFiles {
  @Option(names = "--vocab", required = true, description = "vocab.json (GPT-2 format).")
  Path vocab;

  @Option(names = "--merges", required = true, description = "merges.txt (GPT-2 format).")
  Path merges;

  @Option(names = "--special-token", description = "A special token, e.g. '<|endoftext|>' (repeatable).")
  List<String> specialTokens = new ArrayList<>();

  Tokenizer load() throws Exception {
    return Tokenizer.fromFiles(vocab, merges, specialTokens);
  }
}

package cs336.bpe;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * tiktoken's GPT-2 encoding with {@code <|endoftext|>} allowed, through jtokkit's R50K_BASE: the text
 * is split at {@code <|endoftext|>} (id 50256) and the rest encoded as ordinary text.
 */
final class Gpt2Oracle {
  private Gpt2Oracle() {}

  static final int EOT_ID = 50256;
  static final Encoding R50K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
  private static Tokenizer gpt2;

  static int[] encode(String text) {
    IntStream.Builder out = IntStream.builder();
    String[] parts = text.split("<\\|endoftext\\|>", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) out.add(EOT_ID);
      for (int id : R50K.encodeOrdinary(parts[i]).toArray()) out.add(id);
    }
    return out.build().toArray();
  }

  /** Our tokenizer from GPT-2's files in ../shared, with <|endoftext|> (loaded once). */
  static synchronized Tokenizer gpt2() throws Exception {
    if (gpt2 == null) {
      Path v = Shared.file("cs336-fixtures/gpt2_vocab.json");
      Path m = Shared.file("cs336-fixtures/gpt2_merges.txt");
      gpt2 = Tokenizer.fromFiles(v, m, List.of("<|endoftext|>"));
    }
    return gpt2;
  }
}

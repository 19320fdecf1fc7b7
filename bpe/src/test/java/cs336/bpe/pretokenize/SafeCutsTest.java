package cs336.bpe.pretokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.bpe.TextGen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cutting at a safe cut and pre-tokenizing the two sides gives the pre-tokens of the whole. */
class SafeCutsTest {

  /** Special tokens and pre-tokens of b[from, to), as "start:end" strings (specials marked). */
  static List<String> pieces(SpecialTokens sp, byte[] b, int from, int to) {
    List<String> out = new ArrayList<>();
    sp.split(b, from, to, new SpecialTokens.Sink() {
      @Override
      public void text(byte[] bb, int s, int e) {
        PreTokenizer.split(bb, s, e, (x, ps, pe) -> out.add(ps + ":" + pe));
      }

      @Override
      public void special(int index, int s, int e) {
        out.add("S" + index + "@" + s + ":" + e);
      }
    });
    return out;
  }

  @Test
  void everySafeCutPreservesThePieces() {
    Random r = new Random(5);
    List<SpecialTokens> kinds = List.of(SpecialTokens.none(),
        new SpecialTokens(List.of("<|endoftext|>")),
        new SpecialTokens(List.of("<|endoftext|>", "<|endoftext|><|endoftext|>", "x y", "\n<s>")));
    int cuts = 0;
    for (int i = 0; i < 8000; i++) {
      SpecialTokens sp = kinds.get(i % kinds.size());
      StringBuilder sb = new StringBuilder(TextGen.string(r, 14));
      for (int k = r.nextInt(3); k > 0; k--) {
        String t = sp.isEmpty() ? "<|endoftext|>" : sp.tokens().get(r.nextInt(sp.count()));
        sb.insert(r.nextInt(sb.length() + 1), t);
      }
      byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
      List<String> whole = pieces(sp, b, 0, b.length);
      for (int p = 1; p < b.length; p++) {
        if (!SafeCuts.isCut(b, 0, p, b.length, sp)) continue;
        cuts++;
        List<String> parts = new ArrayList<>(pieces(sp, b, 0, p));
        parts.addAll(pieces(sp, b, p, b.length));
        int cut = p;
        assertEquals(whole, parts, () -> "cut at " + cut + " of " + TextGen.escape(new String(b, StandardCharsets.UTF_8)));
      }
    }
    assertTrue(cuts > 5000, "too few cuts were tried: " + cuts);
  }

  @Test
  void whitespaceRunsAreNotCut() {
    byte[] b = "a\n\nb".getBytes(StandardCharsets.UTF_8);
    assertEquals(true, SafeCuts.isCut(b, 0, 1, b.length, SpecialTokens.none()));
    assertEquals(false, SafeCuts.isCut(b, 0, 2, b.length, SpecialTokens.none()));
    assertEquals(false, SafeCuts.isCut(b, 0, 3, b.length, SpecialTokens.none()));
  }
}

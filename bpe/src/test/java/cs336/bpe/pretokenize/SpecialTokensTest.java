package cs336.bpe.pretokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecialTokensTest {

  /** The split as strings: text pieces as they are, specials as [name]. */
  static List<String> split(List<String> specials, String text) {
    SpecialTokens sp = new SpecialTokens(specials);
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    sp.split(b, 0, b.length, new SpecialTokens.Sink() {
      @Override
      public void text(byte[] bb, int s, int e) {
        out.add(new String(bb, s, e - s, StandardCharsets.UTF_8));
      }

      @Override
      public void special(int index, int s, int e) {
        out.add("[" + sp.tokens().get(index) + "]");
      }
    });
    return out;
  }

  @Test
  void splitsAroundSpecials() {
    assertEquals(List.of("a", "[<|endoftext|>]", "b"), split(List.of("<|endoftext|>"), "a<|endoftext|>b"));
    assertEquals(List.of("[<|endoftext|>]", "[<|endoftext|>]"), split(List.of("<|endoftext|>"), "<|endoftext|><|endoftext|>"));
    assertEquals(List.of("no specials here"), split(List.of("<|endoftext|>"), "no specials here"));
    assertEquals(List.of("<|endoftext|"), split(List.of("<|endoftext|>"), "<|endoftext|"));
    assertEquals(List.of(), split(List.of("<|endoftext|>"), ""));
    assertEquals(List.of("x<|eot|>"), split(List.of(), "x<|eot|>"));
  }

  @Test
  void longestMatchWinsWhereSpecialsOverlap() {
    List<String> sp = List.of("<|endoftext|>", "<|endoftext|><|endoftext|>");
    assertEquals(List.of("a", "[<|endoftext|><|endoftext|>]", "[<|endoftext|>]", "b"),
        split(sp, "a<|endoftext|><|endoftext|><|endoftext|>b"));
    // leftmost first, even when a longer one starts later
    assertEquals(List.of("[ab]", "cd"), split(List.of("ab", "bcd"), "abcd"));
    assertEquals(List.of("a", "[bcd]"), split(List.of("abc_", "bcd"), "abcd"));
  }

  @Test
  void spansSeesATokenAcrossACut() {
    SpecialTokens sp = new SpecialTokens(List.of("<|endoftext|>"));
    byte[] b = "ab<|endoftext|>cd".getBytes(StandardCharsets.UTF_8);
    assertEquals(false, sp.spans(b, 0, 2, b.length));
    assertEquals(true, sp.spans(b, 0, 3, b.length));
    assertEquals(true, sp.spans(b, 0, 14, b.length));
    assertEquals(false, sp.spans(b, 0, 15, b.length));
  }

  @Test
  void emptySpecialIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> new SpecialTokens(List.of("")));
  }
}

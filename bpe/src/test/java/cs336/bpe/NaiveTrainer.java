package cs336.bpe;

import cs336.bpe.pretokenize.PreTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test oracle for training: BPE as the handout describes it, as plainly as possible. Special
 * tokens are split out with a regular expression (longest first), pre-tokens come from
 * java.util.regex, and after every merge all pairs are counted again from scratch.
 */
final class NaiveTrainer {
  private NaiveTrainer() {}

  /** The merges (as byte pairs) for {@code text}. */
  static List<byte[][]> merges(String text, List<String> specials, int vocabSize) {
    Map<List<Integer>, Long> words = new HashMap<>();
    List<String> sorted = new ArrayList<>(specials);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    List<String> segments = sorted.isEmpty() ? List.of(text)
        : List.of(text.split(String.join("|", sorted.stream().map(Pattern::quote).toList()), -1));
    Pattern pre = PreTokenizer.regex();
    for (String seg : segments) {
      Matcher m = pre.matcher(seg);
      while (m.find()) {
        List<Integer> w = new ArrayList<>();
        for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) w.add(b & 0xFF);
        words.merge(w, 1L, Long::sum);
      }
    }
    List<byte[]> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) tokens.add(new byte[] {(byte) b});
    int specialCount = (int) specials.stream().distinct().filter(s -> s.getBytes(StandardCharsets.UTF_8).length > 1).count();
    List<byte[][]> merges = new ArrayList<>();
    while (256 + specialCount + merges.size() < vocabSize) {
      Map<List<Integer>, Long> pairs = new HashMap<>();
      for (var e : words.entrySet()) {
        List<Integer> w = e.getKey();
        for (int i = 0; i + 1 < w.size(); i++) pairs.merge(List.of(w.get(i), w.get(i + 1)), e.getValue(), Long::sum);
      }
      List<Integer> best = null;
      long bestCount = 0;
      for (var e : pairs.entrySet()) {
        if (best == null || e.getValue() > bestCount
            || (e.getValue() == bestCount && compare(tokens, e.getKey(), best) > 0)) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      if (best == null) break;
      int a = best.get(0), b = best.get(1);
      byte[] ab = Arrays.copyOf(tokens.get(a), tokens.get(a).length + tokens.get(b).length);
      System.arraycopy(tokens.get(b), 0, ab, tokens.get(a).length, tokens.get(b).length);
      int c = tokens.size();
      tokens.add(ab);
      merges.add(new byte[][] {tokens.get(a), tokens.get(b)});
      Map<List<Integer>, Long> next = new HashMap<>();
      for (var e : words.entrySet()) {
        List<Integer> w = e.getKey(), out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
          if (i + 1 < w.size() && w.get(i) == a && w.get(i + 1) == b) {
            out.add(c);
            i++;
          } else {
            out.add(w.get(i));
          }
        }
        next.merge(out, e.getValue(), Long::sum);
      }
      words = next;
    }
    return merges;
  }

  private static int compare(List<byte[]> tokens, List<Integer> x, List<Integer> y) {
    int c = Arrays.compareUnsigned(tokens.get(x.get(0)), tokens.get(y.get(0)));
    return c != 0 ? c : Arrays.compareUnsigned(tokens.get(x.get(1)), tokens.get(y.get(1)));
  }
}

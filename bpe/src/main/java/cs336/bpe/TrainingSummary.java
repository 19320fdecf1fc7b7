package cs336.bpe;

import cs336.bpe.util.PeakMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a training run measured: input size, pre-tokens, time of each phase, peak memory, and the
 * longest tokens learned (the handout asks which they are and whether they make sense).
 *
 * @param inputBytes size of the training text
 * @param preTokens pre-tokens counted (special tokens excluded)
 * @param distinctPreTokens distinct pre-tokens (the words the merge loop works on)
 * @param threads worker threads of the counting phase
 * @param countSeconds mapping, pre-tokenizing and counting
 * @param mergeSeconds building the pair counts and index, and the merge loop
 * @param merges merges made
 * @param peakRssBytes peak resident set of the process (-1 where unknown)
 * @param peakHeapBytes peak Java heap (sum of the heap pools' peaks)
 * @param longestTokens the longest tokens, longest first
 */
public record TrainingSummary(
    long inputBytes, long preTokens, int distinctPreTokens, int threads,
    double countSeconds, double mergeSeconds, int merges,
    long peakRssBytes, long peakHeapBytes, List<byte[]> longestTokens) {

  /** Counting throughput in MB/s (10^6 bytes). */
  public double countMbPerSecond() {
    return inputBytes / 1e6 / Math.max(countSeconds, 1e-9);
  }

  /** A token shown for people: its UTF-8 text (with U+FFFD where it is not UTF-8) and length. */
  public static String show(byte[] token) {
    String s = new String(token, StandardCharsets.UTF_8)
        .replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    return "\"" + s + "\" (" + token.length + " bytes)";
  }

  /** A few lines for the console. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("input          %,d bytes, %,d pre-tokens (%,d distinct)%n", inputBytes, preTokens, distinctPreTokens));
    sb.append(String.format("pre-tokenize+count  %.3f s (%.1f MB/s on %d threads)%n", countSeconds, countMbPerSecond(), threads));
    sb.append(String.format("merge          %.3f s (%,d merges)%n", mergeSeconds, merges));
    sb.append(String.format("peak memory    RSS %s, heap %s%n", PeakMemory.format(peakRssBytes), PeakMemory.format(peakHeapBytes)));
    sb.append("longest tokens:");
    for (byte[] t : longestTokens) sb.append(String.format("%n  %s", show(t)));
    return sb.toString();
  }
}

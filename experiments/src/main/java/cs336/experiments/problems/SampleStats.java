package cs336.experiments.problems;

import cs336.autograd.NoGrad;
import cs336.autograd.Tensor;
import cs336.bpe.Tokenizer;
import cs336.engine.NDArray;
import cs336.nn.layers.TransformerLM;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurable proxies for the quality of a generated text: how likely the model finds it, how
 * repetitive it is, and how many of its words are real words of the training data.
 *
 * @param words words in the text
 * @param knownWords the share of its words that occur in the training text (made-up words are not)
 * @param distinctBigrams distinct word pairs over all word pairs (1 = no pair repeats)
 * @param tokenLoss the model's mean cross-entropy per token of the text (nats; lower = more typical)
 */
record SampleStats(int words, double knownWords, double distinctBigrams, double tokenLoss) {

  private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:'[a-z]+)?");

  /** The lower-cased words of {@code text}. */
  static List<String> words(String text) {
    Matcher m = WORD.matcher(text);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
    return out;
  }

  /** The set of words of a text (e.g. the decoded start of the training data). */
  static Set<String> vocabulary(String text) {
    return new HashSet<>(words(text));
  }

  static SampleStats of(String text, Set<String> known, TransformerLM model, Tokenizer tok) {
    List<String> w = words(text);
    long hits = w.stream().filter(known::contains).count();
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i + 1 < w.size(); i++) pairs.add(w.get(i) + " " + w.get(i + 1));
    double distinct = w.size() < 2 ? 1 : (double) pairs.size() / (w.size() - 1);
    return new SampleStats(w.size(), w.isEmpty() ? 0 : (double) hits / w.size(), distinct, tokenLoss(text, model, tok));
  }

  /** Mean next-token cross-entropy of the text's tokens (its first context_length + 1). */
  static double tokenLoss(String text, TransformerLM model, Tokenizer tok) {
    int[] ids = tok.encode(text);
    int n = Math.min(ids.length - 1, model.config().contextLength());
    if (n < 1) return Double.NaN;
    long[] x = new long[n], y = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = ids[i];
      y[i] = ids[i + 1];
    }
    var device = model.tokenEmbeddings().weight().data().device();
    try (NoGrad ignored = NoGrad.enter()) {
      return model.loss(Tensor.of(NDArray.ofLongs(x, 1, n).to(device)), Tensor.of(NDArray.ofLongs(y, 1, n).to(device))).item();
    }
  }
}

package cs336.experiments.data;

import java.util.List;

/**
 * The two text data sets of the assignment, by the file names they go by: the real ones
 * ({@code ./cs336 download} fetches them into {@code data/}) first, then the stand-ins of
 * {@code ../shared/data/} (real TinyStories stories; an English web-text mix).
 */
public enum Corpus {
  TINYSTORIES("tinystories", List.of("TinyStoriesV2-GPT4-train.txt", "tinystories_real_train.txt"),
      List.of("TinyStoriesV2-GPT4-valid.txt", "tinystories_real_valid.txt")),
  OPENWEBTEXT("owt", List.of("owt_train.txt", "web_en_20M.txt"), List.of("owt_valid.txt", "web_en_valid.txt"));

  private final String download;
  private final List<String> trainNames;
  private final List<String> validNames;

  Corpus(String download, List<String> trainNames, List<String> validNames) {
    this.download = download;
    this.trainNames = trainNames;
    this.validNames = validNames;
  }

  /** The argument of {@code ./cs336 download} that fetches it. */
  public String download() {
    return download;
  }

  /** Training file names, the real one first. */
  public List<String> trainNames() {
    return trainNames;
  }

  /** Validation file names, the real one first. */
  public List<String> validNames() {
    return validNames;
  }
}

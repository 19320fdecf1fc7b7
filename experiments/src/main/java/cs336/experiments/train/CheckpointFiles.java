package cs336.experiments.train;

import cs336.nn.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's checkpoints: {@code runs/<name>/checkpoints/step_00001000.safetensors}, one per saved
 * step, each written atomically by {@link Checkpoint#save} (a killed run leaves the previous ones
 * whole; temporary files start with a dot and are ignored here). After each save only the latest
 * {@code keep} remain. Beside them, {@link #best} keeps the weights of the lowest validation loss.
 */
public final class CheckpointFiles {
  private CheckpointFiles() {}

  /** The folder inside a run directory. */
  public static final String DIR = "checkpoints";

  private static final Pattern NAME = Pattern.compile("step_(\\d+)\\.safetensors");

  /**
   * The checkpoint of the lowest validation loss so far, rewritten whenever a validation improves
   * on it. Its name does not match {@code step_<n>}, so it is never pruned and never resumed from:
   * it is for using the model (a long run on little data overfits, and its last step is then not
   * its best).
   */
  public static Path best(Path runDir) {
    return runDir.resolve(DIR).resolve("best.safetensors");
  }

  /** The file of the checkpoint at {@code step}. */
  public static Path file(Path runDir, long step) {
    return runDir.resolve(DIR).resolve(String.format(Locale.ROOT, "step_%08d.safetensors", step));
  }

  /** The run's checkpoint files, oldest (lowest step) first; empty when there are none. */
  public static List<Path> list(Path runDir) throws IOException {
    Path dir = runDir.resolve(DIR);
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(CheckpointFiles::step))
          .toList();
    }
  }

  /** The step in a checkpoint file's name. */
  public static long step(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) throw new IllegalArgumentException(file + " is not a checkpoint file (step_<n>.safetensors)");
    return Long.parseLong(m.group(1));
  }

  /** The latest checkpoint file, or null when the run has none. */
  public static Path latest(Path runDir) throws IOException {
    List<Path> all = list(runDir);
    return all.isEmpty() ? null : all.getLast();
  }

  /**
   * Reads the latest checkpoint that reads back whole, newest first; one that does not (a disk
   * error after it was written) is reported on {@code log} and the one before it is tried. Null
   * when the run has no checkpoint.
   */
  public static Checkpoint readLatest(Path runDir, PrintStream log) throws IOException {
    List<Path> all = new ArrayList<>(list(runDir));
    IOException first = null;
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        return Checkpoint.read(all.get(i));
      } catch (IOException e) {
        if (first == null) first = e;
        log.println("warning: " + e.getMessage() + (i > 0 ? "; trying the one before" : ""));
      }
    }
    if (first != null) throw new IOException("no readable checkpoint in " + runDir.resolve(DIR) + ": " + first.getMessage());
    return null;
  }

  /** Deletes all but the latest {@code keep} checkpoints. */
  static void prune(Path runDir, int keep) throws IOException {
    List<Path> all = list(runDir);
    for (int i = 0; i < all.size() - keep; i++) Files.deleteIfExists(all.get(i));
  }
}

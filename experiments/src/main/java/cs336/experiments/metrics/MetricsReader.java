package cs336.experiments.metrics;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a run's {@code metrics.jsonl} back into {@link RunMetrics}.
 *
 * <p>Two things a real log can hold are handled here, in one place:
 * <ul>
 *   <li>A run killed while writing leaves an unterminated last line: it is ignored.</li>
 *   <li>A resumed run appends from its checkpoint's step, which may be behind the last logged step:
 *       each line replaces every earlier line from its step on, so the result is the curve the
 *       latest run traced over each step range, and no step appears twice.</li>
 * </ul>
 * Any other line that is not a metrics entry is an error naming the file and line.
 */
public final class MetricsReader {
  private MetricsReader() {}

  /**
   * Reads {@code path}, either a run directory (holding {@code metrics.jsonl}) or the metrics file
   * itself. The run's name is the directory's name.
   */
  public static RunMetrics read(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve(MetricsLog.FILE_NAME) : path;
    if (!Files.exists(file)) {
      throw new IOException(Files.isDirectory(path)
          ? path + " has no " + MetricsLog.FILE_NAME + " (is it a run directory, and has the run logged a step yet?)"
          : file + " does not exist (expected a run directory holding " + MetricsLog.FILE_NAME + ", or such a file)");
    }
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory, not a metrics file");
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    String name = dir == null || dir.getFileName() == null ? file.getFileName().toString() : dir.getFileName().toString();
    List<MetricsEntry> entries = parse(file, Files.readString(file, StandardCharsets.UTF_8));
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty: the run has not logged a step");
    }
    return new RunMetrics(name, file, entries);
  }

  /** Parses the text of a metrics file; {@code file} only names it in errors. */
  static List<MetricsEntry> parse(Path file, String text) {
    TreeMap<Long, MetricsEntry> byStep = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    // split keeps a final "" when the text ends with '\n'; anything else there is an unterminated line.
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      boolean unterminated = i == lines.length - 1;
      if (line.isEmpty()) {
        continue;
      }
      MetricsEntry e;
      try {
        e = MetricsJson.MAPPER.readValue(line, MetricsEntry.class);
      } catch (JacksonException | IllegalArgumentException ex) {
        if (unterminated) {
          break; // the line a killed run was writing
        }
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a metrics line ("
            + firstLine(ex instanceof JacksonException je ? je.getOriginalMessage() : ex.getMessage())
            + "): " + abbreviate(line));
      }
      byStep.tailMap(e.step(), true).clear();
      byStep.put(e.step(), e);
    }
    return new ArrayList<>(byStep.values());
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}

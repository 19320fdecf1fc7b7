package cs336.experiments.util;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The markdown answer an experiment writes to {@code runs/<problem_id>/README.md}: a title, the
 * answer with its measured numbers, tables, plots, and the exact command that reproduces it.
 * Build it with the methods below, then {@link #save} (which also prints it).
 */
public final class Report {
  private final String problemId;
  private final List<String> blocks = new ArrayList<>();

  public Report(String problemId, String title) {
    this.problemId = problemId;
    blocks.add("# " + problemId + ": " + title);
  }

  public String problemId() {
    return problemId;
  }

  /** A paragraph of text (markdown). */
  public Report text(String markdown) {
    blocks.add(markdown.strip());
    return this;
  }

  /** A section heading. */
  public Report section(String heading) {
    blocks.add("## " + heading);
    return this;
  }

  /** A markdown table; every row must have as many cells as the header. */
  public Report table(List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| ").append(String.join(" | ", header)).append(" |\n");
    sb.append("|").append(" --- |".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("table row has " + row.size() + " cells, header has " + header.size() + ": " + row);
      }
      sb.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    blocks.add(sb.toString().strip());
    return this;
  }

  /** An image (a plot written beside the report), by its file name relative to the report. */
  public Report image(String alt, String fileName) {
    blocks.add("![" + alt + "](" + fileName + ")");
    return this;
  }

  /** The command that reproduces this report, shown as a shell block. */
  public Report reproduce(String command) {
    blocks.add("Reproduce with:\n\n```sh\n" + command.strip() + "\n```");
    return this;
  }

  public String markdown() {
    return String.join("\n\n", blocks) + "\n";
  }

  /** Writes {@code dir/README.md} atomically, prints the report, and returns the file. */
  public Path save(Path dir) throws IOException {
    Path file = dir.resolve("README.md");
    AtomicFiles.writeString(file, markdown());
    System.out.println(markdown());
    System.out.println("(written to " + file + ")");
    return file;
  }
}

package cs336.experiments.stories;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code stories.txt}: word lists, shared sentence groups and plots.
 *
 * <p>The format, line by line ({@code #} starts a comment line, blank lines are ignored):
 * <pre>
 * &#64;list toy: name | verb        a word list; each following line is an entry,
 * ball | kick it                    its columns separated by '|' ({toy} is the first, {toy.verb} the second)
 * &#64;group opening                   a shared group: each following line is one alternative sentence
 * Once upon a time, ...
 * &#64;plot lost_toy [child]          a plot; "child" makes the hero a child, not an animal
 * ## have                           a beat of the plot; the following lines are its alternatives
 * ## /problem?                      '/' starts a new paragraph, '?' makes the beat optional
 * ## &#64;opening                      a beat whose alternatives are the group "opening"
 * </pre>
 * Templates use {@code {slot}}, {@code {slot.field}} and {@code [one|or another]}; see
 * {@link TemplateFiller}.
 */
final class StoryTemplates {

  static final String RESOURCE = "stories.txt";

  private final Map<String, List<Entry>> lists;
  private final Map<String, List<String>> groups;
  private final List<Plot> plots;

  private StoryTemplates(Map<String, List<Entry>> lists, Map<String, List<String>> groups, List<Plot> plots) {
    this.lists = lists;
    this.groups = groups;
    this.plots = plots;
  }

  private static volatile StoryTemplates embedded;

  /** The templates shipped with the project (parsed once). */
  static StoryTemplates embedded() {
    StoryTemplates t = embedded;
    if (t == null) {
      try (InputStream in = StoryTemplates.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
        t = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      embedded = t;
    }
    return t;
  }

  List<Entry> list(String name) {
    List<Entry> l = lists.get(name);
    if (l == null) throw new IllegalStateException("no word list named '" + name + "' in " + RESOURCE);
    return l;
  }

  boolean hasList(String name) {
    return lists.containsKey(name);
  }

  Map<String, List<Entry>> lists() {
    return lists;
  }

  List<Plot> plots() {
    return plots;
  }

  /** Every template of every plot (groups included once per beat that uses them). */
  List<String> allTemplates() {
    List<String> all = new ArrayList<>();
    for (Plot p : plots) for (Beat b : p.beats()) all.addAll(b.alternatives());
    return all;
  }

  // ---- parsing ----

  private enum Section { NONE, LIST, GROUP, PLOT }

  /** Parses the text of a templates file; {@code source} names it in error messages. */
  static StoryTemplates parse(String text, String source) {
    Map<String, List<Entry>> lists = new LinkedHashMap<>();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    // Plots are kept as raw beats first: a beat may use a group defined further down.
    record RawBeat(String name, String group, List<String> lines, boolean optional, boolean newParagraph, int line) {}
    record RawPlot(String name, boolean child, List<RawBeat> beats) {}
    List<RawPlot> plots = new ArrayList<>();

    Section section = Section.NONE;
    String[] columns = null;
    List<Entry> list = null;
    List<String> group = null;
    RawPlot plot = null;
    RawBeat beat = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") && !line.startsWith("##")) continue;
      String where = source + ":" + lineNo + ": ";
      if (line.startsWith("@list ")) {
        String[] head = line.substring(6).split(":", 2);
        String name = head[0].strip();
        columns = head.length == 2 ? Arrays.stream(head[1].split("\\|")).map(String::strip).toArray(String[]::new) : new String[] {"text"};
        list = new ArrayList<>();
        if (lists.put(name, list) != null) throw new IllegalArgumentException(where + "list " + name + " defined twice");
        section = Section.LIST;
      } else if (line.startsWith("@group ")) {
        String name = line.substring(7).strip();
        group = new ArrayList<>();
        if (groups.put(name, group) != null) throw new IllegalArgumentException(where + "group " + name + " defined twice");
        section = Section.GROUP;
      } else if (line.startsWith("@plot ")) {
        String[] words = line.substring(6).strip().split("\\s+");
        boolean child = words.length > 1 && words[1].equals("child");
        if (words.length > 2 || words.length == 2 && !child) throw new IllegalArgumentException(where + "expected '@plot NAME [child]'");
        plot = new RawPlot(words[0], child, new ArrayList<>());
        plots.add(plot);
        beat = null;
        section = Section.PLOT;
      } else if (line.startsWith("## ")) {
        if (section != Section.PLOT) throw new IllegalArgumentException(where + "a beat (##) outside a @plot");
        String name = line.substring(3).strip();
        boolean newParagraph = name.startsWith("/");
        if (newParagraph) name = name.substring(1);
        boolean optional = name.endsWith("?");
        if (optional) name = name.substring(0, name.length() - 1);
        String groupRef = name.startsWith("@") ? name.substring(1) : null;
        beat = new RawBeat(plot.name() + "/" + name, groupRef, new ArrayList<>(), optional, newParagraph, lineNo);
        plot.beats().add(beat);
      } else if (line.startsWith("@")) {
        throw new IllegalArgumentException(where + "unknown directive: " + line);
      } else {
        switch (section) {
          case LIST -> list.add(entry(line, columns, where));
          case GROUP -> group.add(line);
          case PLOT -> {
            if (beat == null) throw new IllegalArgumentException(where + "a sentence before the plot's first beat (##)");
            if (beat.group() != null) throw new IllegalArgumentException(where + "beat " + beat.name() + " uses a group and cannot add sentences");
            beat.lines().add(line);
          }
          case NONE -> throw new IllegalArgumentException(where + "text before any @list, @group or @plot");
        }
      }
    }
    for (var e : lists.entrySet()) {
      if (e.getValue().isEmpty()) throw new IllegalArgumentException(source + ": list " + e.getKey() + " is empty");
    }
    List<Plot> done = new ArrayList<>();
    for (RawPlot p : plots) {
      List<Beat> beats = new ArrayList<>();
      for (RawBeat b : p.beats()) {
        List<String> alternatives = b.lines();
        if (b.group() != null) {
          alternatives = groups.get(b.group());
          if (alternatives == null) throw new IllegalArgumentException(source + ":" + b.line() + ": no group named " + b.group());
        }
        if (alternatives.isEmpty()) throw new IllegalArgumentException(source + ":" + b.line() + ": beat " + b.name() + " has no sentences");
        beats.add(new Beat(b.name(), alternatives, b.optional(), b.newParagraph()));
      }
      if (beats.isEmpty()) throw new IllegalArgumentException(source + ": plot " + p.name() + " has no beats");
      done.add(new Plot(p.name(), p.child(), beats));
    }
    if (done.isEmpty()) throw new IllegalArgumentException(source + ": no plots");
    return new StoryTemplates(lists, groups, done);
  }

  /** Splits a list line at the '|' that are not inside [options]. */
  static String[] splitColumns(String line) {
    List<String> cells = new ArrayList<>();
    int depth = 0, start = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '[') depth++;
      else if (c == ']') depth--;
      else if (c == '|' && depth == 0) {
        cells.add(line.substring(start, i).strip());
        start = i + 1;
      }
    }
    cells.add(line.substring(start).strip());
    return cells.toArray(String[]::new);
  }

  /** One list line: its columns become the entry's text (first) and fields (all, by column name). */
  private static Entry entry(String line, String[] columns, String where) {
    String[] cells = splitColumns(line);
    if (cells.length != columns.length) {
      throw new IllegalArgumentException(where + "expected " + columns.length + " columns (" + String.join(" | ", columns)
          + "), got " + cells.length + ": " + line);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int c = 0; c < columns.length; c++) fields.put(columns[c], cells[c]);
    if (fields.containsKey("gender")) fields.putAll(Entry.pronouns(fields.get("gender")));
    return new Entry(cells[0], fields);
  }
}

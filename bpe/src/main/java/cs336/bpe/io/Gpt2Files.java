package cs336.bpe.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import cs336.bpe.BpeModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GPT-2's tokenizer files, which other tokenizer libraries read too:
 * <ul>
 *   <li>{@code vocab.json}: a JSON object from token to id, each token's bytes spelled through
 *       {@link ByteUnicode} (so {@code " the"} is {@code "Ġthe"});
 *   <li>{@code merges.txt}: an optional {@code #version} line, then one merge per line, its two parts
 *       spelled the same way and separated by one space, in the order they were learned.
 * </ul>
 * Reading checks everything and names the file and line of the first problem: a file that is not
 * UTF-8, malformed JSON, a character outside the byte alphabet, a repeated token or id, ids that do
 * not run from 0 without gaps, a merge line without exactly two parts, or a merge whose parts or
 * result are not in the vocabulary.
 */
public final class Gpt2Files {
  private Gpt2Files() {}

  /** Reads GPT-2 style {@code vocab.json} and {@code merges.txt} into a model. */
  public static BpeModel read(Path vocabJson, Path mergesTxt) throws IOException {
    List<byte[]> vocab = readVocab(vocabJson);
    List<Line> merges = readMergeLines(mergesTxt);
    List<byte[][]> pairs = new ArrayList<>(merges.size());
    for (Line m : merges) pairs.add(new byte[][] {m.left, m.right});
    return BpeModel.of(vocab, pairs, k -> mergesTxt + " line " + merges.get(k).number);
  }

  // ---- vocab.json ----

  /** Reads {@code vocab.json}: the tokens' bytes, index = id. */
  public static List<byte[]> readVocab(Path file) throws IOException {
    String text = readUtf8(file);
    Map<Integer, byte[]> byId = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(file + " line " + line(p) + ": expected a JSON object {\"token\": id, ...}");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t == null) throw new IllegalArgumentException(file + ": unexpected end of file");
        String token = p.currentName();
        int line = line(p);
        JsonToken v = p.nextToken();
        if (v != JsonToken.VALUE_NUMBER_INT) {
          throw new IllegalArgumentException(file + " line " + line(p) + ": the id of \"" + token + "\" is not an integer");
        }
        long id = p.getLongValue();
        if (id < 0 || id >= Integer.MAX_VALUE) {
          throw new IllegalArgumentException(file + " line " + line + ": id " + id + " of \"" + token + "\" is out of range");
        }
        if (token.isEmpty()) throw new IllegalArgumentException(file + " line " + line + ": empty token");
        Integer prev = seen.put(token, (int) id);
        if (prev != null) {
          throw new IllegalArgumentException(file + " line " + line + ": token \"" + token + "\" appears twice");
        }
        byte[] bytes;
        try {
          bytes = ByteUnicode.decode(token);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage());
        }
        if (byId.put((int) id, bytes) != null) {
          throw new IllegalArgumentException(file + " line " + line + ": id " + id + " is given to two tokens");
        }
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException(file + " line " + line(p) + ": unexpected text after the JSON object");
      }
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + " line " + e.getLocation().getLineNr() + ": malformed JSON: " + e.getOriginalMessage());
    }
    List<byte[]> vocab = new ArrayList<>(byId.size());
    for (int id = 0; id < byId.size(); id++) {
      byte[] t = byId.get(id);
      if (t == null) {
        throw new IllegalArgumentException(file + ": ids must run from 0 to " + (byId.size() - 1) + " without gaps; " + id + " is missing");
      }
      vocab.add(t);
    }
    return vocab;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /** Writes {@code vocab.json} (one entry per line, in id order), atomically. */
  public static void writeVocab(Path file, List<byte[]> vocab) throws IOException {
    AtomicWrite.write(file, out -> {
      StringBuilder sb = new StringBuilder(vocab.size() * 16);
      sb.append("{\n");
      for (int id = 0; id < vocab.size(); id++) {
        sb.append("  \"");
        for (char c : ByteUnicode.encode(vocab.get(id)).toCharArray()) {
          if (c == '"' || c == '\\') sb.append('\\');
          sb.append(c);
        }
        sb.append("\": ").append(id).append(id + 1 < vocab.size() ? ",\n" : "\n");
      }
      sb.append("}\n");
      writeUtf8(out, sb);
    });
  }

  // ---- merges.txt ----

  /** One merge line: its two parts and its line number in the file. */
  record Line(byte[] left, byte[] right, int number) {}

  /** Reads {@code merges.txt}: the merges as byte pairs, in order. */
  public static List<byte[][]> readMerges(Path file) throws IOException {
    List<byte[][]> out = new ArrayList<>();
    for (Line m : readMergeLines(file)) out.add(new byte[][] {m.left, m.right});
    return out;
  }

  private static List<Line> readMergeLines(Path file) throws IOException {
    String text = readUtf8(file);
    List<Line> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int number = i + 1;
      if (s.isEmpty() || (i == 0 && s.startsWith("#version"))) continue;
      String[] parts = s.split(" ", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException(file + " line " + number + ": expected two tokens separated by one space, got \"" + s + "\"");
      }
      try {
        out.add(new Line(ByteUnicode.decode(parts[0]), ByteUnicode.decode(parts[1]), number));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** Writes {@code merges.txt} ({@code #version: 0.2}, then one merge per line), atomically. */
  public static void writeMerges(Path file, List<byte[][]> merges) throws IOException {
    AtomicWrite.write(file, out -> {
      StringBuilder sb = new StringBuilder(merges.size() * 12);
      sb.append("#version: 0.2\n");
      for (byte[][] m : merges) {
        sb.append(ByteUnicode.encode(m[0])).append(' ').append(ByteUnicode.encode(m[1])).append('\n');
      }
      writeUtf8(out, sb);
    });
  }

  /** Writes a model's {@code vocab.json} and {@code merges.txt} into {@code dir}. */
  public static void write(Path dir, BpeModel model) throws IOException {
    writeVocab(dir.resolve("vocab.json"), model.vocabList());
    writeMerges(dir.resolve("merges.txt"), model.mergePairs());
  }

  // ---- shared ----

  private static void writeUtf8(OutputStream out, CharSequence s) throws IOException {
    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The file's text; a file that is missing, unreadable or not UTF-8 is a clear error. */
  static String readUtf8(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
    }
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return dec.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " line " + lineOfFirstBadByte(bytes) + ": not UTF-8");
    }
  }

  /** The 1-based line of the first byte that does not decode as UTF-8. */
  private static int lineOfFirstBadByte(byte[] b) {
    int line = 1;
    int i = 0;
    while (i < b.length) {
      int d = cs336.bpe.pretokenize.Utf8.decode(b, i, b.length);
      if (d == cs336.bpe.pretokenize.Utf8.MALFORMED) return line; // (a real U+FFFD has length 3)
      if (b[i] == '\n') line++;
      i += cs336.bpe.pretokenize.Utf8.length(d);
    }
    return line;
  }
}

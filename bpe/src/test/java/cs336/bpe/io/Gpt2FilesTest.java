package cs336.bpe.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.bpe.BpeModel;
import cs336.bpe.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2FilesTest {
  @TempDir Path tmp;

  @Test
  void byteUnicodeIsGpt2sTable() {
    assertEquals('Ġ', ByteUnicode.toChar(' '));
    assertEquals('Ċ', ByteUnicode.toChar('\n'));
    assertEquals('!', ByteUnicode.toChar('!'));
    assertEquals('Ā', ByteUnicode.toChar(0));
    for (int b = 0; b < 256; b++) assertEquals(b, ByteUnicode.toByte(ByteUnicode.toChar(b)));
    assertEquals(-1, ByteUnicode.toByte('€'));
  }

  @Test
  void readsGpt2sOwnFiles() throws Exception {
    BpeModel m = Gpt2Files.read(Shared.file("cs336-fixtures/gpt2_vocab.json"), Shared.file("cs336-fixtures/gpt2_merges.txt"));
    assertEquals(50257, m.vocabSize());
    assertEquals(50000, m.mergeCount());
    assertEquals(" the", new String(m.token(262), StandardCharsets.UTF_8));
    assertEquals("<|endoftext|>", new String(m.token(50256), StandardCharsets.UTF_8));
  }

  @Test
  void writeThenReadGivesTheSameModel() throws Exception {
    List<byte[]> vocab = new ArrayList<>();
    vocab.add("<|endoftext|>".getBytes(StandardCharsets.UTF_8));
    for (int b = 0; b < 256; b++) vocab.add(new byte[] {(byte) b});
    vocab.add(new byte[] {'"', '\\'});
    vocab.add(new byte[] {' ', '\n'});
    List<byte[][]> merges = List.of(new byte[][] {{'"'}, {'\\'}}, new byte[][] {{' '}, {'\n'}});
    BpeModel m = BpeModel.of(vocab, merges);
    Gpt2Files.write(tmp, m);
    BpeModel back = Gpt2Files.read(tmp.resolve("vocab.json"), tmp.resolve("merges.txt"));
    assertEquals(m.vocabSize(), back.vocabSize());
    for (int id = 0; id < m.vocabSize(); id++) assertArrayEquals(m.token(id), back.token(id));
    assertEquals(2, back.mergeCount());
    assertEquals(257, back.mergeResult(0));
    assertTrue(Files.readString(tmp.resolve("merges.txt")).startsWith("#version"));
  }

  Path file(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  String vocabJson(String... extra) {
    StringBuilder sb = new StringBuilder("{\n");
    for (int b = 0; b < 256; b++) {
      String c = String.valueOf(ByteUnicode.toChar(b));
      if (c.equals("\"") || c.equals("\\")) c = "\\" + c;
      sb.append("  \"").append(c).append("\": ").append(b).append(",\n");
    }
    for (int i = 0; i < extra.length; i++) sb.append("  \"").append(extra[i]).append("\": ").append(256 + i).append(",\n");
    sb.setLength(sb.length() - 2);
    return sb.append("\n}\n").toString();
  }

  void assertError(String expectedStart, org.junit.jupiter.api.function.Executable e) {
    var ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().startsWith(expectedStart), () -> "message was: " + ex.getMessage() + "\nexpected start: " + expectedStart);
  }

  @Test
  void mergeWithPartsOrResultMissingNamesFileAndLine() throws Exception {
    Path v = file("vocab.json", vocabJson("ab"));
    Path ok = file("ok.txt", "#version: 0.2\na b\n");
    assertEquals(1, Gpt2Files.read(v, ok).mergeCount());
    Path badResult = file("m1.txt", "#version: 0.2\na b\nb c\n");
    assertError(badResult + " line 3: the merged token \"bc\" is not in the vocabulary", () -> Gpt2Files.read(v, badResult));
    Path badPart = file("m2.txt", "a b\nab xy\n");
    assertError(badPart + " line 2: its second part \"xy\" is not in the vocabulary", () -> Gpt2Files.read(v, badPart));
  }

  @Test
  void malformedMergeLinesNameFileAndLine() throws Exception {
    Path v = file("vocab.json", vocabJson("ab"));
    Path three = file("m.txt", "a b\na b c\n");
    assertError(three + " line 2: expected two tokens", () -> Gpt2Files.read(v, three));
    Path one = file("m1.txt", "\nab\n");
    assertError(one + " line 2: expected two tokens", () -> Gpt2Files.read(v, one));
    Path alien = file("m2.txt", "a €\n");
    assertError(alien + " line 1: character U+20AC", () -> Gpt2Files.read(v, alien));
  }

  @Test
  void malformedVocabNamesFileAndLine() throws Exception {
    Path m = file("merges.txt", "");
    Path broken = file("v1.json", "{\n \"a\": 0,\n \"b\": \n}\n");
    assertError(broken + " line 4: malformed JSON", () -> Gpt2Files.read(broken, m));
    Path notInt = file("v2.json", "{\n \"a\": 0,\n \"b\": \"x\"\n}\n");
    assertError(notInt + " line 3: the id of \"b\" is not an integer", () -> Gpt2Files.read(notInt, m));
    Path dupId = file("v3.json", "{\n \"a\": 0,\n \"b\": 0\n}\n");
    assertError(dupId + " line 3: id 0 is given to two tokens", () -> Gpt2Files.read(dupId, m));
    Path dupToken = file("v4.json", "{\n \"a\": 0,\n \"a\": 1\n}\n");
    assertError(dupToken + " line 3: token \"a\" appears twice", () -> Gpt2Files.read(dupToken, m));
    Path gap = file("v5.json", "{\n \"a\": 0,\n \"b\": 2\n}\n");
    assertError(gap + ": ids must run from 0", () -> Gpt2Files.read(gap, m));
    Path alien = file("v6.json", "{\n \"a\": 0,\n \"€\": 1\n}\n");
    assertError(alien + " line 3: character U+20AC", () -> Gpt2Files.read(alien, m));
    Path array = file("v7.json", "[1, 2]");
    assertError(array + " line 1: expected a JSON object", () -> Gpt2Files.read(array, m));
  }

  @Test
  void notUtf8NamesFileAndLine() throws Exception {
    Path v = tmp.resolve("v.json");
    Files.write(v, new byte[] {'{', '\n', '"', 'a', '"', ':', '0', ',', '\n', '"', (byte) 0xFF, '"', ':', '1', '}'});
    assertError(v + " line 3: not UTF-8", () -> Gpt2Files.readVocab(v));
    Path m = tmp.resolve("m.txt");
    Files.write(m, new byte[] {'a', ' ', 'b', '\n', 'a', ' ', (byte) 0xC3, '\n'});
    assertError(m + " line 2: not UTF-8", () -> Gpt2Files.readMerges(m));
  }

  @Test
  void missingFileIsAClearError() {
    Path v = tmp.resolve("nope.json");
    assertError(v + ": no such file", () -> Gpt2Files.readVocab(v));
  }

  @Test
  void vocabWithoutAllBytesCannotMakeATokenizer() throws Exception {
    Path v = file("v.json", "{\"a\": 0, \"b\": 1, \"ab\": 2}");
    Path m = file("m.txt", "a b\n");
    var e = assertThrows(IllegalArgumentException.class, () -> cs336.bpe.Tokenizer.fromFiles(v, m, List.of()));
    assertTrue(e.getMessage().contains("no token for byte 0x00"), e.getMessage());
  }
}

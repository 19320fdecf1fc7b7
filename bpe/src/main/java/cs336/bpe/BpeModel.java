package cs336.bpe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE: the vocabulary (token id -> bytes, ids {@code 0..n-1}) and the merges in
 * the order they were learned, each naming its two parts and its result by id. Immutable. Built by
 * {@link BpeTrainer}, read from GPT-2's files by {@link cs336.bpe.io.Gpt2Files}, and used by
 * {@link Tokenizer}.
 */
public final class BpeModel {
  private final byte[][] vocab;
  private final int[] left;
  private final int[] right;
  private final int[] result;
  private final Map<String, Integer> ids; // token bytes as ISO-8859-1 (one char per byte) -> id

  private BpeModel(byte[][] vocab, int[] left, int[] right, int[] result, Map<String, Integer> ids) {
    this.vocab = vocab;
    this.left = left;
    this.right = right;
    this.result = result;
    this.ids = ids;
  }

  /** Where a problem in the model was found, for error messages ("merges.txt line 12"). */
  @FunctionalInterface
  public interface Where {
    String describe(int mergeIndex);
  }

  /**
   * Builds a model from a vocabulary (index = id) and merges given as byte pairs, in order.
   *
   * @throws IllegalArgumentException if a token appears twice, or a merge's parts or result is not in
   *     the vocabulary (the message says which merge, through {@code where})
   */
  public static BpeModel of(List<byte[]> vocab, List<byte[][]> merges, Where where) {
    byte[][] v = vocab.toArray(new byte[0][]);
    Map<String, Integer> ids = new HashMap<>(v.length * 2);
    for (int id = 0; id < v.length; id++) {
      if (v[id] == null || v[id].length == 0) throw new IllegalArgumentException("token " + id + " is empty");
      Integer prev = ids.putIfAbsent(key(v[id]), id);
      if (prev != null) {
        throw new IllegalArgumentException("tokens " + prev + " and " + id + " are the same bytes " + show(v[id]));
      }
    }
    int n = merges.size();
    int[] l = new int[n], r = new int[n], res = new int[n];
    for (int k = 0; k < n; k++) {
      byte[] a = merges.get(k)[0], b = merges.get(k)[1];
      l[k] = lookup(ids, a, where, k, "its first part");
      r[k] = lookup(ids, b, where, k, "its second part");
      byte[] ab = new byte[a.length + b.length];
      System.arraycopy(a, 0, ab, 0, a.length);
      System.arraycopy(b, 0, ab, a.length, b.length);
      res[k] = lookup(ids, ab, where, k, "the merged token");
    }
    return new BpeModel(v, l, r, res, ids);
  }

  public static BpeModel of(List<byte[]> vocab, List<byte[][]> merges) {
    return of(vocab, merges, k -> "merge " + (k + 1));
  }

  private static int lookup(Map<String, Integer> ids, byte[] bytes, Where where, int k, String what) {
    Integer id = ids.get(key(bytes));
    if (id == null) {
      throw new IllegalArgumentException(where.describe(k) + ": " + what + " " + show(bytes) + " is not in the vocabulary");
    }
    return id;
  }

  private static String key(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** A token for messages: its text when it is UTF-8, with its GPT-2 spelling. */
  public static String show(byte[] bytes) {
    return "\"" + cs336.bpe.io.ByteUnicode.encode(bytes) + "\"";
  }

  public int vocabSize() {
    return vocab.length;
  }

  /** The bytes of token {@code id} (a copy). */
  public byte[] token(int id) {
    return vocab[id].clone();
  }

  /** The bytes of token {@code id}, not copied: callers must not modify them. */
  byte[] tokenShared(int id) {
    return vocab[id];
  }

  /** The id of the token with these bytes, or -1. */
  public int id(byte[] bytes) {
    Integer id = ids.get(key(bytes));
    return id == null ? -1 : id;
  }

  public int mergeCount() {
    return left.length;
  }

  public int mergeLeft(int rank) {
    return left[rank];
  }

  public int mergeRight(int rank) {
    return right[rank];
  }

  public int mergeResult(int rank) {
    return result[rank];
  }

  /** The vocabulary as a list (index = id), copies. */
  public List<byte[]> vocabList() {
    List<byte[]> out = new ArrayList<>(vocab.length);
    for (byte[] t : vocab) out.add(t.clone());
    return out;
  }

  /** The merges as byte pairs, in order. */
  public List<byte[][]> mergePairs() {
    List<byte[][]> out = new ArrayList<>(left.length);
    for (int k = 0; k < left.length; k++) out.add(new byte[][] {vocab[left[k]].clone(), vocab[right[k]].clone()});
    return out;
  }

  /**
   * This model with {@code tokens} added at the end of the vocabulary (those not already in it), as a
   * tokenizer adds its special tokens.
   */
  public BpeModel withTokens(List<byte[]> tokens) {
    List<byte[]> v = new ArrayList<>(List.of(vocab));
    for (byte[] t : tokens) {
      if (id(t) < 0 && v.stream().noneMatch(x -> java.util.Arrays.equals(x, t))) v.add(t);
    }
    if (v.size() == vocab.length) return this;
    return of(v, mergePairs());
  }
}

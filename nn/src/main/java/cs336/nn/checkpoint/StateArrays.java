package cs336.nn.checkpoint;

import cs336.engine.NDArray;
import cs336.engine.Shapes;
import cs336.engine.io.FileDType;
import cs336.engine.io.HostArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moving named arrays between a model and a file: conversion to file arrays under a key prefix,
 * and the all-or-nothing check that a file holds exactly the expected names, shapes and dtypes
 * before anything is copied.
 */
final class StateArrays {
  private StateArrays() {}

  /** {@code state} as float32 file arrays named {@code prefix + key} (copies), in order. */
  static Map<String, HostArray> toHost(Map<String, NDArray> state, String prefix) {
    Map<String, HostArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : state.entrySet()) out.put(prefix + e.getKey(), HostArray.of(e.getValue()));
    return out;
  }

  /** The arrays of {@code all} whose names start with {@code prefix}, the prefix removed. */
  static Map<String, HostArray> withPrefix(Map<String, HostArray> all, String prefix) {
    Map<String, HostArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, HostArray> e : all.entrySet()) {
      if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
    }
    return out;
  }

  /**
   * Every way {@code found} differs from {@code expected} (key to shape): missing keys, unexpected
   * keys, wrong shapes, and dtypes other than float32 (or, when {@code anyFloat}, other than a
   * floating-point type, which is then converted). Empty when they match; keys are shown with
   * {@code prefix}.
   */
  static List<String> problems(Map<String, HostArray> found, Map<String, int[]> expected, String prefix, boolean anyFloat) {
    List<String> problems = new ArrayList<>();
    Set<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(found.keySet());
    Set<String> unexpected = new TreeSet<>(found.keySet());
    unexpected.removeAll(expected.keySet());
    if (!missing.isEmpty()) problems.add("missing " + withPrefix(missing, prefix));
    if (!unexpected.isEmpty()) problems.add("unexpected " + withPrefix(unexpected, prefix));
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      HostArray a = found.get(e.getKey());
      if (a == null) continue;
      long[] want = Arrays.stream(e.getValue()).asLongStream().toArray();
      if (!Arrays.equals(a.shape(), want)) {
        problems.add(prefix + e.getKey() + " has shape " + Arrays.toString(a.shape()) + ", expected "
            + Shapes.str(e.getValue()));
      }
      boolean dtypeOk = anyFloat ? a.dtype().isFloat() : a.dtype() == FileDType.FLOAT32;
      if (!dtypeOk) {
        problems.add(prefix + e.getKey() + " has dtype " + a.dtype() + ", expected " + (anyFloat ? "a float type" : "F32"));
      }
    }
    return problems;
  }

  private static List<String> withPrefix(Set<String> keys, String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : keys) out.add(prefix + k);
    return out;
  }

  /** Key to shape of {@code state}. */
  static Map<String, int[]> shapes(Map<String, NDArray> state) {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : state.entrySet()) out.put(e.getKey(), e.getValue().shape());
    return out;
  }

  /** Copies file array {@code src} (already checked) into {@code dst}, converting to float32. */
  static void copy(HostArray src, NDArray dst) {
    dst.copyFrom(src.toNDArray().view(dst.shape()).to(dst.device()));
  }
}

package cs336.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (what PyTorch and Hugging Face exchange weights in): an 8-byte
 * little-endian header length N, N bytes of JSON
 * {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, then the tensors' bytes, packed without holes, offsets
 * relative to the end of the header.
 *
 * <p>{@link #read} memory-maps the file and checks every field; {@link #write} is atomic and pads
 * the header with spaces so the data starts 8-byte aligned.
 */
public final class Safetensors {
  private Safetensors() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  /** The contents of a safetensors file: string metadata and named arrays, in file order. */
  public record Contents(Map<String, String> metadata, Map<String, HostArray> tensors) {}

  /** Maps {@code file} read-only and parses it; tensors are views of the mapping. */
  public static Contents read(Path file) throws IOException {
    MemorySegment whole;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      whole = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), Arena.ofAuto());
    }
    return parse(file.toString(), whole);
  }

  static Contents parse(String source, MemorySegment whole) throws IOException {
    long size = whole.byteSize();
    if (size < 8) throw new IOException(source + ": too short for a safetensors file (" + size + " bytes)");
    long n = whole.get(HostArray.I64, 0);
    if (n < 2 || n > MAX_HEADER || 8 + n > size) {
      throw new IOException(source + ": header length " + n + " is impossible for a file of " + size + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(new String(whole.asSlice(8, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
          StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IOException(source + ": header is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) throw new IOException(source + ": header is not a JSON object");
    MemorySegment data = whole.asSlice(8 + n);
    Map<String, String> metadata = new LinkedHashMap<>();
    record Entry(String name, FileDType dtype, long[] shape, long begin, long end) {}
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : root.properties()) {
      String name = f.getKey();
      JsonNode v = f.getValue();
      if (name.equals("__metadata__")) {
        if (!v.isObject()) throw new IOException(source + ": __metadata__ must be an object of strings");
        for (Map.Entry<String, JsonNode> kv : v.properties()) {
          if (!kv.getValue().isTextual()) throw new IOException(source + ": __metadata__." + kv.getKey() + " is not a string");
          metadata.put(kv.getKey(), kv.getValue().asText());
        }
        continue;
      }
      String where = source + ": tensor '" + name + "'";
      JsonNode dt = v.get("dtype"), sh = v.get("shape"), off = v.get("data_offsets");
      if (dt == null || !dt.isTextual()) throw new IOException(where + ": field 'dtype' missing or not a string");
      if (sh == null || !sh.isArray()) throw new IOException(where + ": field 'shape' missing or not a list");
      if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
        throw new IOException(where + ": field 'data_offsets' must be [begin, end]");
      }
      FileDType dtype = FileDType.fromSafetensors(dt.asText());
      if (dtype == null) throw new IOException(where + ": field 'dtype': unsupported dtype '" + dt.asText() + "'");
      long[] shape = new long[sh.size()];
      for (int i = 0; i < shape.length; i++) {
        if (!sh.get(i).canConvertToLong() || sh.get(i).asLong() < 0) {
          throw new IOException(where + ": field 'shape' holds " + sh.get(i) + ", not a size");
        }
        shape[i] = sh.get(i).asLong();
      }
      long begin = off.get(0).asLong(), end = off.get(1).asLong();
      long need = HostArray.numel(shape) * dtype.bytes();
      if (begin < 0 || end < begin || end > data.byteSize()) {
        throw new IOException(where + ": field 'data_offsets' [" + begin + ", " + end + "] lies outside the "
            + data.byteSize() + " data bytes");
      }
      if (end - begin != need) {
        throw new IOException(where + ": field 'data_offsets' spans " + (end - begin) + " bytes but shape "
            + java.util.Arrays.toString(shape) + " of " + dt.asText() + " needs " + need);
      }
      entries.add(new Entry(name, dtype, shape, begin, end));
    }
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin));
    long at = 0;
    for (Entry e : byOffset) {
      if (e.begin() != at) {
        throw new IOException(source + ": tensor '" + e.name() + "' starts at byte " + e.begin() + " of the data, expected "
            + at + " (tensors must be packed without holes or overlaps)");
      }
      at = e.end();
    }
    if (at != data.byteSize()) {
      throw new IOException(source + ": " + (data.byteSize() - at) + " data bytes after the last tensor belong to none");
    }
    Map<String, HostArray> tensors = new LinkedHashMap<>();
    for (Entry e : entries) tensors.put(e.name(), new HostArray(e.dtype(), e.shape(), data.asSlice(e.begin(), e.end() - e.begin())));
    return new Contents(metadata, tensors);
  }

  /** Writes {@code tensors} (in map order) and string {@code metadata} to {@code file}, atomically. */
  public static void write(Path file, Map<String, HostArray> tensors, Map<String, String> metadata) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode m = header.putObject("__metadata__");
      metadata.forEach(m::put);
    }
    long at = 0;
    for (Map.Entry<String, HostArray> e : tensors.entrySet()) {
      if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("'__metadata__' is not a tensor name");
      HostArray a = e.getValue();
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", a.dtype().safetensors());
      ArrayNode shape = t.putArray("shape");
      for (long d : a.shape()) shape.add(d);
      long len = a.segment().byteSize();
      t.putArray("data_offsets").add(at).add(at + len);
      at += len;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) head.put((byte) ' ');
    head.flip();
    AtomicWrite.write(file, ch -> {
      while (head.hasRemaining()) ch.write(head);
      for (HostArray a : tensors.values()) {
        MemorySegment d = a.segment();
        for (long pos = 0; pos < d.byteSize(); pos += 1 << 20) {
          ByteBuffer b = d.asSlice(pos, Math.min(1 << 20, d.byteSize() - pos)).asByteBuffer();
          while (b.hasRemaining()) ch.write(b);
        }
      }
    });
  }
}

package cs336.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip archive with one {@code NAME.npy} entry per array, as
 * {@code numpy.savez} writes it (stored, uncompressed; {@code savez_compressed}'s deflated entries
 * are read too). Array names keep their order in the file.
 */
public final class Npz {
  private Npz() {}

  /** All arrays of {@code file}, by name (the entry name without ".npy"), in file order. */
  public static Map<String, HostArray> read(Path file) throws IOException {
    Map<String, HostArray> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory()) continue;
        String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        out.put(name, Npy.parse(file + " (array '" + name + "')", MemorySegment.ofArray(bytes)));
      }
    } catch (ZipException e) {
      throw new IOException(file + ": not a readable .npz (zip) file: " + e.getMessage(), e);
    }
    return out;
  }

  /** Writes {@code arrays} as an uncompressed .npz (like numpy.savez), atomically. */
  public static void write(Path file, Map<String, HostArray> arrays) throws IOException {
    AtomicWrite.write(file, ch -> {
      OutputStream os = AtomicWrite.stream(ch);
      ZipOutputStream zip = new ZipOutputStream(os);
      for (Map.Entry<String, HostArray> a : arrays.entrySet()) {
        byte[] npy = Npy.toBytes(a.getValue());
        ZipEntry e = new ZipEntry(a.getKey() + ".npy");
        e.setMethod(ZipEntry.STORED);          // STORED entries need size and CRC up front
        e.setSize(npy.length);
        e.setCompressedSize(npy.length);
        CRC32 crc = new CRC32();
        crc.update(npy);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(npy);
        zip.closeEntry();
      }
      zip.finish();
      os.flush();
    });
  }

  /** The array named {@code name}, or an error naming the file and the arrays it does hold. */
  public static HostArray require(Map<String, HostArray> arrays, String name, Path file) {
    HostArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException(file + ": no array named '" + name + "' (it holds " + arrays.keySet() + ")");
    }
    return a;
  }
}

package cs336.bpe.util;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak memory so far: resident set (Linux) and Java heap. */
public final class PeakMemory {
  private PeakMemory() {}

  /** Peak resident set size in bytes ({@code VmHWM} of {@code /proc/self/status}), or -1 where unknown. */
  public static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return -1;
  }

  /** Sum of the heap pools' peak usages in bytes (an upper bound of the heap's peak). */
  public static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  /** Bytes as "123.4 MiB". */
  public static String format(long bytes) {
    if (bytes < 0) return "n/a";
    if (bytes < 1024 * 1024) return String.format("%.1f KiB", bytes / 1024.0);
    if (bytes < 1024L * 1024 * 1024) return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}

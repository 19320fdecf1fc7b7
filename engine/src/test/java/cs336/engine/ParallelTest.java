package cs336.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private final int saved = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(saved);
  }

  @Test
  void everyIndexIsVisitedExactlyOnce() {
    for (int threads : new int[] {1, 2, 3, 8}) {
      Parallel.setThreads(threads);
      for (int n : new int[] {0, 1, 2, 7, 100, 1001}) {
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        Parallel.forRange(n, 1, (s, e) -> {
          for (int i = s; i < e; i++) seen.incrementAndGet(i);
        });
        for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "threads " + threads + " n " + n + " i " + i);
      }
    }
  }

  @Test
  void chunkBoundariesDependOnlyOnSizeAndThreads() {
    Parallel.setThreads(3);
    int chunks = Parallel.chunkCount(10, 1);
    assertEquals(3, chunks);
    int[] starts = new int[chunks + 1];
    for (int c = 0; c <= chunks; c++) starts[c] = Parallel.chunkStart(10, chunks, c);
    assertArrayEquals(new int[] {0, 3, 6, 10}, starts);
    assertEquals(1, Parallel.chunkCount(10, 8), "chunks below minChunk merge");
  }

  @Test
  void nestedLoopsComplete() {
    Parallel.setThreads(2);
    AtomicIntegerArray seen = new AtomicIntegerArray(64);
    Parallel.forRange(8, 1, (s, e) -> {
      for (int i = s; i < e; i++) {
        final int row = i;
        Parallel.forRange(8, 1, (s2, e2) -> {
          for (int j = s2; j < e2; j++) seen.incrementAndGet(row * 8 + j);
        });
      }
    });
    for (int i = 0; i < 64; i++) assertEquals(1, seen.get(i));
  }

  @Test
  void rejectsNonPositiveThreadCount() {
    assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
  }
}

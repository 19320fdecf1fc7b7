package cs336.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * download against a local HTTP server (127.0.0.1) that supports Range requests and can break a
 * transfer half way: resuming, the size check, gzip, and files already in place.
 */
@org.junit.jupiter.api.Timeout(120)
class DownloadCommandTest {
  @TempDir Path tmp;
  HttpServer server;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final List<String> ranges = new ArrayList<>();
  /** Bytes to send before breaking the connection on the next full (200) response; -1 for none. */
  volatile int breakAfter = -1;
  /** Announce a wrong total in 206 answers (to trip the size check). */
  volatile long lieAboutTotal = -1;
  final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
  final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.setExecutor(pool); // a stalled transfer must not block the next request
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  void serve(HttpExchange ex) throws IOException {
    byte[] data = files.get(ex.getRequestURI().getPath().substring(1));
    if (data == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    String range = ex.getRequestHeaders().getFirst("Range");
    synchronized (ranges) {
      ranges.add(range == null ? "" : range);
    }
    try (OutputStream out = ex.getResponseBody()) {
      if (range != null) {
        long from = Long.parseLong(range.replaceAll("bytes=(\\d+)-", "$1"));
        long total = lieAboutTotal >= 0 ? lieAboutTotal : data.length;
        if (from >= data.length) {
          ex.getResponseHeaders().add("Content-Range", "bytes */" + total);
          ex.sendResponseHeaders(416, -1);
          return;
        }
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + total);
        ex.sendResponseHeaders(206, data.length - from);
        out.write(data, (int) from, (int) (data.length - from));
      } else {
        ex.sendResponseHeaders(200, data.length);
        int n = breakAfter >= 0 ? breakAfter : data.length;
        breakAfter = -1;
        out.write(data, 0, n);
        out.flush();
        if (n < data.length) {
          // The transfer stalls half way (a dead connection): the client's stall timeout must end it.
          release.await(10, java.util.concurrent.TimeUnit.SECONDS);
          throw new IOException("transfer broken on purpose");
        }
      }
    } catch (IOException e) {
      ex.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) b[i] = (byte) ('a' + r.nextInt(26));
    return b;
  }

  Object[] runDownload(String dataset) {
    return BpeCommandsTest.run("download", dataset, "--dir", tmp.toString(), "--base-url", base(), "--no-progress",
        "--stall-timeout", "1");
  }

  @Test
  void resumesABrokenTransferWithARangeRequest() throws Exception {
    byte[] train = random(300_000, 1), valid = random(50_000, 2);
    files.put("TinyStoriesV2-GPT4-train.txt", train);
    files.put("TinyStoriesV2-GPT4-valid.txt", valid);
    breakAfter = 120_000;
    Object[] r = runDownload("tinystories");
    assertEquals(1, r[0], "the broken transfer must fail: " + r[1]);
    assertTrue(((String) r[1]).contains("run the same command again to resume"), (String) r[1]);
    Path part = tmp.resolve("TinyStoriesV2-GPT4-train.txt.part");
    assertTrue(Files.exists(part));
    long partial = Files.size(part);
    assertTrue(partial > 0 && partial < train.length, "partial size " + partial);

    r = runDownload("tinystories");
    assertEquals(0, r[0], (String) r[1]);
    assertArrayEquals(train, Files.readAllBytes(tmp.resolve("TinyStoriesV2-GPT4-train.txt")));
    assertArrayEquals(valid, Files.readAllBytes(tmp.resolve("TinyStoriesV2-GPT4-valid.txt")));
    assertFalse(Files.exists(part));
    assertTrue(ranges.contains("bytes=" + partial + "-"), "no resume request in " + ranges);

    int before = ranges.size();
    assertEquals(0, runDownload("tinystories")[0]);
    assertEquals(before, ranges.size(), "files in place must not be fetched again");
  }

  @Test
  void sizeCheckFailsWhenTheServerAnnouncedMore() throws Exception {
    byte[] train = random(10_000, 3);
    files.put("TinyStoriesV2-GPT4-train.txt", train);
    Files.write(tmp.resolve("TinyStoriesV2-GPT4-train.txt.part"), java.util.Arrays.copyOf(train, 4000));
    lieAboutTotal = 20_000;
    Object[] r = runDownload("tinystories");
    assertEquals(1, r[0]);
    assertTrue(((String) r[1]).contains("size check failed"), (String) r[1]);
    assertFalse(Files.exists(tmp.resolve("TinyStoriesV2-GPT4-train.txt")));
  }

  @Test
  void aCompletePartIsFinishedWithoutDownloading() throws Exception {
    byte[] train = random(5_000, 4), valid = random(10, 5);
    files.put("TinyStoriesV2-GPT4-train.txt", train);
    files.put("TinyStoriesV2-GPT4-valid.txt", valid);
    Files.write(tmp.resolve("TinyStoriesV2-GPT4-train.txt.part"), train);
    assertEquals(0, runDownload("tinystories")[0]);
    assertArrayEquals(train, Files.readAllBytes(tmp.resolve("TinyStoriesV2-GPT4-train.txt")));
    assertTrue(ranges.contains("bytes=5000-"), ranges.toString());
  }

  @Test
  void owtIsDecompressed() throws Exception {
    byte[] train = random(40_000, 6), valid = random(7_000, 7);
    files.put("owt_train.txt.gz", gzip(train));
    files.put("owt_valid.txt.gz", gzip(valid));
    Object[] r = runDownload("owt");
    assertEquals(0, r[0], (String) r[1]);
    assertArrayEquals(train, Files.readAllBytes(tmp.resolve("owt_train.txt")));
    assertArrayEquals(valid, Files.readAllBytes(tmp.resolve("owt_valid.txt")));
    assertFalse(Files.exists(tmp.resolve("owt_train.txt.gz")));
  }

  @Test
  void missingFileAndUnknownDataSetAreClearErrors() {
    Object[] r = runDownload("tinystories");
    assertEquals(1, r[0]);
    assertTrue(((String) r[1]).contains("HTTP status 404"), (String) r[1]);
    r = runDownload("imagenet");
    assertEquals(1, r[0]);
    assertTrue(((String) r[1]).contains("unknown data set 'imagenet'"), (String) r[1]);
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(b);
    }
    return bos.toByteArray();
  }
}

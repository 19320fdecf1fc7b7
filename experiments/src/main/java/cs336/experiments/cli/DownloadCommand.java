package cs336.experiments.cli;

import cs336.experiments.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./cs336 download tinystories|owt}: fetches the assignment's data sets from the addresses in
 * the handout's setup section into {@code --dir} (default {@code data/}).
 *
 * <p>Each file is downloaded into {@code NAME.part}; a later run resumes it with an HTTP
 * {@code Range} request (a server that ignores the range sends the whole file again, and the part is
 * started over). The size is checked against what the server announced ({@code Content-Length} or
 * the total of {@code Content-Range}) before the file is renamed into place; the OpenWebText sample is
 * then decompressed (gzip). Files already in place are skipped.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
    description = "Download the assignment's data sets (tinystories | owt) into data/, resumably, with a size check.")
public final class DownloadCommand implements Callable<Integer> {
  /** The handout's public addresses. */
  static final String TINYSTORIES = "https://huggingface.co/datasets/roneneldan/TinyStories/resolve/main/";
  static final String OWT = "https://huggingface.co/datasets/stanford-cs336/owt-sample/resolve/main/";

  @Parameters(index = "0", paramLabel = "DATASET", description = "tinystories or owt.")
  String dataset;

  @Option(names = "--dir", description = "Destination folder (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("data");

  @Option(names = "--base-url", hidden = true, description = "Replace the data set's address (for tests and mirrors).")
  String baseUrl;

  @Option(names = "--stall-timeout", description = "Give up (keeping the part for a resume) after this many seconds "
      + "without data (default: ${DEFAULT-VALUE}).")
  int stallTimeoutSeconds = 60;

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Show progress bars on stderr (default: on).")
  boolean progress;

  /** One file of a data set: its remote name and whether it is gzip-compressed. */
  record Remote(String name, boolean gzip) {
    String localName() {
      return gzip ? name.substring(0, name.length() - 3) : name;
    }
  }

  static List<Remote> files(String dataset) {
    return switch (dataset) {
      case "tinystories" -> List.of(new Remote("TinyStoriesV2-GPT4-train.txt", false), new Remote("TinyStoriesV2-GPT4-valid.txt", false));
      case "owt" -> List.of(new Remote("owt_train.txt.gz", true), new Remote("owt_valid.txt.gz", true));
      default -> throw new IllegalArgumentException("unknown data set '" + dataset + "': expected tinystories or owt");
    };
  }

  @Override
  public Integer call() throws Exception {
    List<Remote> files = files(dataset);
    String base = baseUrl != null ? baseUrl : dataset.equals("owt") ? OWT : TINYSTORIES;
    if (!base.endsWith("/")) base += "/";
    Files.createDirectories(dir);
    HttpClient http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
    for (Remote f : files) {
      Path target = dir.resolve(f.localName());
      if (Files.exists(target)) {
        System.out.println(target + " is already there (" + Files.size(target) + " bytes); skipped");
        continue;
      }
      Path got = dir.resolve(f.name());
      if (!f.gzip() || !Files.exists(got)) fetch(http, URI.create(base + f.name()), got);
      if (f.gzip()) {
        gunzip(got, target);
        Files.delete(got);
      }
      System.out.println("downloaded " + target + " (" + Files.size(target) + " bytes)");
    }
    return 0;
  }

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");

  /** Downloads {@code uri} into {@code target}, resuming {@code target.part} if there is one. */
  void fetch(HttpClient http, URI uri, Path target) throws IOException, InterruptedException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET();
    if (have > 0) req.header("Range", "bytes=" + have + "-");
    HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    long total;
    boolean append;
    try (InputStream body = resp.body()) {
      int status = resp.statusCode();
      String range = resp.headers().firstValue("Content-Range").orElse("");
      if (status == 416) {
        Matcher m = UNSATISFIED.matcher(range);
        if (m.find() && Long.parseLong(m.group(1)) == have) {
          finish(part, target, have, have);
          return;
        }
        Files.delete(part); // the part does not fit the file any more: start over
        fetch(http, uri, target);
        return;
      }
      if (status == 206) {
        Matcher m = CONTENT_RANGE.matcher(range);
        if (!m.find() || Long.parseLong(m.group(1)) != have) {
          throw new IOException(uri + ": server answered range " + have + "- with Content-Range '" + range + "'");
        }
        total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        append = true;
        System.out.println("resuming " + target.getFileName() + " at byte " + have);
      } else if (status == 200) {
        long length = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        total = length;
        append = false;
        have = 0;
      } else {
        throw new IOException(uri + ": HTTP status " + status);
      }
      try (Progress bar = new Progress(progress);
           OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
               append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        bar.bytes(target.getFileName().toString(), total > 0 ? total : 0);
        bar.progress(have);
        byte[] buf = new byte[1 << 16];
        long done = have;
        try (StallWatch watch = new StallWatch(body, stallTimeoutSeconds)) {
          for (int n; (n = body.read(buf)) >= 0; ) {
            watch.alive();
            out.write(buf, 0, n);
            done += n;
            bar.progress(done);
          }
          if (watch.stalled()) throw new IOException("no data for " + stallTimeoutSeconds + " s");
        }
      } catch (IOException e) {
        throw new IOException(uri + ": download interrupted at " + Files.size(part) + " bytes (" + e.getMessage()
            + "); run the same command again to resume");
      }
    }
    finish(part, target, Files.size(part), total);
  }

  /**
   * Closes a download's stream when no data has come for a while: a stalled connection then ends the
   * download (resumable) instead of hanging forever.
   */
  private static final class StallWatch implements AutoCloseable {
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "download-stall-watch");
          t.setDaemon(true);
          return t;
        });
    private volatile long last = System.nanoTime();
    private volatile boolean stalled;

    StallWatch(InputStream body, int seconds) {
      long limit = seconds * 1_000_000_000L;
      timer.scheduleAtFixedRate(() -> {
        if (System.nanoTime() - last > limit) {
          stalled = true;
          try {
            body.close();
          } catch (IOException e) {
            // closing is all we can do
          }
        }
      }, 100, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void alive() {
      last = System.nanoTime();
    }

    boolean stalled() {
      return stalled;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  /** The size check, then the rename into place. */
  private static void finish(Path part, Path target, long size, long total) throws IOException {
    if (total >= 0 && size != total) {
      throw new IOException(target + ": size check failed: got " + size + " bytes, the server announced " + total
          + "; run the same command again to resume");
    }
    Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void gunzip(Path gz, Path target) throws IOException {
    System.out.println("decompressing " + gz.getFileName() + " ...");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
      AtomicFiles.write(target, out -> in.transferTo(out));
    }
  }
}

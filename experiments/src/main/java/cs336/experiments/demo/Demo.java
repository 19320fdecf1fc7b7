package cs336.experiments.demo;

import cs336.bpe.Tokenizer;
import cs336.experiments.cli.TrainCommand;
import cs336.experiments.data.Corpus;
import cs336.experiments.data.PreparedData;
import cs336.experiments.generation.TextGenerator;
import cs336.experiments.stories.StoryCorpus;
import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainConfigs;
import cs336.experiments.train.TrainResult;
import cs336.experiments.train.Trainer;
import cs336.experiments.util.Report;
import cs336.nn.layers.TransformerLM;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole pipeline in a few minutes on two cores, offline: a corpus of generated children's
 * stories (or real TinyStories files), a BPE tokenizer trained on it, the corpus encoded, a small
 * Transformer LM trained for the time that is left, its learning curves, and a story it writes;
 * then {@code runs/demo/README.md} telling what happened, with the numbers.
 */
public final class Demo {

  /**
   * What to run.
   *
   * @param runs the folder of runs (the demo writes {@code <runs>/demo/})
   * @param data a folder with TinyStories text files, or null for the generated stories
   * @param minutes the whole demo's wall-clock budget; training gets what the other steps leave
   * @param threads CPU threads
   * @param progress progress bars on stderr
   */
  public record Options(Path runs, Path data, double minutes, int threads, boolean progress) {}

  /** Bytes of generated stories to train on (about 1.3 million tokens, more than the demo can see). */
  static final long STORY_BYTES = 4_000_000;
  static final long VALID_BYTES = 200_000;
  /** Vocabulary for the generated stories (a small lexicon) and for real TinyStories text. */
  static final int STORIES_VOCAB = 1_000;
  static final int TINYSTORIES_VOCAB = 2_000;
  /** Seconds kept for generating the story and writing the report after training. */
  static final double AFTER_TRAINING_SECONDS = 15;
  static final String PROMPT = "Once upon a time";
  /** The whole demo's budget in minutes: 4, leaving room for the first build within 5. */
  public static final String DEFAULT_MINUTES = "4.0";

  private final Options o;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private final List<List<String>> phases = new ArrayList<>();
  private long phaseStart = System.nanoTime();
  private TransformerLM model;

  private Demo(Options o, PrintStream out) {
    this.o = o;
    this.out = out;
  }

  /** Runs the demo; returns the report file. */
  public static Path run(Options o, PrintStream out) throws Exception {
    return new Demo(o, out).run();
  }

  /**
   * The demo model: 4 layers of width 128 (4 heads of 32), context 128, batch 16, peak learning rate
   * 3e-3. Chosen by timing: in the same 90 seconds on two cores, widths 96, 128, 192 and 256 reached
   * validation losses 0.62, 0.65, 0.72 and 0.82 on the generated stories, and width 128 wrote the most
   * coherent stories of the faster ones.
   */
  static Map<String, Object> model() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("context_length", 128);
    m.put("d_model", 128);
    m.put("num_layers", 4);
    m.put("num_heads", 4);
    m.put("batch_size", 16);
    m.put("lr", 3e-3);
    m.put("min_lr", 3e-4);
    m.put("warmup_iters", 100);
    m.put("eval_every", 100);
    m.put("eval_batches", 8);
    m.put("log_every", 10);
    m.put("checkpoint_every", 500);
    m.put("keep_checkpoints", 1);
    return m;
  }

  private Path run() throws Exception {
    Path dir = o.runs().resolve("demo");
    Path dataDir = dir.resolve("data");
    Files.createDirectories(dir);

    // ---- 1. text ----
    PreparedData.Texts texts;
    String corpusLine;
    if (o.data() == null) {
      Path train = dataDir.resolve("stories-train.txt"), valid = dataDir.resolve("stories-valid.txt");
      StoryCorpus.Written t = StoryCorpus.write(train, STORY_BYTES, 1);
      StoryCorpus.Written v = StoryCorpus.write(valid, VALID_BYTES, 2);
      texts = new PreparedData.Texts("generated stories (`./cs336 stories`, seeds 1 and 2)", train, valid);
      corpusLine = String.format(Locale.ROOT, "%,d generated stories (%,d bytes) for training and %,d (%,d bytes) for "
          + "validation", t.stories(), t.bytes(), v.stories(), v.bytes());
    } else {
      texts = PreparedData.find(Corpus.TINYSTORIES, o.data(), null, null, 0, dataDir);
      corpusLine = "TinyStories text: " + texts.train() + " (" + String.format(Locale.ROOT, "%,d", Files.size(texts.train()))
          + " bytes) and " + texts.valid();
    }
    phase("write the corpus", corpusLine);

    // ---- 2. tokenizer and tokens ----
    int vocab = o.data() == null ? STORIES_VOCAB : TINYSTORIES_VOCAB;
    PreparedData data = PreparedData.prepare(texts, vocab, 50_000_000L, 5_000_000L, dataDir, o.threads(), o.progress(), out);
    phase("train the BPE tokenizer and encode", String.format(Locale.ROOT, "a %,d-token byte-level BPE vocabulary; "
        + "%,d training and %,d validation tokens", data.vocabSize(), data.trainTokens(), data.validTokens()));

    // ---- 3. train ----
    double left = o.minutes() * 60 - seconds() - AFTER_TRAINING_SECONDS;
    if (left < 10) throw new IllegalArgumentException("--minutes " + o.minutes() + " leaves no time to train");
    Map<String, Object> set = model();
    set.put("train_data", data.trainFile().toString());
    set.put("valid_data", data.validFile().toString());
    set.put("tokenizer", data.tokenizerDir().toString());
    set.put("vocab_size", data.vocabSize());
    set.put("threads", o.threads());
    set.put("max_minutes", left / 60);
    TrainConfig config = TrainConfigs.merge(null, null, set).resolved(null);
    Path runDir = dir.resolve("model");
    TrainCommand.prepareFreshDir(runDir, true);
    out.printf(Locale.ROOT, "%ntraining for %.1f minutes...%n", left / 60);
    TrainResult r = Trainer.train(config, new Trainer.Options(runDir, false, o.progress(), out));
    if (r.status() == TrainResult.Status.INTERRUPTED) throw new InterruptedException("the demo was interrupted");
    if (r.status() == TrainResult.Status.DIVERGED) throw new IllegalStateException("the demo's training diverged: " + r.message());
    phase("train the model", String.format(Locale.ROOT, "%,d parameters, %,d steps of %d x %d tokens, %,.0f tokens/s; "
        + "validation loss %.4f", model(r).arena().size(), r.steps(), config.batchSize(), config.contextLength(),
        r.tokens() / r.seconds(), r.valLoss()));
    Files.copy(runDir.resolve("curves.png"), dir.resolve("curves.png"), StandardCopyOption.REPLACE_EXISTING);

    // ---- 4. a story ----
    Tokenizer tok = TextGenerator.tokenizer(data.tokenizerDir());
    PrintStream utf8 = new PrintStream(out, true, StandardCharsets.UTF_8);
    utf8.print("\n" + PROMPT);
    TextGenerator.Sample s = TextGenerator.generate(model(r), tok, PROMPT, 256, 0.8f, 0.9f, 1, piece -> {
      utf8.print(piece);
      utf8.flush();
    });
    utf8.println("\n");
    phase("generate a story", String.format(Locale.ROOT, "%d tokens at %.0f tokens/s%s", s.tokens(), s.tokensPerSecond(),
        s.stopped() ? ", ended by <|endoftext|>" : ""));

    return report(dir, corpusLine, data, r.config(), r, s).save(dir);
  }

  /** The trained model, loaded once from the run's final checkpoint. */
  private TransformerLM model(TrainResult r) throws IOException {
    if (model == null) model = TextGenerator.load(r.checkpoint(), Trainer.openDevice("cpu", "fp32"));
    return model;
  }

  private Report report(Path dir, String corpusLine, PreparedData data, TrainConfig c, TrainResult r,
      TextGenerator.Sample s) throws IOException {
    Report rep = new Report("demo", "a language model trained from scratch in " + Math.round(seconds()) + " seconds");
    rep.text(String.format(Locale.ROOT, "Everything ran here, offline, on %d CPU thread(s) in %.0f seconds: %s, a "
            + "byte-level BPE tokenizer trained on them, the text encoded into tokens, a Transformer language model "
            + "trained from random weights, and a story written by it.", o.threads(), seconds(), corpusLine));
    rep.section("What happened");
    rep.table(List.of("step", "seconds", "result"), phases);
    rep.section("The model");
    rep.text(String.format(Locale.ROOT, "The handout's architecture (pre-norm RMSNorm, RoPE, SwiGLU, causal multi-head "
            + "attention), %d layers, d_model %d, %d heads, d_ff %d, context %d, vocabulary %,d: %,d parameters. "
            + "AdamW (betas 0.9, 0.95, weight decay 0.1), gradient clipping at 1.0, learning rate warmed up over %d steps "
            + "to %.3g, then a cosine down to %.3g at step %,d; the number of steps was chosen from the time left and "
            + "the measured speed.", c.numLayers(), c.dModel(), c.numHeads(), c.dFf(), c.contextLength(), c.vocabSize(),
        model(r).arena().size(), c.warmupIters(), c.lr(), c.minLr(), c.maxIters()));
    rep.section("Learning curves");
    rep.image("training and validation loss", "curves.png");
    rep.text(String.format(Locale.ROOT, "After %,d steps (%s tokens) the validation loss is **%.4f** nats per token "
            + "(perplexity %.2f, against %,d for guessing uniformly over the vocabulary).", r.steps(),
        String.format(Locale.ROOT, "%,d", r.tokens()), r.valLoss(), Math.exp(r.valLoss()), c.vocabSize()));
    rep.section("A story");
    rep.text("Prompt `" + PROMPT + "`, temperature 0.8, top-p 0.9, seed 1:");
    StringBuilder q = new StringBuilder();
    for (String line : (PROMPT + s.text()).strip().split("\n", -1)) q.append("> ").append(line).append('\n');
    rep.text(q.toString());
    rep.section("Go on from here");
    rep.text("```sh\n"
        + "./cs336 generate --checkpoint " + r.runDir() + " --prompt 'Once upon a time there was a dog' --seed 2\n"
        + "./cs336 train --scale cpu --train " + data.trainFile() + " --valid " + data.validFile()
        + " --tokenizer " + data.tokenizerDir() + " --name bigger   # 20 minutes, a few million parameters\n"
        + "./cs336 plot " + r.runDir() + " runs/bigger --out curves.png\n"
        + "./cs336 experiment main_experiment --scale cpu --data ../shared/data   # genuine TinyStories\n"
        + "```");
    rep.reproduce("./cs336 demo" + (o.data() == null ? "" : " --data " + o.data())
        + (o.minutes() == Double.parseDouble(DEFAULT_MINUTES) ? "" : " --minutes " + o.minutes()));
    return rep;
  }

  private void phase(String name, String result) {
    long now = System.nanoTime();
    phases.add(List.of(name, String.format(Locale.ROOT, "%.1f", (now - phaseStart) / 1e9), result));
    phaseStart = now;
    out.println("demo: " + name + " - " + result);
  }

  private double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}

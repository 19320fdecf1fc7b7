/**
 * What a training run logs, and how to read it back.
 *
 * <p>A run writes two files under {@code runs/<name>/}:
 * <ul>
 *   <li>{@code metrics.jsonl}: one JSON object per logged step ({@link cs336.experiments.metrics.MetricsEntry}):
 *       <pre>{"step":200,"tokens":409600,"seconds":61.3,"train_loss":3.21,"val_loss":3.35,"lr":0.001,"grad_norm":0.84,"tokens_per_s":6682.1}</pre>
 *       {@code step} is the number of optimizer steps taken, {@code tokens} the training tokens
 *       seen so far, {@code seconds} the wall-clock time since the run started (a resumed run
 *       continues from the checkpoint's count), {@code val_loss} is present only on the steps
 *       where it was measured, {@code tokens_per_s} is the throughput since the previous line.
 *       A loss that is NaN or infinite is written as the string {@code "NaN"} / {@code "Infinity"}
 *       (JSON has no such numbers) and read back as the double.</li>
 *   <li>{@code summary.json}: the final numbers ({@link cs336.experiments.metrics.RunSummary}),
 *       written atomically at the end.</li>
 * </ul>
 *
 * <p>{@link cs336.experiments.metrics.MetricsLog} appends, one flushed line per step, so a killed
 * run loses at most the line it was writing; when it reopens a file that ends in such a partial
 * line it cuts that line off first. A resumed run appends to the same file, restarting from its
 * checkpoint's step; {@link cs336.experiments.metrics.MetricsReader} therefore lets a line replace
 * every earlier line from its step on (the last run over a step range wins) and ignores an
 * unterminated last line, so the curve it returns is the one the finished runs traced.
 */
package cs336.experiments.metrics;

/**
 * {@code ./cs336 demo}: {@link cs336.experiments.demo.Demo} runs the whole pipeline offline in a few
 * minutes (generated stories, BPE, tokens, training, curves, a story) and writes
 * {@code runs/demo/README.md}.
 */
package cs336.experiments.demo;

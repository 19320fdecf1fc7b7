/**
 * Training data for the experiments and the demo: {@link cs336.experiments.data.Corpus} names the
 * data sets' files, {@link cs336.experiments.data.PreparedData} finds the text (real, stand-in, or
 * generated stories at tiny scale), trains the BPE tokenizer and encodes the splits once, caching
 * them under {@code runs/_data/}.
 */
package cs336.experiments.data;

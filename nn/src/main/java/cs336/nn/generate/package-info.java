/**
 * Decoding: {@link cs336.nn.generate.Decoding#generate} with a KV cache (one position per new
 * token), temperature and top-p {@link cs336.nn.generate.Sampling}, greedy at temperature 0.
 */
package cs336.nn.generate;

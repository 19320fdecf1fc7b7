/**
 * Training data: {@link cs336.nn.data.TokenDataset} maps token files (.npy or raw .bin, over 2 GB
 * too) without loading them, and {@link cs336.nn.data.Batches#getBatch} draws uniformly placed
 * windows as int64 inputs and targets.
 */
package cs336.nn.data;

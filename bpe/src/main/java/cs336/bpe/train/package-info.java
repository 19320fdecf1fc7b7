/**
 * The two phases of BPE training. {@link cs336.bpe.train.PieceCounter} counts pre-tokens (one table
 * per worker thread, summed at the end); {@link cs336.bpe.train.MergeLoop} then merges the most
 * frequent pair again and again, updating only the pairs next to each merge through a pair -> words
 * index and a lazy priority queue ({@link cs336.bpe.train.PairHeap}), never recounting the corpus.
 * {@link cs336.bpe.BpeTrainer} ties them to a file.
 */
package cs336.bpe.train;

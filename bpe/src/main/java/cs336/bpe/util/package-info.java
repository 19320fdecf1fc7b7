/**
 * Small primitive collections and the worker pool the tokenizer code needs: an open-addressing
 * {@code long -> int} map, a growable {@code int} list, and a fixed-size pool that runs numbered
 * tasks with per-worker state. The {@code bpe} module does not depend on the engine, so it has its own.
 */
package cs336.bpe.util;

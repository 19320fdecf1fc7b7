/**
 * The {@code ./cs336} command line ({@link cs336.experiments.Cli}): one command per job (train,
 * generate, tokenize, ...) and one main per assignment problem, named after the handout's problem ids.
 */
package cs336.experiments;

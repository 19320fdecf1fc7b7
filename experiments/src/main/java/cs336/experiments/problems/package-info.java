/**
 * One class per assignment problem, named after the handout's problem id (e.g. {@code unicode1}),
 * each a picocli command run by {@code ./cs336 experiment <problem_id>} and a {@code main} of its own.
 * Each prints its answer and writes {@code runs/<problem_id>/README.md} with its measured numbers and
 * the command that reproduces it.
 */
package cs336.experiments.problems;

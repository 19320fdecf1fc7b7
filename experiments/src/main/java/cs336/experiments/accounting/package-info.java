/**
 * Resource accounting for the handout's Transformer LM, as formulas in code: parameter counts,
 * forward-pass matmul FLOPs per component ({@link cs336.experiments.accounting.TransformerCosts}),
 * and the memory, FLOPs and time of training it with AdamW
 * ({@link cs336.experiments.accounting.TrainingCosts}). A model is described by a
 * {@link cs336.experiments.accounting.ModelShape} record with the handout's hyperparameter names.
 * Every result is a list of {@link cs336.experiments.accounting.Term}s (component, formula, value),
 * so reports print the formula next to the number it produced.
 */
package cs336.experiments.accounting;

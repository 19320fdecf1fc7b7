/**
 * Training runs: {@link cs336.experiments.train.TrainConfig} (every setting, saved as
 * {@code config.json}), {@link cs336.experiments.train.TrainConfigs} (defaults, {@code --scale}
 * presets, a JSON file and flags merged in that order), and {@link cs336.experiments.train.Trainer}
 * (the loop: metrics, fixed-batch validation, atomic checkpoints keeping the last K, bit-exact
 * {@code --resume}, Ctrl-C saves, divergence stops, a wall-clock budget).
 */
package cs336.experiments.train;

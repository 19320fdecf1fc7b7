/**
 * Files of a model: {@link cs336.nn.checkpoint.Checkpoint} (weights, AdamW state, iteration,
 * config and sampler state in one atomically written, checksummed safetensors file) and
 * {@link cs336.nn.checkpoint.Weights} (weights alone under the reference keys, to and from PyTorch).
 * Loading checks everything before copying anything.
 */
package cs336.nn.checkpoint;

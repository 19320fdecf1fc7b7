/**
 * Training: {@link cs336.nn.optim.AdamW} (the handout's Algorithm 1 over one parameter arena), the
 * handout's example {@link cs336.nn.optim.SGD}, the warmup + cosine
 * {@link cs336.nn.optim.CosineSchedule} and global-norm {@link cs336.nn.optim.GradClipping}.
 * A training step: {@code opt.zeroGrad(); loss.backward(); GradClipping.clip(arena, 1.0);
 * opt.setLr(schedule.at(it)); opt.step();}.
 */
package cs336.nn.optim;

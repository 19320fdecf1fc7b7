/**
 * Movement ops: view/reshape, permute/transpose, expand, slice/narrow, contiguous and cat. The
 * forward is a view wherever the engine can make one; the backward routes gradients back to the
 * positions they came from.
 */
package cs336.autograd.ops.movement;

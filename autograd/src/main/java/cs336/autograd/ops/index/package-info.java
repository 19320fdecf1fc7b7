/** Index ops on int64 indices: embedding lookup and gather, whose backward is a scatter-add. */
package cs336.autograd.ops.index;

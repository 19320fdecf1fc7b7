/** Plumbing shared by the commands and experiments: atomic file writes, markdown reports. */
package cs336.experiments.util;

/**
 * Learning curves as PNG files, drawn with XChart in headless mode (no display needed):
 * {@link cs336.experiments.plot.LossCurves} puts the train and validation loss of several runs
 * against steps and against wall-clock time side by side in one image.
 */
package cs336.experiments.plot;

package cs336.experiments.cli;

import cs336.experiments.problems.AdamwAccounting;
import cs336.experiments.problems.BatchSizeExperiment;
import cs336.experiments.problems.Generate;
import cs336.experiments.problems.LayerNormAblation;
import cs336.experiments.problems.Leaderboard;
import cs336.experiments.problems.LearningRate;
import cs336.experiments.problems.LearningRateTuning;
import cs336.experiments.problems.MainExperiment;
import cs336.experiments.problems.NoPosEmb;
import cs336.experiments.problems.PreNormAblation;
import cs336.experiments.problems.SwigluAblation;
import cs336.experiments.problems.TransformerAccounting;
import cs336.experiments.problems.Unicode1;
import cs336.experiments.problems.Unicode2;
import cs336.experiments.problems.TokenizerExperiments;
import cs336.experiments.problems.TrainBpeExptsOwt;
import cs336.experiments.problems.TrainBpeTinystories;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./cs336 experiment <problem_id>}: one main per assignment problem, named exactly like the
 * handout's problem. Each problem is a class in {@code cs336.experiments.problems}; to add one, list
 * it in {@code subcommands} below. Each prints its answer and writes {@code runs/<problem_id>/README.md}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Run one assignment problem by its handout id and write runs/<problem_id>/README.md.",
    subcommands = {
        Unicode1.class,
        Unicode2.class,
        TransformerAccounting.class,
        AdamwAccounting.class,
        TrainBpeTinystories.class,
        TrainBpeExptsOwt.class,
        TokenizerExperiments.class,
        LearningRateTuning.class,
        LearningRate.class,
        BatchSizeExperiment.class,
        MainExperiment.class,
        Generate.class,
        LayerNormAblation.class,
        PreNormAblation.class,
        NoPosEmb.class,
        SwigluAblation.class,
        Leaderboard.class,
    })
public final class ExperimentCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.training.ImbalanceRemedy;
import dev.qanvas.nn.training.ImbalanceRemedy.Resampling;
import dev.qanvas.nn.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `train --oversample/--undersample LEVEL --class-weights --prior-thresholds` add to the project's imbalance remedies. */
class TrainCommandImbalanceTest {

    private static TrainCommand parsed(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theOptionsSetTheRemedies() {
        TrainingSettings project = TrainingSettings.defaults();
        assertEquals(ImbalanceRemedy.none(), parsed("p.qanvas").settings(project).imbalance());
        assertEquals(new ImbalanceRemedy(Resampling.OVERSAMPLE, 0.5, true, false),
                parsed("p.qanvas", "--oversample", "0.5", "--class-weights").settings(project).imbalance());
        assertEquals(new ImbalanceRemedy(Resampling.UNDERSAMPLE, 1, false, true),
                parsed("p.qanvas", "--undersample", "1", "--prior-thresholds").settings(project).imbalance());
        TrainingSettings weighted = project.withImbalance(new ImbalanceRemedy(Resampling.OVERSAMPLE, 1, true, false));
        assertEquals(new ImbalanceRemedy(Resampling.OVERSAMPLE, 1, true, true),
                parsed("p.qanvas", "--prior-thresholds").settings(weighted).imbalance(), "the project's remedies are kept");
    }

    @Test
    void badValuesAreParameterErrors() {
        TrainingSettings project = TrainingSettings.defaults();
        var level = assertThrows(CommandLine.ParameterException.class, () -> parsed("p.qanvas", "--oversample", "2").settings(project));
        assertTrue(level.getMessage().contains("(0, 1]"), level.getMessage());
        var both = assertThrows(CommandLine.ParameterException.class,
                () -> parsed("p.qanvas", "--oversample", "1", "--undersample", "1").settings(project));
        assertTrue(both.getMessage().contains("exclude each other"), both.getMessage());
    }
}

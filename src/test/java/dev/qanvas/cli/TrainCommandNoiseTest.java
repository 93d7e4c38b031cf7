package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.training.TrainingExecution;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `train --profile ... --noise ... --shots ... --seed ...` set how the quantum layers run while training. */
class TrainCommandNoiseTest {

    private static TrainCommand parsed(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theOptionsSetTheTrainingExecution() {
        TrainingSettings project = TrainingSettings.defaults();
        assertEquals(TrainingExecution.ideal(), parsed("p.qanvas").settings(project).execution(), "no options: ideal");
        TrainingExecution e = parsed("p.qanvas", "--profile", "illustrative-noisy", "--noise", "depolarizing=0.01,readout=0.02",
                "--shots", "1000", "--seed", "7").settings(project).execution();
        assertEquals(new TrainingExecution("illustrative-noisy", List.of("depolarizing=0.01", "readout=0.02"), 1000, 7), e);
        assertEquals("parameter-shift", e.gradientMethod());
        TrainingSettings fromProject = project.withExecution(e);
        assertEquals(e.withShots(10), parsed("p.qanvas", "--shots", "10").settings(fromProject).execution(),
                "--shots alone keeps the project's noise");
        assertEquals(new TrainingExecution(null, List.of("phase_damping=0.1"), 1000, 7),
                parsed("p.qanvas", "--noise", "phase_damping=0.1").settings(fromProject).execution(),
                "--noise replaces the project's profile and noise");
    }

    @Test
    void badValuesAreParameterErrors() {
        TrainingSettings project = TrainingSettings.defaults();
        var channel = assertThrows(CommandLine.ParameterException.class,
                () -> parsed("p.qanvas", "--noise", "sparkle=0.1").settings(project));
        assertTrue(channel.getMessage().contains("sparkle=0.1"), channel.getMessage());
        var shots = assertThrows(CommandLine.ParameterException.class, () -> parsed("p.qanvas", "--shots", "-3").settings(project));
        assertTrue(shots.getMessage().contains("shots"), shots.getMessage());
    }
}

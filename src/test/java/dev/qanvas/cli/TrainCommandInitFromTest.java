package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.training.InitFromRun;
import dev.qanvas.nn.training.TrainingSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `train --init-from RUN_DIR [--fresh-output]`: the folder is taken from the working folder and recorded absolute. */
class TrainCommandInitFromTest {

    private static TrainCommand parsed(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theOptionSetsTheRunToStartFrom() {
        TrainingSettings project = TrainingSettings.defaults();
        assertNull(parsed("p.qanvas").settings(project).initFrom());
        String absolute = Path.of("runs/pre").toAbsolutePath().normalize().toString();
        assertEquals(new InitFromRun(absolute, false), parsed("p.qanvas", "--init-from", "runs/pre").settings(project).initFrom());
        assertEquals(new InitFromRun(absolute, true),
                parsed("p.qanvas", "--init-from", "runs/./pre", "--fresh-output").settings(project).initFrom());
        var alone = assertThrows(CommandLine.ParameterException.class, () -> parsed("p.qanvas", "--fresh-output").settings(project));
        assertTrue(alone.getMessage().contains("--init-from"), alone.getMessage());
    }
}

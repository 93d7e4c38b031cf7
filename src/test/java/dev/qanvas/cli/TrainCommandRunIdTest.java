package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `train --record` gives the run an id no run of the project has. */
class TrainCommandRunIdTest {

    private static RunRecord run(String id) {
        return new RunRecord(id, "2026-12-06T10:00:00Z", TrainingSettings.defaults(), "/tmp/" + id, "COMPLETED", 0.5, List.of());
    }

    @Test
    void anIdAlreadyTakenIsSkipped() {
        Project none = Project.untitled();
        assertEquals("run-1", TrainCommand.freeRunId(none));
        // Two runs, but run-3 exists (run-2 was removed): count + 1 would duplicate run-3.
        Project gap = none.withRun(run("run-1")).withRun(run("run-3"));
        assertEquals("run-4", TrainCommand.freeRunId(gap));
        assertEquals("run-3", TrainCommand.freeRunId(none.withRun(run("run-1")).withRun(run("run-2"))));
    }
}

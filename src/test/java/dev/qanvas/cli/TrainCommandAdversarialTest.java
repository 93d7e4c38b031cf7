package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.AdversarialTraining.Method;
import dev.qanvas.nn.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `train --adversarial ... --adv-eps ... --adv-ratio ... --adv-steps ...` override the project's adversarial training. */
class TrainCommandAdversarialTest {

    private static TrainCommand parsed(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theOptionsOverrideTheProjectsSettings() {
        TrainingSettings project = TrainingSettings.defaults();
        assertEquals(project, parsed("p.qanvas").settings(project), "no options: the project's settings");
        TrainingSettings pgd = parsed("p.qanvas", "--adversarial", "pgd", "--adv-eps", "0.05", "--adv-ratio", "0.25",
                "--adv-steps", "3", "--epochs", "2").settings(project);
        assertEquals(new AdversarialTraining(Method.PGD, 0.05, 0.25, 3), pgd.adversarial());
        assertEquals(2, pgd.epochs());
        TrainingSettings fgsm = parsed("p.qanvas", "--adversarial", "FGSM").settings(project);
        assertEquals(AdversarialTraining.none().withMethod(Method.FGSM), fgsm.adversarial(), "the other values as the project has them");
        TrainingSettings lower = parsed("p.qanvas", "--adv-eps", "0.02").settings(pgd);
        assertEquals(new AdversarialTraining(Method.PGD, 0.02, 0.25, 3), lower.adversarial(), "the project's method is kept");
    }

    @Test
    void seedInitialisesTheRunAsReproduceDoes() throws Exception {
        dev.qanvas.project.Project sample = dev.qanvas.project.Samples.load("robustness-mnist-hybrid.qanvas");
        assertEquals(sample, parsed("p.qanvas").initialised(sample), "no --seed: the project as it is");
        dev.qanvas.project.Project seeded = parsed("p.qanvas", "--seed", "7").initialised(sample);
        assertEquals(ReproduceCommand.withSeed(sample, 7), seeded);
        assertEquals(7, seeded.training().seed());
        assertTrue(!seeded.model().equals(sample.model()), "the circuit weights are drawn afresh");
    }

    @Test
    void badValuesAreParameterErrors() {
        TrainingSettings project = TrainingSettings.defaults();
        var tooLarge = assertThrows(CommandLine.ParameterException.class,
                () -> parsed("p.qanvas", "--adversarial", "fgsm", "--adv-eps", "0.9").settings(project));
        assertTrue(tooLarge.getMessage().contains("epsilon"), tooLarge.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parsed("p.qanvas", "--adversarial", "cw").settings(project));
        var noMethod = assertThrows(CommandLine.ParameterException.class, () -> parsed("p.qanvas", "--adv-ratio", "0.5").settings(project));
        assertTrue(noMethod.getMessage().contains("--adversarial"), noMethod.getMessage());
    }
}

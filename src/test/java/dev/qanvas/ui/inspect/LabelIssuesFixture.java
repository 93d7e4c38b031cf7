package dev.qanvas.ui.inspect;

import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** A project the Label issues tests search in seconds: 8x8 digits 0 and 1, 20% of the training labels flipped, 2 epochs. */
final class LabelIssuesFixture {

    private LabelIssuesFixture() {
    }

    static final String NOISY_DIGITS = """
            {
              "formatVersion" : 2, "name" : "noisy digits", "description" : "",
              "dataset" : { "kind" : "bundled", "id" : "digits-8x8" },
              "transforms" : [ { "type" : "classSubset", "classes" : [ 0, 1 ] },
                               { "type" : "labelNoise", "kind" : "SYMMETRIC", "rate" : 0.2, "seed" : 4 }%s ],
              "model" : {
                "nodes" : [
                  { "id" : "in", "spec" : { "type" : "Input", "channels" : 1, "height" : 8, "width" : 8 }, "x" : 40, "y" : 120 },
                  { "id" : "d", "spec" : { "type" : "Dense", "units" : 8, "activation" : "TANH" }, "x" : 200, "y" : 120 },
                  { "id" : "out", "spec" : { "type" : "Output", "classes" : 2, "kind" : "SOFTMAX" }, "x" : 520, "y" : 120 } ],
                "edges" : [ { "from" : "in", "to" : "d" }, { "from" : "d", "to" : "out" } ]
              },
              "training" : { "optimizer" : "ADAM", "learningRate" : 0.02, "batchSize" : 16, "epochs" : 2, "seed" : 1,
                             "validationSplit" : 0, "patience" : 0 }
            }
            """;

    /** The noisy project; {@code extraSteps} (", { ... }") are appended to its transforms. */
    static Project project(String extraSteps) throws Exception {
        String json = NOISY_DIGITS.formatted(extraSteps);
        return ProjectFiles.read("noisy-digits", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The training images whose label the project's noise changed: the chain with and without its noise step, compared. */
    static java.util.Set<Integer> flipped(Project project, dev.qanvas.data.Dataset raw) {
        int[] noisy = project.transforms().apply(raw).train().labels();
        int[] clean = project.transforms().with(dev.qanvas.data.LabelNoise.class, null).apply(raw).train().labels();
        java.util.Set<Integer> flipped = new java.util.HashSet<>();
        for (int i = 0; i < noisy.length; i++) {
            if (noisy[i] != clean[i]) {
                flipped.add(i);
            }
        }
        return flipped;
    }
}

package dev.qanvas.project;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** A project that trains in seconds: 8x8 digits 0 vs 1, Dense(4) -> 4-qubit quantum layer -> softmax. */
public final class TinyTrainingProject {

    private TinyTrainingProject() {
    }

    public static final String JSON = """
            {
              "formatVersion" : 2, "name" : "tiny", "description" : "",
              "dataset" : { "kind" : "bundled", "id" : "digits-8x8" },
              "transforms" : [ { "type" : "classSubset", "classes" : [ 0, 1 ] } ],
              "model" : {
                "nodes" : [
                  { "id" : "in", "spec" : { "type" : "Input", "channels" : 1, "height" : 8, "width" : 8 }, "x" : 40, "y" : 120 },
                  { "id" : "d", "spec" : { "type" : "Dense", "units" : 4, "activation" : "TANH" }, "x" : 200, "y" : 120 },
                  { "id" : "q", "spec" : { "type" : "Quantum", "circuit" : { "qubits" : 4, "operations" : [
                      "RY 0 - x:0:1.0", "RY 1 - x:1:1.0", "RY 2 - x:2:1.0", "RY 3 - x:3:1.0",
                      "RY 0 - w:a:0.1", "RY 1 - w:b:0.2", "X 1 0 -", "X 2 1 -", "X 3 2 -" ] },
                    "measurements" : [ "Z0", "Z1", "Z2", "Z3" ], "inputScale" : 1.0, "outputScaling" : false }, "x" : 360, "y" : 120 },
                  { "id" : "out", "spec" : { "type" : "Output", "classes" : 2, "kind" : "SOFTMAX" }, "x" : 520, "y" : 120 } ],
                "edges" : [ { "from" : "in", "to" : "d" }, { "from" : "d", "to" : "q" }, { "from" : "q", "to" : "out" } ]
              },
              "training" : { "optimizer" : "ADAM", "learningRate" : 0.02, "batchSize" : 16, "epochs" : 2, "seed" : 1,
                             "validationSplit" : 0.1, "patience" : 0 }
            }
            """;

    public static Project project() {
        try {
            return ProjectFiles.read("tiny", new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)));
        } catch (ProjectFileException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.qanvas.cli;

import dev.qanvas.nn.NumericEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Starts the numeric engine (ND4J natives) and reports it: a quick check that this machine can train. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Start the numeric engine (ND4J native libraries) and report which backend runs.")
final class EngineCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println(NumericEngine.start().describe());
        return 0;
    }
}

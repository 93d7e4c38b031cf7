package dev.qanvas.cli;

import dev.qanvas.quantum.draw.CircuitSvg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qanvas draw FILE.qasm [--out FILE.svg]}: the circuit as an SVG drawing, for papers and slides. */
@Command(name = "draw", mixinStandardHelpOptions = true,
        description = "Draw an OpenQASM 2.0 circuit as SVG (to --out, or to standard output).")
final class DrawCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "An OpenQASM 2.0 file.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE.svg", description = "Where to write the SVG.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String svg = CircuitSvg.render(QasmInput.read(file));
        if (out == null) {
            System.out.print(svg);
        } else {
            Files.writeString(out, svg);
        }
        return 0;
    }
}

package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels keep to one set of lane-wise operators, ADD, MUL and SUB (and blend,
 * rearrange, loads and stores, which are not operators). A kernel that brought another operator
 * class (FMA, NEG, DIV, ...) would trap in the JDK's vector methods that all kernels share, once
 * those are compiled, and C2 adds those traps up over a kernel's dozens of operations: past
 * {@code PerMethodTrapLimit} it compiles the kernel without intrinsics, 8 to 10 times slower, and
 * no result changes (docs/architecture.md, "Every Vector API kernel uses the same operator
 * classes"; docs/benchmarks.md, 2026-12-07, midnight). Only the benches would show it, so this
 * test reads the kernels' source for calls outside the set.
 */
class VectorOperatorsRuleTest {

    /** Lane-wise calls that would bring an operator class other than ADD, MUL and SUB. */
    private static final Pattern OTHER_OPERATOR = Pattern.compile(
            "\\.(fma|neg|abs|div|sqrt|pow|lanewise|min|max|compare|lt|eq|test|reduceLanes|lanewiseTemplate)\\(");

    @Test
    void vectorKernelsUseOnlyAddMultiplyAndSubtract() throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : List.of("VectorKernels.java", "VectorBatchKernels.java")) {
            Path file = Path.of("src/main/java/dev/qanvas/quantum", name);
            List<String> lines = Files.readAllLines(file);
            for (int k = 0; k < lines.size(); k++) {
                String code = lines.get(k).replaceAll("Math\\.(min|max)\\(", "Math_$1(").replaceAll("//.*", "");
                if (code.trim().startsWith("*") || code.trim().startsWith("/*")) {
                    continue; // comments
                }
                Matcher m = OTHER_OPERATOR.matcher(code);
                if (m.find()) {
                    found.add(name + ":" + (k + 1) + ": ." + m.group(1) + "(");
                }
            }
        }
        assertTrue(found.isEmpty(), "lane-wise operators outside ADD, MUL and SUB: " + found);
    }
}

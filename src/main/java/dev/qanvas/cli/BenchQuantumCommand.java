package dev.qanvas.cli;

import dev.qanvas.project.Version;
import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.BatchState;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.quantum.Templates;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateVector;
import dev.qanvas.quantum.StrangeBridge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.redfx.strange.Program;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The quantum engine's speed, measured in one run: batched forward throughput, one gate on one
 * state against the physical floor measured by the team (docs/architecture.md), the ratio against Strange, and the
 * cost of adjoint gradients relative to a forward pass. Medians after a warm-up.
 */
@Command(name = "quantum", mixinStandardHelpOptions = true,
        description = "Measure the quantum simulator: throughput, per-gate time, speed-up over Strange, adjoint cost.")
final class BenchQuantumCommand implements Callable<Integer> {

    /** The team's measurement (docs/architecture.md): one general 1-qubit gate on one core, microseconds, for n = 12, 16, 20. */
    private static final double[][] FLOOR_US = {{12, 0.47}, {16, 7.5}, {20, 172}};

    @Option(names = "--repeats", defaultValue = "7", description = "Measurements per item (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Run only these sections: throughput, gates, strange, adjoint, live, quanvolution, single (default: all).")
    List<String> only;

    private boolean runs(String section) {
        return only == null || only.contains(section);
    }

    @Option(names = "--max-strange-qubits", defaultValue = "14", description = "Largest n run on Strange (default ${DEFAULT-VALUE}).")
    int maxStrangeQubits;

    @Override
    public Integer call() {
        System.out.printf("Qanvas %s, Java %s, %d cores, single-state kernels: %s%n%n", Version.current(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), dev.qanvas.quantum.Vectors.describe());
        if (runs("throughput")) throughput();
        if (runs("gates")) perGate();
        if (runs("strange")) againstStrange();
        if (runs("adjoint")) adjointCost();
        if (runs("live")) liveView();
        if (runs("quanvolution")) BenchTrainCommand.quanvolution(repeats);
        if (runs("single")) singleState();
        return 0;
    }

    /**
     * What the Circuit workspace computes after each edit (simulate, then every measure it shows),
     * for an angle embedding plus 3 strongly entangling layers.
     */
    private void liveView() {
        System.out.printf("%-40s %12s %8s%n", "Circuit workspace live state per edit", "ms", "gates");
        for (int n : new int[] {4, 8, 12, 14, 16}) {
            Circuit c = new Circuit(n, Templates.angleEmbedding(n, Gate.RY, Math.PI))
                    .append(new Circuit(n, Templates.stronglyEntanglingLayers(n, 3, "w", 1)));
            double[] x = new double[n];
            java.util.Arrays.fill(x, 0.5);
            double ms = BenchCommand.medianMillis(repeats, () -> StateReport.of(Simulator.run(c, x, c.initialWeights())));
            System.out.printf("%-40s %12.2f %8d%n", "n = " + n, ms, c.size());
        }
        System.out.println("(target: within 100 ms of an edit for n <= 12)");
        System.out.println();
    }

    /**
     * One state, each kind of gate at 16 and 20 qubits, against the floor measured in the same
     * run: one pass that reads and writes every amplitude (a global phase, a loop the JIT
     * vectorises), the least any gate can cost. Each gate's time is taken right after the floor's,
     * so that load on a shared machine hits both alike. Then the live state per edit at 16 and 20
     * qubits, split into simulating and the report.
     */
    private void singleState() {
        System.out.printf("%-34s %10s %10s %9s %9s%n", "one gate on one state (" + dev.qanvas.quantum.Vectors.describe() + ")",
                "us/gate", "floor us", "x floor", "x DESIGN");
        for (double[] design : new double[][] {FLOOR_US[1], FLOOR_US[2]}) {
            int n = (int) design[0];
            StateVector s = StateVector.zero(n);
            double[] re = new double[1 << n], im = new double[1 << n];
            re[0] = 1;
            int gates = n <= 16 ? 64 : 8;
            for (GateKind kind : GateKind.values()) {
                List<Operation> ops = new ArrayList<>();
                double[][] angles = new double[gates][];
                Random random = new Random(4);
                for (int k = 0; k < gates; k++) {
                    ops.add(kind.at(k % n, n));
                    angles[k] = random.doubles(ops.get(k).gate().params()).toArray();
                }
                double floorMs = cpuMedianMillis(repeats, () -> {
                    for (int k = 0; k < gates; k++) {
                        globalPhase(re, im, 0.6, 0.8);
                    }
                    return re;
                });
                double ms = cpuMedianMillis(repeats, () -> {
                    for (int k = 0; k < gates; k++) {
                        s.apply(ops.get(k), angles[k]);
                    }
                    return s;
                });
                double us = ms * 1000 / gates, floorUs = floorMs * 1000 / gates;
                System.out.printf("%-34s %10.2f %10.2f %9.2f %9.2f%n", "n = " + n + ", " + kind.text, us, floorUs, us / floorUs,
                        us / design[1]);
            }
        }
        System.out.println("(CPU time of this thread, so that waiting for a core on a shared machine does not count;"
                + " x floor: against this run's pass over the state; x DESIGN: against the team's floor for a general gate,"
                + " 7.5 us at 16, 172 us at 20; target within 3x at n = 16 and 20)");
        System.out.println();
        System.out.printf("%-40s %10s %10s %10s %10s%n", "live state per edit, one state", "simulate", "report", "ms/edit",
                "CPU ms");
        for (int n : new int[] {16, 20}) {
            Circuit c = new Circuit(n, Templates.angleEmbedding(n, Gate.RY, Math.PI))
                    .append(new Circuit(n, Templates.stronglyEntanglingLayers(n, 3, "w", 1)));
            double[] x = new double[n];
            Arrays.fill(x, 0.5);
            double[] w = c.initialWeights();
            int times = n <= 16 ? repeats : Math.min(repeats, 3);
            StateVector state = Simulator.run(c, x, w);
            double simulate = BenchCommand.medianMillis(times, () -> Simulator.run(c, x, w));
            double report = BenchCommand.medianMillis(times, () -> StateReport.of(state));
            double edit = BenchCommand.medianMillis(times, () -> StateReport.of(Simulator.run(c, x, w)));
            double cpu = BenchCommand.medianMillis(times, () -> StateReport.of(Simulator.run(c, x, w)), BenchQuantumCommand::processCpuNanos);
            System.out.printf("%-40s %10.1f %10.1f %10.1f %10.1f%n", "n = " + n + ", " + c.size() + " gates", simulate, report, edit, cpu);
        }
        System.out.println("(target: <= 50 ms per edit at 16 qubits, <= 2 s at 20; wall times, the report on two threads;"
                + " CPU ms: CPU time of the whole process per edit, which waiting for a core on a shared machine does not inflate)");
        System.out.println();
    }

    /** The gates {@link #singleState} times: one of each kernel the simulator has. */
    private enum GateKind {
        U3("U3 (general)"), H("H (real)"), RZ("RZ (diagonal)"), X("X (permutation)"), CNOT("CNOT"),
        CRY("CRY (controlled real)"), CU3("CU3 (controlled general)"), TOFFOLI("Toffoli"), SWAP("SWAP"),
        RZZ("RZZ (diagonal, 2 qubits)"), RXX("RXX (general, 2 qubits)");

        final String text;

        GateKind(String text) {
            this.text = text;
        }

        /** This kind on target t (controls and second targets on the next wires) of n qubits. */
        Operation at(int t, int n) {
            int u = (t + 1) % n, v = (t + 2) % n;
            List<Angle> three = List.of(new Angle.Constant(0), new Angle.Constant(0), new Angle.Constant(0));
            return switch (this) {
                case U3 -> Operation.of(Gate.U3, three, t);
                case H -> Operation.of(Gate.H, t);
                case RZ -> Operation.of(Gate.RZ, 0.0, t);
                case X -> Operation.of(Gate.X, t);
                case CNOT -> Operation.cnot(u, t);
                case CRY -> Operation.of(Gate.RY, 0.0, t).controlledBy(u);
                case CU3 -> Operation.of(Gate.U3, three, t).controlledBy(u);
                case TOFFOLI -> Operation.toffoli(u, v, t);
                case SWAP -> Operation.of(Gate.SWAP, t, u);
                case RZZ -> Operation.of(Gate.RZZ, 0.0, t, u);
                case RXX -> Operation.of(Gate.RXX, 0.0, t, u);
            };
        }
    }

    /** As {@link BenchCommand#medianMillis}, in CPU time of the calling thread (the work runs on it alone). */
    private static double cpuMedianMillis(int repeats, java.util.function.Supplier<Object> work) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return BenchCommand.medianMillis(repeats, work, threads::getCurrentThreadCpuTime);
    }

    /** CPU time of this process, all threads, in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Multiplies every amplitude by c + i s: one read and one write of each, the floor of any gate. */
    private static void globalPhase(double[] re, double[] im, double c, double s) {
        for (int i = 0; i < re.length; i++) {
            double a = re[i], b = im[i];
            re[i] = c * a - s * b;
            im[i] = c * b + s * a;
        }
    }

    private void throughput() {
        int n = 8, batch = 256, gates = 64;
        Circuit c = layered(n, gates);
        double[][] x = inputs(batch, n, new Random(1));
        double[] w = c.initialWeights();
        double[][][] plain = plainLayered(n, gates, x);
        BatchState engine = BatchSimulator.run(c, x, w, 1);
        double worst = 0;
        for (int b = 0; b < batch; b++) {
            StateVector e = engine.sample(b);
            for (int i = 0; i < 1 << n; i++) {
                worst = Math.max(worst, Math.abs(e.re(i) - plain[0][i][b]) + Math.abs(e.im(i) - plain[1][i][b]));
            }
        }
        // Side by side, alternating block by block, so that load on the shared machine hits all alike.
        double[][] ms = sideBySide(repeats, () -> plainLayered(n, gates, x), () -> BatchSimulator.run(c, x, w, 1),
                () -> BatchSimulator.run(c, x, w, 2));
        double sampleGates = (double) batch * gates;
        System.out.printf("forward, n=%d, batch %d, %d gates (%d input RY, then trainable RY and CNOT in turn)%n", n, batch, gates, n);
        System.out.printf("  (ms per call: median of %d alternating blocks, and in brackets the least: the block least slowed by other processes)%n",
                ms[0].length);
        double[] loop = ms[0], one = ms[1], two = ms[2];
        System.out.printf("  plain loop, 1 core   %8.3f ms (%.3f) = %.3g sample-gates/s%n", median(loop), least(loop),
                sampleGates / median(loop) * 1000);
        System.out.printf("  engine, 1 core       %8.3f ms (%.3f) = %.3g sample-gates/s   plain / engine = %.2f (%.2f) (target >= 1)%n",
                median(one), least(one), sampleGates / median(one) * 1000, median(loop) / median(one), least(loop) / least(one));
        // the target: on 2 cores, 1.7x the plain loop's speed per core; and the engine's own scaling beside it
        System.out.printf("  engine, 2 cores      %8.3f ms (%.3f) = %.3g sample-gates/s   plain loop on 1 core / engine on 2 = %.2f (%.2f)"
                        + " (target >= 1.7); engine 1 core / 2 cores = %.2f (%.2f)%n",
                median(two), least(two), sampleGates / median(two) * 1000, median(loop) / median(two), least(loop) / least(two),
                median(one) / median(two), least(one) / least(two));
        System.out.printf("  largest difference between the plain loop's and the engine's amplitudes: %.1e%n%n", worst);
    }

    /** CPU time each side-by-side comparison warms up for before timing. */
    private static final long WARM_UP_CPU_NANOS = 4_000_000_000L;

    /**
     * Times each piece of work in blocks of calls (about 5 ms a block), the pieces taking turns
     * block by block for {@code 3 * repeats} rounds after {@link #WARM_UP_CPU_NANOS} of this thread's CPU
     * time of warm-up; returns the milliseconds per call, [work][round].
     */
    @SafeVarargs
    static double[][] sideBySide(int repeats, java.util.function.Supplier<Object>... work) {
        // Warm up by CPU time, not wall time: on a loaded machine a second of wall time can be a
        // tenth of a second on a core, too little for the JIT to finish the hot loops. Four
        // seconds: the plain loop ran about 11x slower than its final code for its first 1-1.5 s
        // of calls (measured on a quiet machine, docs/benchmarks.md), so one second timed that.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long warmEnd = threads.getCurrentThreadCpuTime() + WARM_UP_CPU_NANOS;
        int[] calls = new int[work.length];
        while (threads.getCurrentThreadCpuTime() < warmEnd) {
            for (int k = 0; k < work.length; k++) {
                long t0 = System.nanoTime();
                work[k].get();
                calls[k] = (int) Math.max(1, Math.min(1000, 5_000_000L / Math.max(1, System.nanoTime() - t0)));
            }
        }
        int rounds = 3 * Math.max(1, repeats);
        double[][] ms = new double[work.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < work.length; k++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls[k]; i++) {
                    work[k].get();
                }
                ms[k][r] = (System.nanoTime() - t0) / 1e6 / calls[k];
            }
        }
        return ms;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double least(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    /**
     * The {@link #layered} circuit written as the simplest code that does the same work, the
     * yardstick for the engine: rows {@code double[2^n][B]}, RY as one real rotation over the
     * batch, CNOT as a swap of row references. Returns {re, im} (im stays 0: RY and CNOT are real).
     */
    static double[][][] plainLayered(int n, int gates, double[][] x) {
        int size = 1 << n, batch = x.length;
        double[][] re = new double[size][batch];
        Arrays.fill(re[0], 1);
        double[] cos = new double[batch], sin = new double[batch];
        for (int q = 0; q < n; q++) { // input RY(x[b][q]) on qubit q
            for (int b = 0; b < batch; b++) {
                cos[b] = Math.cos(x[b][q] / 2);
                sin[b] = Math.sin(x[b][q] / 2);
            }
            for (int i = 0; i < size; i++) {
                if ((i >> q & 1) == 0) {
                    double[] a = re[i], z = re[i | 1 << q];
                    for (int b = 0; b < batch; b++) {
                        double u = a[b], v = z[b];
                        a[b] = cos[b] * u - sin[b] * v;
                        z[b] = sin[b] * u + cos[b] * v;
                    }
                }
            }
        }
        for (int k = 0; k < gates - n; k++) {
            int q = k % n;
            if (k % 2 == 0) { // trainable RY(0.1 k) on qubit q
                double c = Math.cos(0.05 * k), s = Math.sin(0.05 * k);
                for (int i = 0; i < size; i++) {
                    if ((i >> q & 1) == 0) {
                        double[] a = re[i], z = re[i | 1 << q];
                        for (int b = 0; b < batch; b++) {
                            double u = a[b], v = z[b];
                            a[b] = c * u - s * v;
                            z[b] = s * u + c * v;
                        }
                    }
                }
            } else { // CNOT(q, q + 1 mod n): swap the rows where the control is 1
                int t = (q + 1) % n;
                for (int i = 0; i < size; i++) {
                    if ((i >> q & 1) == 1 && (i >> t & 1) == 0) {
                        double[] r = re[i];
                        re[i] = re[i | 1 << t];
                        re[i | 1 << t] = r;
                    }
                }
            }
        }
        return new double[][][] {re, new double[size][batch]};
    }

    private void perGate() {
        System.out.printf("%-28s %12s %12s %8s%n", "one U3 gate on one state", "us/gate", "floor us", "x floor");
        for (double[] floor : FLOOR_US) {
            int n = (int) floor[0];
            StateVector s = StateVector.zero(n);
            Random random = new Random(2);
            int gates = n <= 12 ? 2000 : n <= 16 ? 200 : 20;
            List<Operation> ops = new ArrayList<>();
            for (int k = 0; k < gates; k++) {
                ops.add(Operation.of(Gate.U3, List.of(new Angle.Constant(random.nextDouble()), new Angle.Constant(random.nextDouble()),
                        new Angle.Constant(random.nextDouble())), k % n));
            }
            double[][] angles = ops.stream().map(op -> op.angles().stream().mapToDouble(a -> ((Angle.Constant) a).value()).toArray())
                    .toArray(double[][]::new);
            double ms = BenchCommand.medianMillis(repeats, () -> {
                for (int k = 0; k < gates; k++) {
                    s.apply(ops.get(k), angles[k]);
                }
                return s;
            });
            double us = ms * 1000 / gates;
            System.out.printf("%-28s %12.3f %12.2f %8.2f%n", "n = " + n, us, floor[1], us / floor[1]);
        }
        System.out.println("(target: within 3x of the floor at n = 16 and 20; the Vector API kernels need java --add-modules jdk.incubator.vector)");
        System.out.println();
    }

    private void againstStrange() {
        System.out.printf("%-40s %12s %12s %10s%n", "RY layer + CNOT ring, 4 layers", "Qanvas ms", "Strange ms", "speed-up");
        for (int n = 4; n <= maxStrangeQubits; n += 2) {
            Circuit c = ryRing(n, 4);
            Program program = StrangeBridge.toProgram(c);
            double ours = BenchCommand.medianMillis(repeats, () -> Simulator.run(c));
            int strangeRepeats = n >= 12 ? 1 : Math.min(repeats, 3);
            double theirs = BenchCommand.medianMillis(strangeRepeats,
                    () -> new SimpleQuantumExecutionEnvironment().runProgram(program));
            System.out.printf("%-40s %12.4f %12.2f %10.0f%n", "n = " + n, ours, theirs, theirs / ours);
        }
        System.out.println("(target: >= 200x at n = 10..14)");
        System.out.println();
    }

    private void adjointCost() {
        int n = 8, batch = 256;
        System.out.printf("%-40s %12s %12s %8s%n", "adjoint gradient, n=8, batch 256, 1 thread", "forward ms", "adjoint ms", "ratio");
        for (int params : new int[] {10, 100}) {
            Circuit c = withWeights(n, params);
            double[][] x = inputs(batch, n, new Random(3));
            List<PauliString> obs = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                obs.add(PauliString.z(q));
            }
            double[][] up = new double[batch][n];
            for (double[] row : up) {
                java.util.Arrays.fill(row, 1.0 / n);
            }
            double[] w = c.initialWeights();
            // forward; the adjoint call (its own forward first); as training runs them, a forward that keeps its
            // states, then the adjoint from them; and that kept forward alone, to subtract
            double[][] ms = sideBySide(repeats, () -> BatchSimulator.run(c, x, w, 1).expectations(obs),
                    () -> BatchSimulator.adjoint(c, x, w, obs, up, 1),
                    () -> BatchSimulator.adjoint(BatchSimulator.forward(c, x, w, obs, 1), up),
                    () -> BatchSimulator.forward(c, x, w, obs, 1));
            System.out.printf("%-40s %12.3f %12.3f %8.2f   least %.3f, %.3f: %.2f (target <= 3)%n",
                    params + " parameters (" + c.size() + " gates)", median(ms[0]), median(ms[1]), median(ms[1]) / median(ms[0]),
                    least(ms[0]), least(ms[1]), least(ms[1]) / least(ms[0]));
            double step = median(ms[2]), kept = median(ms[3]);
            System.out.printf("%-40s %12.3f %12.3f %8.2f   training step (kept forward + adjoint) %.3f ms = %.2f x forward,"
                    + " %.2f x before (forward + adjoint call)%n", "  in training, after the kept forward", kept, step - kept,
                    (step - kept) / median(ms[0]), step, step / median(ms[0]), step / (median(ms[0]) + median(ms[1])));
        }
        System.out.println("(one thread each; medians of alternating blocks, then the least block; in training the layer's");
        System.out.println(" forward keeps its states and the adjoint starts from them: its cost is the step's minus that forward's;");
        System.out.println(" target: adjoint <= 3x forward whatever the parameter count)");
    }

    /** RY(x[q]) on every qubit, then layers of 4 trainable RY and 4 CNOTs, to {@code gates} gates. */
    static Circuit layered(int n, int gates) {
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RY, new Angle.Input(q), q));
        }
        int k = 0;
        while (ops.size() < gates) {
            int q = k % n;
            ops.add(k % 2 == 0 ? Operation.of(Gate.RY, new Angle.Weight("w" + k, 0.1 * k), q) : Operation.cnot(q, (q + 1) % n));
            k++;
        }
        return new Circuit(n, ops);
    }

    /** RY(x) embedding, then {@code params} trainable RY gates interleaved with CNOTs. */
    static Circuit withWeights(int n, int params) {
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RY, new Angle.Input(q), q));
        }
        for (int k = 0; k < params; k++) {
            ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + k, 0.01 * k), k % n));
            if (k % n == n - 1) {
                for (int q = 0; q < n; q++) {
                    ops.add(Operation.cnot(q, (q + 1) % n));
                }
            }
        }
        return new Circuit(n, ops);
    }

    static Circuit ryRing(int n, int layers) {
        List<Operation> ops = new ArrayList<>();
        Random random = new Random(4);
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, random.nextDouble() * Math.PI, q));
            }
            for (int q = 0; q < n; q++) {
                ops.add(Operation.cnot(q, (q + 1) % n));
            }
        }
        return new Circuit(n, ops);
    }

    private static double[][] inputs(int batch, int features, Random random) {
        double[][] x = new double[batch][];
        for (int b = 0; b < batch; b++) {
            x[b] = random.doubles(features, 0, Math.PI).toArray();
        }
        return x;
    }
}

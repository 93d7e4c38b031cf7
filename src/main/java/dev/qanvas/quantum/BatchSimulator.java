package dev.qanvas.quantum;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Many inputs through one circuit: the training case. The batch is split into tiles that run
 * the whole circuit on separate threads (threads across samples, not inside a gate: at the
 * sizes quantum layers use, a gate is too small to share, see DESIGN.md).
 */
public final class BatchSimulator {

    /** Below this many amplitudes in a batch a single thread is faster than forking. */
    private static final int PARALLEL_THRESHOLD = 1 << 14;
    private static final int MIN_TILE = 16;

    private BatchSimulator() {
    }

    /** Expectations [sample][observable], weight gradient (summed over the batch), input gradients [sample][feature]. */
    public record Result(double[][] expectations, double[] weightGradient, double[][] inputGradient) {
    }

    /** Final states for inputs {@code x[sample][feature]} and weights {@code w}. */
    public static BatchState run(Circuit c, double[][] x, double[] w) {
        BatchState s = new BatchState(c.qubits(), x.length);
        check(c, x, w);
        forEachTile(s, (b0, b1) -> forward(c, s, x, w, b0, b1));
        return s;
    }

    /**
     * Forward pass plus adjoint backward pass: the vector-Jacobian product of
     * {@code sum_o upstream[b][o] <O_o>_b} with respect to the weights and each sample's inputs.
     */
    public static Result adjoint(Circuit c, double[][] x, double[] w, List<PauliString> observables, double[][] upstream) {
        check(c, x, w);
        int batch = x.length;
        if (upstream.length != batch) {
            throw new IllegalArgumentException(batch + " samples but " + upstream.length + " upstream rows");
        }
        BatchState s = new BatchState(c.qubits(), batch);
        double[][] expectations = new double[batch][observables.size()];
        double[][] gx = new double[batch][x.length == 0 ? 0 : x[0].length];
        int tiles = tileCount(s);
        double[][] gwPerTile = new double[tiles][w.length];
        int tileSize = (batch + tiles - 1) / tiles;
        IntStream.range(0, tiles).parallel().forEach(tile -> {
            int b0 = tile * tileSize, b1 = Math.min(batch, b0 + tileSize);
            if (b0 < b1) {
                backward(c, s, x, w, observables, upstream, b0, b1, expectations, gwPerTile[tile], gx);
            }
        });
        double[] gw = new double[w.length];
        for (double[] part : gwPerTile) {
            for (int k = 0; k < gw.length; k++) {
                gw[k] += part[k];
            }
        }
        return new Result(expectations, gw, gx);
    }

    private static void forward(Circuit c, BatchState s, double[][] x, double[] w, int b0, int b1) {
        for (Operation op : c.operations()) {
            apply(c, s.re, s.im, s.n, s.batch, b0, b1, op, x, w, false);
        }
    }

    private static void backward(Circuit c, BatchState s, double[][] x, double[] w, List<PauliString> observables,
                                 double[][] upstream, int b0, int b1, double[][] expectations, double[] gw, double[][] gx) {
        int n = s.n, B = s.batch;
        forward(c, s, x, w, b0, b1);
        double[][] lr = new double[1 << n][B], li = new double[1 << n][B];
        double[] coefficient = new double[B];
        for (int o = 0; o < observables.size(); o++) {
            double[] e = BatchState.expectation(s.re, s.im, n, B, b0, b1, observables.get(o));
            for (int b = b0; b < b1; b++) {
                expectations[b][o] = e[b];
                coefficient[b] = upstream[b][o];
            }
            BatchState.addPauliTimes(s.re, s.im, n, B, b0, b1, observables.get(o), coefficient, lr, li);
        }
        List<Operation> ops = c.operations();
        double[] dTheta = new double[B];
        for (int k = ops.size() - 1; k >= 0; k--) {
            Operation op = ops.get(k);
            apply(c, s.re, s.im, n, B, b0, b1, op, x, w, true);
            for (int p = 0; p < op.angles().size(); p++) {
                Angle a = op.angles().get(p);
                if (a instanceof Angle.Constant) {
                    continue;
                }
                int entries = op.gate().qubits() == 1 ? 8 : 32;
                double[][] d = new double[entries][B];
                if (perSample(op)) {
                    for (int b = b0; b < b1; b++) {
                        double[] db = op.gate().derivative(p, angles(c, op, x[b], w));
                        for (int e = 0; e < entries; e++) {
                            d[e][b] = db[e];
                        }
                    }
                } else {
                    double[] shared = op.gate().derivative(p, angles(c, op, x[b0], w));
                    for (int e = 0; e < entries; e++) {
                        java.util.Arrays.fill(d[e], b0, b1, shared[e]);
                    }
                }
                java.util.Arrays.fill(dTheta, b0, b1, 0);
                BatchKernels.sandwichReal(lr, li, s.re, s.im, n, b0, b1, op, d, dTheta);
                for (int b = b0; b < b1; b++) {
                    double g = 2 * dTheta[b];
                    if (a instanceof Angle.Weight wt) {
                        gw[c.weightIndex(wt.name())] += g;
                    } else if (a instanceof Angle.Input in) {
                        gx[b][in.index()] += in.scale() * g;
                    }
                }
            }
            apply(c, lr, li, n, B, b0, b1, op, x, w, true);
        }
    }

    /** Applies one operation (or its inverse) to samples [b0, b1). */
    private static void apply(Circuit c, double[][] re, double[][] im, int n, int B, int b0, int b1, Operation op,
                              double[][] x, double[] w, boolean dagger) {
        int cmask = op.controlMask();
        if (!perSample(op)) {
            double[] m = op.gate().matrix(angles(c, op, x.length > 0 ? x[0] : new double[0], w));
            if (dagger) {
                m = Kernels.dagger(m);
            }
            if (op.gate().qubits() == 1) {
                BatchKernels.shared1(re, im, n, b0, b1, op.targets().get(0), cmask, op.gate().kind(), m);
            } else {
                BatchKernels.twoQubit(re, im, n, b0, b1, op.targets().get(0), op.targets().get(1), cmask, m, null);
            }
            return;
        }
        int entries = op.gate().qubits() == 1 ? 8 : 32;
        double[][] m = new double[entries][B];
        for (int b = b0; b < b1; b++) {
            double[] mb = op.gate().matrix(angles(c, op, x[b], w));
            if (dagger) {
                mb = Kernels.dagger(mb);
            }
            for (int e = 0; e < entries; e++) {
                m[e][b] = mb[e];
            }
        }
        if (op.gate().qubits() == 1) {
            BatchKernels.perSample1(re, im, n, b0, b1, op.targets().get(0), cmask, m);
        } else {
            BatchKernels.twoQubit(re, im, n, b0, b1, op.targets().get(0), op.targets().get(1), cmask, null, m);
        }
    }

    /** Whether the operation's matrix differs between samples (an angle reads an input feature). */
    private static boolean perSample(Operation op) {
        for (Angle a : op.angles()) {
            if (a instanceof Angle.Input) {
                return true;
            }
        }
        return false;
    }

    private static double[] angles(Circuit c, Operation op, double[] x, double[] w) {
        return op.angleValues(x, w, c);
    }

    private static void check(Circuit c, double[][] x, double[] w) {
        if (x.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one sample");
        }
        for (double[] row : x) {
            Simulator.requireSizes(c, row, w);
        }
    }

    private interface TileWork {
        void run(int b0, int b1);
    }

    private static int tileCount(BatchState s) {
        long amplitudes = (long) s.batch << s.n;
        if (amplitudes < PARALLEL_THRESHOLD) {
            return 1;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(threads, s.batch / MIN_TILE));
    }

    private static void forEachTile(BatchState s, TileWork work) {
        int tiles = tileCount(s);
        int tileSize = (s.batch + tiles - 1) / tiles;
        IntStream.range(0, tiles).parallel().forEach(t -> {
            int b0 = t * tileSize, b1 = Math.min(s.batch, b0 + tileSize);
            if (b0 < b1) {
                work.run(b0, b1);
            }
        });
    }
}

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
        Step[] plan = plan(c, w);
        forEachTile(s, (b0, b1) -> forward(plan, s, x, w, b0, b1));
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
        Step[] plan = plan(c, w);
        IntStream.range(0, tiles).parallel().forEach(tile -> {
            int b0 = tile * tileSize, b1 = Math.min(batch, b0 + tileSize);
            if (b0 < b1) {
                backward(plan, s, x, w, observables, upstream, b0, b1, expectations, gwPerTile[tile], gx);
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

    /**
     * One operation prepared for a run: qubit masks, the angle sources as plain arrays, and, for
     * operations whose angles do not read inputs, the matrix, its inverse and its derivatives
     * computed once per run instead of once per sample and tile.
     */
    private static final class Step {
        final Operation op;
        final int cmask;
        final boolean perSample;
        final int entries;
        final int[] source;    // per angle: 0 constant, 1 weight, 2 input
        final int[] index;     // weight index or input index
        final double[] value;  // constant value or input scale
        final double[] matrix;
        final double[] inverse;
        final double[][] derivatives; // per angle, null for constants

        Step(Circuit c, Operation op, double[] w) {
            this.op = op;
            this.cmask = op.controlMask();
            this.entries = op.gate().qubits() == 1 ? 8 : 32;
            int k = op.angles().size();
            source = new int[k];
            index = new int[k];
            value = new double[k];
            boolean readsInput = false;
            for (int p = 0; p < k; p++) {
                Angle a = op.angles().get(p);
                if (a instanceof Angle.Constant cst) {
                    value[p] = cst.value();
                } else if (a instanceof Angle.Weight wt) {
                    source[p] = 1;
                    index[p] = c.weightIndex(wt.name());
                } else if (a instanceof Angle.Input in) {
                    source[p] = 2;
                    index[p] = in.index();
                    value[p] = in.scale();
                    readsInput = true;
                }
            }
            perSample = readsInput;
            if (perSample) {
                matrix = inverse = null;
                derivatives = null;
            } else {
                double[] angles = angles(null, w);
                matrix = op.gate().matrix(angles);
                inverse = Kernels.dagger(matrix);
                derivatives = new double[k][];
                for (int p = 0; p < k; p++) {
                    derivatives[p] = source[p] == 0 ? null : op.gate().derivative(p, angles);
                }
            }
        }

        double[] angles(double[] x, double[] w) {
            double[] a = new double[source.length];
            for (int p = 0; p < a.length; p++) {
                a[p] = switch (source[p]) {
                    case 0 -> value[p];
                    case 1 -> w[index[p]];
                    default -> value[p] * x[index[p]];
                };
            }
            return a;
        }
    }

    private static Step[] plan(Circuit c, double[] w) {
        List<Operation> ops = c.operations();
        Step[] steps = new Step[ops.size()];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = new Step(c, ops.get(k), w);
        }
        return steps;
    }

    private static void forward(Step[] plan, BatchState s, double[][] x, double[] w, int b0, int b1) {
        for (Step step : plan) {
            apply(step, s.re, s.im, s.n, s.batch, b0, b1, x, w, false);
        }
    }

    private static void backward(Step[] plan, BatchState s, double[][] x, double[] w, List<PauliString> observables,
                                 double[][] upstream, int b0, int b1, double[][] expectations, double[] gw, double[][] gx) {
        int n = s.n, B = s.batch;
        forward(plan, s, x, w, b0, b1);
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
        double[] dTheta = new double[B];
        for (int k = plan.length - 1; k >= 0; k--) {
            Step step = plan[k];
            apply(step, s.re, s.im, n, B, b0, b1, x, w, true);
            for (int p = 0; p < step.source.length; p++) {
                if (step.source[p] == 0) {
                    continue;
                }
                double[][] d = new double[step.entries][B];
                if (step.perSample) {
                    for (int b = b0; b < b1; b++) {
                        double[] db = step.op.gate().derivative(p, step.angles(x[b], w));
                        for (int e = 0; e < step.entries; e++) {
                            d[e][b] = db[e];
                        }
                    }
                } else {
                    for (int e = 0; e < step.entries; e++) {
                        java.util.Arrays.fill(d[e], b0, b1, step.derivatives[p][e]);
                    }
                }
                java.util.Arrays.fill(dTheta, b0, b1, 0);
                BatchKernels.sandwichReal(lr, li, s.re, s.im, n, b0, b1, step.op, d, dTheta);
                for (int b = b0; b < b1; b++) {
                    double g = 2 * dTheta[b];
                    if (step.source[p] == 1) {
                        gw[step.index[p]] += g;
                    } else {
                        gx[b][step.index[p]] += step.value[p] * g;
                    }
                }
            }
            apply(step, lr, li, n, B, b0, b1, x, w, true);
        }
    }

    /** Applies one prepared operation (or its inverse) to samples [b0, b1). */
    private static void apply(Step step, double[][] re, double[][] im, int n, int B, int b0, int b1,
                              double[][] x, double[] w, boolean dagger) {
        Operation op = step.op;
        if (!step.perSample) {
            double[] m = dagger ? step.inverse : step.matrix;
            if (op.gate().qubits() == 1) {
                BatchKernels.shared1(re, im, n, b0, b1, op.targets().get(0), step.cmask, op.gate().kind(), m);
            } else {
                BatchKernels.twoQubit(re, im, n, b0, b1, op.targets().get(0), op.targets().get(1), step.cmask, m, null);
            }
            return;
        }
        double[][] m = new double[step.entries][B];
        for (int b = b0; b < b1; b++) {
            double[] mb = op.gate().matrix(step.angles(x[b], w));
            if (dagger) {
                mb = Kernels.dagger(mb);
            }
            for (int e = 0; e < step.entries; e++) {
                m[e][b] = mb[e];
            }
        }
        if (op.gate().qubits() == 1) {
            BatchKernels.perSample1(re, im, n, b0, b1, op.targets().get(0), step.cmask, m);
        } else {
            BatchKernels.twoQubit(re, im, n, b0, b1, op.targets().get(0), op.targets().get(1), step.cmask, null, m);
        }
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

package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many inputs through one circuit: the training case. The batch is split into tiles that run
 * the whole circuit on separate threads (threads across samples, not inside a gate: at the
 * sizes quantum layers use, a gate is too small to share, see docs/architecture.md).
 */
public final class BatchSimulator {

    /**
     * The one-angle gates whose matrix is C + cos(f t) A + sin(f t) B, with f = 1/2 (RX, RY, RZ,
     * RXX, ...: C = 0, A = M(0), B = M(pi)) or f = 1 (P), found once from their matrices.
     */
    private static final java.util.Map<Gate, TrigForm> TRIG_FORMS = new java.util.EnumMap<>(Gate.class);

    static {
        for (Gate g : Gate.values()) {
            if (g.params() == 1) {
                TrigForm form = TrigForm.of(g, 0.5);
                if (form == null) {
                    form = TrigForm.of(g, 1);
                }
                if (form != null) {
                    TRIG_FORMS.put(g, form);
                }
            }
        }
    }

    /** A one-angle gate's matrix as C + cos(f t) A + sin(f t) B (interleaved complex entries). */
    private record TrigForm(double frequency, double[] constant, double[] cos, double[] sin) {

        /** The form with frequency f if the gate's matrices follow it at a few angles, else null. */
        static TrigForm of(Gate g, double f) {
            double[] zero = g.matrix(new double[] {0});
            double[] c, a, b;
            if (f == 0.5) { // C = 0 exactly, A = M(0), B = M(pi)
                c = new double[zero.length];
                a = zero;
                b = g.matrix(new double[] {Math.PI});
            } else { // M(0) = C + A, M(pi / f) = C - A, M(pi / 2f) = C + B
                double[] opposite = g.matrix(new double[] {Math.PI / f}), quarter = g.matrix(new double[] {Math.PI / (2 * f)});
                c = new double[zero.length];
                a = new double[zero.length];
                b = new double[zero.length];
                for (int e = 0; e < zero.length; e++) {
                    c[e] = (zero[e] + opposite[e]) / 2;
                    a[e] = (zero[e] - opposite[e]) / 2;
                    b[e] = quarter[e] - c[e];
                }
            }
            for (double t : new double[] {0.7, -2.3, 4.1, 11.9}) {
                double[] m = g.matrix(new double[] {t});
                for (int e = 0; e < m.length; e++) {
                    if (Math.abs(m[e] - (c[e] + Math.cos(f * t) * a[e] + Math.sin(f * t) * b[e])) > 1e-13) {
                        return null;
                    }
                }
            }
            return new TrigForm(f, c, a, b);
        }
    }

    /**
     * Below this many amplitudes in a batch a single thread is faster than forking. In training a
     * quantum call follows milliseconds of classical work, so the tile worker has parked and is
     * slow to wake: after a 1 ms pause, one thread's median over two tiles' was 0.64-0.78 at 2^14
     * amplitudes, 0.86-1.00 at 2^15, 0.88-1.10 at 2^16 and 1.27-1.45 at 2^17
     * ({@code docs/bench/BatchAfterPause.java}; docs/benchmarks.md, 2026-12-07, night).
     */
    private static final int PARALLEL_THRESHOLD = 1 << 16;
    private static final int MIN_TILE = 16;

    /**
     * The fewest samples a pass runs: a smaller batch is padded with copies of its first sample
     * (and, in an adjoint pass, upstream rows of zeros) and the padding's results dropped. C2
     * unrolls, and so vectorises, a loop only as far as the trip counts it has seen: after a few
     * thousand calls on 1 or 2 samples (one image's prediction or saliency), the kernels it
     * compiled ran 256 samples 2.4-2.7x slower for the rest of the process; from 8 samples on,
     * they did not (docs/benchmarks.md, 2026-12-07, night). Each sample's arithmetic is its own,
     * so the real samples' results are the same bits; zeros add nothing to the weight gradient.
     */
    static final int MIN_SAMPLES = 8;

    /** {@code x} with copies of its first row to {@link #MIN_SAMPLES} rows, or x itself if it has that many. */
    private static double[][] padded(double[][] x) {
        if (x.length >= MIN_SAMPLES || x.length == 0) {
            return x;
        }
        double[][] out = Arrays.copyOf(x, MIN_SAMPLES);
        Arrays.fill(out, x.length, MIN_SAMPLES, x[0]);
        return out;
    }

    /** {@code upstream} with rows of zeros to {@link #MIN_SAMPLES} rows (as {@link #padded}). */
    private static double[][] paddedUpstream(double[][] upstream, int observables) {
        if (upstream.length >= MIN_SAMPLES || upstream.length == 0) {
            return upstream;
        }
        double[][] out = Arrays.copyOf(upstream, MIN_SAMPLES);
        for (int b = upstream.length; b < MIN_SAMPLES; b++) {
            out[b] = new double[observables];
        }
        return out;
    }

    /** The result for the first {@code samples} samples of a padded pass. */
    private static Result unpadded(Result r, int samples) {
        return r.expectations().length == samples ? r
                : new Result(Arrays.copyOf(r.expectations(), samples), r.weightGradient(), Arrays.copyOf(r.inputGradient(), samples));
    }

    private BatchSimulator() {
    }

    /** Expectations [sample][observable], weight gradient (summed over the batch), input gradients [sample][feature]. */
    public record Result(double[][] expectations, double[] weightGradient, double[][] inputGradient) {
    }

    /** Final states for inputs {@code x[sample][feature]} and weights {@code w}. */
    public static BatchState run(Circuit c, double[][] x, double[] w) {
        return run(c, x, w, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #run(Circuit, double[][], double[])} on at most {@code threads} threads (benchmarks compare 1 and 2). */
    public static BatchState run(Circuit c, double[][] x, double[] w, int threads) {
        check(c, x, w);
        if (x.length < MIN_SAMPLES) {
            return run(c, padded(x), w, threads).first(x.length);
        }
        int n = c.qubits(), batch = x.length;
        StateVector.requireMemory(n, batch);
        Step[] plan = fused(plan(c, w), n);
        int tiles = Math.min(Math.max(1, threads), tileCount(n, batch));
        int tileSize = (batch + tiles - 1) / tiles;
        tiles = (batch + tileSize - 1) / tileSize;
        Tile[] parts = new Tile[tiles];
        boolean real = allReal(plan);
        Tiles.run(tiles, t -> {
            int b0 = t * tileSize;
            parts[t] = Tile.zero(n, b0, Math.min(batch, b0 + tileSize) - b0, real);
            forward(plan, parts[t], x, w);
        });
        int[] from = new int[tiles];
        double[][][] re = new double[tiles][][], im = new double[tiles][][];
        for (int t = 0; t < tiles; t++) {
            from[t] = parts[t].b0;
            re[t] = parts[t].re;
            im[t] = parts[t].im;
        }
        return new BatchState(n, batch, from, re, im);
    }

    /**
     * Expectations [sample][observable] of a forward pass, without keeping the states: each
     * thread runs its share of the batch in chunks small enough for the core's cache
     * ({@link #chunk(int, int)}), measures each chunk and reuses its rows for the next. Same
     * gates and sums as {@code run(c, x, w).expectations(observables)}, sample by sample.
     */
    public static double[][] expectations(Circuit c, double[][] x, double[] w, List<PauliString> observables) {
        return expectations(c, x, w, observables, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #expectations(Circuit, double[][], double[], List)} on at most {@code threads} threads. */
    public static double[][] expectations(Circuit c, double[][] x, double[] w, List<PauliString> observables, int threads) {
        check(c, x, w);
        if (x.length < MIN_SAMPLES) {
            return Arrays.copyOf(expectations(c, padded(x), w, observables, threads), x.length);
        }
        int n = c.qubits(), batch = x.length;
        int chunk = chunk(n, batch);
        StateVector.requireMemory(n, (int) Math.min(batch, (long) chunk * Math.max(1, threads)));
        Step[] plan = fused(plan(c, w), n);
        double[][] out = new double[batch][observables.size()];
        int tiles = Math.min(Math.max(1, threads), tileCount(n, batch));
        int tileSize = (batch + tiles - 1) / tiles;
        tiles = (batch + tileSize - 1) / tileSize;
        int parts = tiles;
        boolean real = allReal(plan);
        Tiles.run(parts, part -> {
            int from = part * tileSize, to = Math.min(batch, from + tileSize);
            Tile t = Tile.zero(n, from, Math.min(chunk, to - from), real);
            for (int b0 = from; b0 < to; b0 += chunk) {
                t.reset(b0, Math.min(chunk, to - b0));
                forward(plan, t, x, w);
                BatchState.measure(t.re, t.im, n, t.len, observables, out, b0);
            }
        });
        return out;
    }

    /** Amplitude budget of one chunk: the state and adjoint rows of a chunk fit a core's L2 cache. */
    private static final int CHUNK_AMPLITUDES = Integer.getInteger("qanvas.batch.chunkAmplitudes", 1 << 12);

    /**
     * Samples per chunk for n qubits: as many as fit {@link #CHUNK_AMPLITUDES}, if that is at least
     * 64 (shorter sample loops cost more in loop overhead than the cache saves); else the whole
     * batch, so that wider circuits keep one tile per thread as before.
     */
    static int chunk(int n, int batch) {
        return chunk(n, batch, CHUNK_AMPLITUDES);
    }

    private static int chunk(int n, int batch, int budget) {
        int byCache = n >= 30 ? 0 : budget >> n;
        return Math.max(1, byCache >= 64 ? Math.min(batch, byCache) : batch);
    }

    /**
     * Forward pass plus adjoint backward pass: the vector-Jacobian product of
     * {@code sum_o upstream[b][o] <O_o>_b} with respect to the weights and each sample's inputs.
     */
    public static Result adjoint(Circuit c, double[][] x, double[] w, List<PauliString> observables, double[][] upstream) {
        return adjoint(c, x, w, observables, upstream, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #adjoint(Circuit, double[][], double[], List, double[][])} on at most {@code threads} threads. */
    public static Result adjoint(Circuit c, double[][] x, double[] w, List<PauliString> observables, double[][] upstream, int threads) {
        if (x.length > 0 && x.length < MIN_SAMPLES) {
            checkUpstream(x.length, upstream);
            return unpadded(adjoint(c, padded(x), w, observables, paddedUpstream(upstream, observables.size()), threads), x.length);
        }
        Pass pass = new Pass(c, x, w, observables, threads);
        pass.checkUpstream(upstream);
        double[][] gwPerTile = new double[pass.tiles][w.length];
        double[][] gx = pass.inputGradients();
        Tiles.run(pass.tiles, tile -> {
            // in cache-sized chunks, one after the other on this thread (the weight gradient adds up in its own slot)
            for (int c0 = pass.from(tile); c0 < pass.to(tile); c0 += pass.chunk) {
                Tile t = pass.forward(c0);
                pass.backward(t, upstream, gwPerTile[tile], gx);
            }
        });
        return new Result(pass.expectations, sum(gwPerTile, w.length), gx);
    }

    /**
     * A forward pass that keeps its states for the adjoint pass of the same inputs and weights
     * ({@link #adjoint(Forward, double[][])}), as training runs them: a layer's forward, then its
     * backward. The backward then skips the forward the plain {@link #adjoint} runs first; the
     * expectations and gradients are the same bits as that call's. Holds the whole batch's states
     * (the plain adjoint holds one cache-sized chunk per thread).
     */
    public static Forward forward(Circuit c, double[][] x, double[] w, List<PauliString> observables) {
        return forward(c, x, w, observables, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #forward(Circuit, double[][], double[], List)} on at most {@code threads} threads. */
    public static Forward forward(Circuit c, double[][] x, double[] w, List<PauliString> observables, int threads) {
        Pass pass = new Pass(c, padded(x), w, observables, threads);
        Tile[][] kept = new Tile[pass.tiles][];
        Tiles.run(pass.tiles, tile -> {
            int from = pass.from(tile), to = pass.to(tile);
            kept[tile] = new Tile[Math.max(0, to - from + pass.chunk - 1) / pass.chunk];
            for (int c0 = from, k = 0; c0 < to; c0 += pass.chunk, k++) {
                kept[tile][k] = pass.forward(c0);
            }
        });
        return new Forward(pass, kept, x);
    }

    /**
     * The adjoint pass from a kept forward: the expectations of {@link #forward} and the
     * vector-Jacobian product with {@code upstream}, as {@link #adjoint(Circuit, double[][], double[], List, double[][], int)}
     * computes them. Uses the kept states up: a forward serves one adjoint pass.
     */
    public static Result adjoint(Forward f, double[][] upstream) {
        Pass pass = f.pass;
        checkUpstream(f.x.length, upstream);
        double[][] padded = paddedUpstream(upstream, pass.observables.size());
        Tile[][] kept = f.take();
        double[][] gwPerTile = new double[pass.tiles][pass.w.length];
        double[][] gx = pass.inputGradients();
        Tiles.run(pass.tiles, tile -> {
            for (Tile t : kept[tile]) {
                pass.backward(t, padded, gwPerTile[tile], gx);
            }
        });
        return unpadded(new Result(pass.expectations, sum(gwPerTile, pass.w.length), gx), f.x.length);
    }

    /** A forward pass kept for one adjoint pass ({@link #forward}): its expectations, and what it ran on. */
    public static final class Forward {
        private final Pass pass;
        private Tile[][] kept;
        private final double[][] x; // the inputs as given (pass.x may be padded, MIN_SAMPLES)
        private final double[][] expectations;

        private Forward(Pass pass, Tile[][] kept, double[][] x) {
            this.pass = pass;
            this.kept = kept;
            this.x = x;
            this.expectations = pass.expectations.length == x.length ? pass.expectations : Arrays.copyOf(pass.expectations, x.length);
        }

        /** The expectations [sample][observable] (the array itself: not to be changed). */
        public double[][] expectations() { return expectations; }

        /** Whether this forward ran {@code c} on these inputs, weights (the same bits) and observables, and still holds its states. */
        public synchronized boolean matches(Circuit c, double[][] x, double[] w, List<PauliString> observables) {
            return kept != null && pass.circuit == c && pass.observables.equals(observables) && Arrays.equals(pass.w, w)
                    && Arrays.deepEquals(this.x, x);
        }

        private synchronized Tile[][] take() {
            if (kept == null) {
                throw new IllegalStateException("this forward pass's states were used by an adjoint pass already");
            }
            Tile[][] out = kept;
            kept = null;
            return out;
        }
    }

    private static void checkUpstream(int batch, double[][] upstream) {
        if (upstream.length != batch) {
            throw new IllegalArgumentException(batch + " samples but " + upstream.length + " upstream rows");
        }
    }

    private static double[] sum(double[][] perTile, int length) {
        double[] out = new double[length];
        for (double[] part : perTile) {
            for (int k = 0; k < length; k++) {
                out[k] += part[k];
            }
        }
        return out;
    }

    /**
     * What the forward and backward halves of an adjoint pass share: the plans, the tiles (one per
     * thread) and their cache-sized chunks, and the expectations the forward half measures.
     */
    private static final class Pass {
        final Circuit circuit;
        final double[][] x;
        final double[] w;
        final List<PauliString> observables;
        final int n;
        final int batch;
        final int tiles;
        final int tileSize;
        final int chunk;
        final Step[] plan;
        final Step[] forwardPlan;
        final int[][] pairs;
        final double[][] expectations;

        Pass(Circuit c, double[][] x, double[] w, List<PauliString> observables, int threads) {
            check(c, x, w);
            this.circuit = c;
            this.x = x;
            this.w = w;
            this.observables = observables;
            n = c.qubits();
            batch = x.length;
            StateVector.requireMemory(n, 2 * batch); // the states and their adjoints
            expectations = new double[batch][observables.size()];
            int t = Math.min(Math.max(1, threads), tileCount(n, batch));
            tileSize = (batch + t - 1) / t;
            tiles = t;
            chunk = chunk(n, batch);
            plan = plan(c, w);
            forwardPlan = fused(plan, n);
            pairs = pairs(plan, n);
        }

        int from(int tile) { return tile * tileSize; }

        int to(int tile) { return Math.min(batch, from(tile) + tileSize); }

        double[][] inputGradients() { return new double[batch][x.length == 0 ? 0 : x[0].length]; }

        void checkUpstream(double[][] upstream) {
            BatchSimulator.checkUpstream(batch, upstream);
        }

        /** The chunk of samples from {@code c0} (to its tile's end at most) run forward and measured. */
        Tile forward(int c0) {
            int len = Math.min(chunk, to(c0 / tileSize) - c0);
            Tile t = Tile.zero(n, c0, len);
            BatchSimulator.forward(forwardPlan, t, x, w);
            BatchState.measure(t.re, t.im, n, len, observables, expectations, c0);
            return t;
        }

        void backward(Tile t, double[][] upstream, double[] gw, double[][] gx) {
            BatchSimulator.backward(plan, pairs, t, x, w, observables, upstream, gw, gx);
        }
    }

    /**
     * One operation prepared for a run: qubit masks, the angle sources as plain arrays, and, for
     * operations whose angles do not read inputs, the matrix, its inverse and its derivatives
     * computed once per run instead of once per sample and tile.
     */
    private static final class Step {
        final Operation op;       // null for a fused step
        final int qubits;         // 1 or 2 target qubits
        final int target0;
        final int target1;
        final Gate.Kind kind;
        final int cmask;
        final boolean perSample;
        final int entries;
        final int[] source;    // per angle: 0 constant, 1 weight, 2 input, 3 product of inputs
        final Angle.Product[] products; // per angle, the product for source 3, else null
        final int[] index;     // weight index or input index
        final double[] value;  // constant value or input scale
        final double[] matrix;
        final double[] inverse;
        final double[][] derivatives; // per angle, null for constants
        // For a one-qubit gate with one angle from a weight, or from an input if it is the same at every
        // angle (RY: -i Y / 2): U^-1 D (D its derivative), so that the real adjoint pass reads the
        // gradient off the states before the gate, in the loop that undoes it.
        final double[] generator;
        // For a one-angle gate fed by an input (or a product of inputs) with a trigonometric form
        // (RX, RY, RZ, RXX, ...): both ends, so a sample's matrix costs a cosine and a sine, not a gate call.
        final TrigForm trig;
        // For a run of fixed diagonal gates multiplied into one: the phase of each basis state (else null).
        final double[] phaseRe;
        final double[] phaseIm;
        final boolean realPhases; // every phase +1 or -1 (Z, CZ, ...): real amplitudes stay real

        Step(Circuit c, Operation op, double[] w) {
            this.op = op;
            this.qubits = op.gate().qubits();
            this.target0 = op.targets().get(0);
            this.target1 = qubits == 2 ? op.targets().get(1) : -1;
            this.kind = op.gate().kind();
            this.cmask = op.controlMask();
            this.entries = op.gate().qubits() == 1 ? 8 : 32;
            int k = op.angles().size();
            source = new int[k];
            index = new int[k];
            value = new double[k];
            products = new Angle.Product[k];
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
                } else if (a instanceof Angle.Product pr) {
                    source[p] = 3;
                    products[p] = pr;
                    readsInput = true;
                }
            }
            perSample = readsInput;
            phaseRe = phaseIm = null;
            realPhases = false;
            if (perSample) {
                matrix = inverse = null;
                derivatives = null;
                trig = k == 1 && (source[0] == 2 || source[0] == 3) ? TRIG_FORMS.get(op.gate()) : null;
                generator = trig != null && qubits == 1 ? constantGenerator(op.gate()) : null;
            } else {
                trig = null;
                double[] angles = angles(null, w);
                matrix = op.gate().matrix(angles);
                inverse = Kernels.dagger(matrix);
                derivatives = new double[k][];
                for (int p = 0; p < k; p++) {
                    derivatives[p] = source[p] == 0 ? null : op.gate().derivative(p, angles);
                }
                generator = k == 1 && source[0] != 0 && qubits == 1 ? Kernels.multiply(inverse, derivatives[0]) : null;
            }
        }

        /** A forward-only step: {@code matrix} on one uncontrolled wire (the product of a run of gates there). */
        Step(int target, double[] matrix, Gate.Kind kind) {
            this.op = null;
            this.qubits = 1;
            this.target0 = target;
            this.target1 = -1;
            this.kind = kind;
            this.cmask = 0;
            this.perSample = false;
            this.entries = 8;
            this.source = new int[0];
            this.index = new int[0];
            this.value = new double[0];
            this.products = new Angle.Product[0];
            this.matrix = matrix;
            this.inverse = null;
            this.derivatives = null;
            this.generator = null;
            this.trig = null;
            this.phaseRe = this.phaseIm = null;
            this.realPhases = false;
        }

        /**
         * A forward-only step: the product of a run of fixed diagonal gates (any wires, any
         * controls; they commute), as one phase per basis state, so the run costs one pass.
         */
        Step(int n, List<Step> run) {
            this.op = null;
            this.qubits = 0;
            this.target0 = this.target1 = -1;
            this.kind = Gate.Kind.DIAGONAL;
            this.cmask = 0;
            this.perSample = false;
            this.entries = 0;
            this.source = new int[0];
            this.index = new int[0];
            this.value = new double[0];
            this.products = new Angle.Product[0];
            this.matrix = this.inverse = null;
            this.derivatives = null;
            this.generator = null;
            this.trig = null;
            phaseRe = new double[1 << n];
            phaseIm = new double[1 << n];
            java.util.Arrays.fill(phaseRe, 1);
            for (Step step : run) {
                for (int idx = 0; idx < 1 << n; idx++) {
                    if ((idx & step.cmask) != step.cmask) {
                        continue;
                    }
                    int c = (idx >> step.target0 & 1) | (step.qubits == 2 ? (idx >> step.target1 & 1) << 1 : 0);
                    int e = step.qubits == 1 ? 6 * c : 10 * c; // the diagonal entry (c, c), interleaved
                    double dr = step.matrix[e], di = step.matrix[e + 1], pr = phaseRe[idx], pi = phaseIm[idx];
                    phaseRe[idx] = dr * pr - di * pi;
                    phaseIm[idx] = dr * pi + di * pr;
                }
            }
            realPhases = java.util.Arrays.stream(phaseIm).allMatch(v -> v == 0);
        }

        /**
         * Fills {@code m[entry][b]} for the tile's samples with this one-angle input gate's matrix
         * (its inverse when {@code dagger}), or with its derivative by the angle when {@code derivative},
         * from its {@link TrigForm}: a cosine and a sine per sample, no matrix allocated per sample.
         */
        void trigMatrices(Tile t, double[][] x, boolean dagger, boolean derivative, double[][] m) {
            double[] c = t.cos, s = t.sin;
            double f = trig.frequency();
            if (source[0] == 2) {
                int input = index[0];
                double scaled = f * value[0];
                for (int b = 0; b < t.len; b++) {
                    double h = scaled * x[t.b0 + b][input];
                    c[b] = Math.cos(h);
                    s[b] = Math.sin(h);
                }
            } else {
                for (int b = 0; b < t.len; b++) {
                    double h = f * products[0].value(x[t.b0 + b], null, null);
                    c[b] = Math.cos(h);
                    s[b] = Math.sin(h);
                }
            }
            for (int e = 0; e < entries; e++) {
                // the (r, c) entry of M^dagger is the conjugate of M's (c, r) entry
                int from = dagger ? transposed(e) : e;
                double sign = dagger && (e & 1) == 1 ? -1 : 1;
                double k = sign * trig.constant()[from], a = sign * trig.cos()[from], p = sign * trig.sin()[from];
                double[] row = m[e];
                if (derivative) { // d/dt [C + cos(f t) A + sin(f t) P] = f (cos(f t) P - sin(f t) A)
                    for (int b = 0; b < t.len; b++) {
                        row[b] = f * (c[b] * p - s[b] * a);
                    }
                } else {
                    for (int b = 0; b < t.len; b++) {
                        row[b] = k + c[b] * a + s[b] * p;
                    }
                }
            }
        }

        /** The interleaved index of the transposed entry (same real/imaginary part). */
        private int transposed(int e) {
            int d = qubits == 1 ? 2 : 4;
            int cell = e >> 1, r = cell / d, col = cell % d;
            return 2 * (col * d + r) + (e & 1);
        }

        /** Whether it keeps real amplitudes real, with a kernel for real parts only: X, SWAP, and one-qubit REAL gates (RY, H, RY(x)). */
        boolean real() {
            if (phaseRe != null) {
                return realPhases;
            }
            return kind == Gate.Kind.PERMUTATION
                    || kind == Gate.Kind.REAL && qubits == 1 && (!perSample || trig != null);
        }

        /** U(t)^-1 D(t) of a one-angle one-qubit gate if it does not depend on t (checked at two angles), else null. */
        private static double[] constantGenerator(Gate g) {
            double[] at = null;
            for (double t : new double[] {0.7, -2.3}) {
                double[] m = Kernels.multiply(Kernels.dagger(g.matrix(new double[] {t})), g.derivative(0, new double[] {t}));
                if (at != null) {
                    for (int e = 0; e < m.length; e++) {
                        if (Math.abs(m[e] - at[e]) > 1e-14) {
                            return null;
                        }
                    }
                }
                at = m;
            }
            return at;
        }

        /** Whether U^-1 D is [[0, -h], [h, 0]] (RY), for which the real adjoint kernels read gradients over h. */
        boolean rotation() {
            double[] g = generator;
            return g != null && BatchKernels.isRotationGenerator(g[0], g[2], g[4], g[6]);
        }

        /** Whether an angle reads a weight or an input, so the adjoint pass reads a gradient here. */
        boolean differentiated() {
            for (int s : source) {
                if (s != 0) {
                    return true;
                }
            }
            return false;
        }

        /** Whether it is a fixed gate on one wire without controls, which a neighbour on that wire can absorb. */
        boolean fusible() {
            return !perSample && qubits == 1 && cmask == 0;
        }

        /** Adds {@code g} (d loss / d angle p) times d angle / d input to one sample's input gradient {@code gx}. */
        void addInputGradient(int p, double[] x, double g, double[] gx) {
            if (source[p] == 2) {
                gx[index[p]] += value[p] * g;
            } else {
                Angle.Product pr = products[p];
                for (int k = 0; k < pr.indices().size(); k++) {
                    gx[pr.indices().get(k)] += pr.derivative(k, x) * g;
                }
            }
        }

        double[] angles(double[] x, double[] w) {
            double[] a = new double[source.length];
            for (int p = 0; p < a.length; p++) {
                a[p] = switch (source[p]) {
                    case 0 -> value[p];
                    case 1 -> w[index[p]];
                    case 2 -> value[p] * x[index[p]];
                    default -> products[p].value(x, w, null);
                };
            }
            return a;
        }
    }

    private static Step[] plan(Circuit c, double[] w) {
        c.requireUnitary("the batch simulator");
        List<Operation> ops = c.operations();
        Step[] steps = new Step[ops.size()];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = new Step(c, ops.get(k), w);
        }
        return steps;
    }

    /**
     * The plan with each run of fixed one-qubit gates on one wire multiplied into one matrix (gates
     * on other wires between them commute with them), for forward passes only: the backward pass
     * needs every gate on its own.
     */
    private static Step[] fused(Step[] plan, int n) {
        List<Step> out = new ArrayList<>();
        java.util.Map<Integer, Integer> open = new java.util.HashMap<>(); // wire -> index in out of its fusible step
        for (Step step : plan) {
            if (step.fusible()) {
                Integer at = open.get(step.target0);
                if (at != null) {
                    Step before = out.get(at);
                    out.set(at, new Step(step.target0, Kernels.multiply(step.matrix, before.matrix), fusedKind(before.kind, step.kind)));
                } else {
                    open.put(step.target0, out.size());
                    out.add(step);
                }
                continue;
            }
            open.remove(step.target0);
            if (step.target1 >= 0) {
                open.remove(step.target1);
            }
            for (int q = 0; q < 32; q++) {
                if ((step.cmask >> q & 1) == 1) {
                    open.remove(q);
                }
            }
            out.add(step);
        }
        return diagonalRunsFused(out, n);
    }

    /** Each run of two or more fixed diagonal steps in a row, replaced by one {@link Step#Step(int, List)}. */
    private static Step[] diagonalRunsFused(List<Step> steps, int n) {
        List<Step> out = new ArrayList<>();
        List<Step> run = new ArrayList<>();
        for (int k = 0; k <= steps.size(); k++) {
            Step step = k < steps.size() ? steps.get(k) : null;
            if (step != null && !step.perSample && step.kind == Gate.Kind.DIAGONAL && step.qubits > 0) {
                run.add(step);
                continue;
            }
            if (run.size() >= 2) {
                out.add(new Step(n, run));
            } else {
                out.addAll(run);
            }
            run.clear();
            if (step != null) {
                out.add(step);
            }
        }
        return out.toArray(Step[]::new);
    }

    private static Gate.Kind fusedKind(Gate.Kind a, Gate.Kind b) {
        if (a == b && a != Gate.Kind.PERMUTATION) {
            return a; // diagonal x diagonal, real x real
        }
        boolean real = a != Gate.Kind.GENERAL && a != Gate.Kind.DIAGONAL && b != Gate.Kind.GENERAL && b != Gate.Kind.DIAGONAL;
        return real ? Gate.Kind.REAL : Gate.Kind.GENERAL; // X x X is the identity, but as a REAL matrix it stays correct
    }

    /**
     * Samples [b0, b0 + len) in rows of their own: amplitude {@code idx} of the tile's sample
     * {@code b} is {@code re[idx][b]}. Owning its rows lets a tile apply X, CNOT, SWAP and
     * Toffoli by exchanging row references instead of moving amplitudes.
     */
    private static final class Tile {
        final int n;
        int b0;
        int len;
        final double[][] re;
        final double[][] im;
        private double[][] matrices; // per-sample matrix entries [entry][b], reused across steps
        final double[] cos;
        final double[] sin;

        Tile(int n, int b0, int len, double[][] re, double[][] im) {
            this.n = n;
            this.b0 = b0;
            this.len = len;
            this.re = re;
            this.im = im;
            this.cos = new double[len];
            this.sin = new double[len];
        }

        static Tile zero(int n, int b0, int len) {
            return zero(n, b0, len, false);
        }

        /**
         * {@link #zero(int, int, int)}; when {@code realPlan} (every step real, {@link #allReal}), the
         * imaginary rows stay zero and are only read, so all of them are one shared row of zeros:
         * half the allocation (a 128-sample tile at n = 8 took 28 us to allocate its 512 KiB).
         */
        static Tile zero(int n, int b0, int len, boolean realPlan) {
            try {
                double[][] re = new double[1 << n][len], im;
                if (realPlan) {
                    im = new double[1 << n][];
                    Arrays.fill(im, new double[len]);
                } else {
                    im = new double[1 << n][len];
                }
                java.util.Arrays.fill(re[0], 1); // every sample starts in |0...0>
                return new Tile(n, b0, len, re, im);
            } catch (OutOfMemoryError e) {
                // Passed the check against the heap's ceiling, but too much else is live.
                throw new IllegalArgumentException(Memory.tooLarge(Memory.stateBytes(n, len), StateVector.what(n, len)), e);
            }
        }

        /** Starts samples [b0, b0 + len) (len at most the rows' length) over from |0...0>. */
        void reset(int b0, int len) {
            if (len > re[0].length) {
                throw new IllegalArgumentException(len + " samples in a tile of " + re[0].length);
            }
            this.b0 = b0;
            this.len = len;
            for (int idx = 0; idx < re.length; idx++) {
                java.util.Arrays.fill(re[idx], 0, len, idx == 0 ? 1 : 0);
                java.util.Arrays.fill(im[idx], 0, len, 0);
            }
        }

        double[][] matrices(int entries) {
            if (matrices == null || matrices.length < entries) {
                matrices = new double[entries][len];
            }
            return matrices;
        }
    }

    /**
     * Runs the plan on the tile. While every gate so far is real (RY, H, X, CNOT, SWAP, ... as in
     * most QML circuits), the amplitudes stay real, so only their real parts are updated: the
     * imaginary rows stay zero until the first complex gate.
     */
    private static void forward(Step[] plan, Tile t, double[][] x, double[] w) {
        // From |0...0>, a leading run of real one-qubit gates on fresh wires (the input encoding)
        // builds a product state: only amplitudes on the wires touched so far can be non-zero,
        // so each gate maps those rows alone and skips the pairs that are zero on both sides.
        int touched = 0;
        int start = 0;
        for (int prefix = productPrefix(plan); start < prefix; start++) {
            Step step = plan[start];
            if (step.perSample) {
                double[][] m = t.matrices(step.entries);
                step.trigMatrices(t, x, false, false, m);
                BatchKernels.fromZero(t.re, t.len, step.target0, touched, m[0], m[4]);
            } else {
                BatchKernels.fromZero(t.re, t.len, step.target0, touched, step.matrix[0], step.matrix[4]);
            }
            touched |= 1 << step.target0;
        }
        boolean real = true;
        for (int k = start; k < plan.length; k++) {
            Step step = plan[k];
            real = real && step.real();
            int last;
            if (real && Vectors.ENABLED && (last = appliedAsGroup(plan, k, t)) > k) {
                k = last;
            } else if (real) {
                applyReal(step, t, x);
            } else {
                apply(step, t, t.re, t.im, x, w, false);
            }
        }
    }

    /**
     * The most real gates one sweep applies or undoes ({@link VectorBatchKernels#rotateThree},
     * {@link VectorBatchKernels#undoRotations}); 1 turns grouping off, to compare
     * ({@code -Dqanvas.batch.group=1}). Four would hold 16 rows in registers in the forward, and
     * 32 in the adjoint's sweep, whose three gates hold 16 (its unscaled form spilled and ran
     * 1.6x slower than two-gate sweeps; docs/benchmarks.md).
     */
    private static final int GROUP = Math.max(1, Math.min(3, Integer.getInteger("qanvas.batch.group", 3)));

    /**
     * Applies step k, a real gate shared by all samples ({@link #sharedReal}), with the next one or
     * two such gates on other wires in one sweep of the rows ({@link VectorBatchKernels}), if there
     * are any before a step of another kind, and returns the last step applied; or returns -1 and
     * applies nothing. Permutations between them that touch none of the wires of the group's
     * earlier gates commute with those gates, so their row exchanges run first: in a layer of
     * trainable RY with CNOTs between (the bench's circuit, many QML ansatzes), the rotations
     * still group. Each amplitude goes through the same expressions in the same order, so the
     * state is the same to the bit as the steps one by one.
     */
    private static int appliedAsGroup(Step[] plan, int k, Tile t) {
        if (!sharedReal(plan[k])) {
            return -1;
        }
        int[] members = {k, -1, -1};
        int count = 1, wires = 1 << plan[k].target0;
        for (int j = k + 1; j < plan.length && count < GROUP; j++) {
            Step s = plan[j];
            if (sharedReal(s) && (wires >> s.target0 & 1) == 0) {
                members[count++] = j;
                wires |= 1 << s.target0;
            } else if (!(rowExchange(s) && (wiresOf(s) & wires) == 0)) {
                break;
            }
        }
        if (count < 2) {
            return -1;
        }
        int last = members[count - 1];
        for (int j = k + 1; j < last; j++) {
            if (rowExchange(plan[j])) {
                swapRowReferences(plan[j], t.re, t.im, t.n);
            }
        }
        Step a = plan[members[0]], b = plan[members[1]];
        if (count == 2) {
            VectorBatchKernels.rotateTwo(t.re, t.n, t.len, a.target0, a.matrix, b.target0, b.matrix);
        } else {
            Step c = plan[members[2]];
            VectorBatchKernels.rotateThree(t.re, t.n, t.len, a.target0, a.matrix, b.target0, b.matrix, c.target0, c.matrix);
        }
        return last;
    }

    /** A real one-qubit gate without controls whose matrix all samples share (trainable or fixed RY, H, ...). */
    private static boolean sharedReal(Step step) {
        return step.kind == Gate.Kind.REAL && step.qubits == 1 && step.cmask == 0 && !step.perSample && step.phaseRe == null;
    }

    /** A permutation (X, CNOT, Toffoli, SWAP): its step exchanges row references ({@link #swapRowReferences}). */
    private static boolean rowExchange(Step step) {
        return step.kind == Gate.Kind.PERMUTATION;
    }

    /** The wires a step reads or writes: its targets and controls. */
    private static int wiresOf(Step step) {
        return step.cmask | 1 << step.target0 | (step.qubits == 2 ? 1 << step.target1 : 0);
    }

    /** Whether every step keeps real amplitudes real, so that {@link #forward} never writes an imaginary row. */
    private static boolean allReal(Step[] plan) {
        for (Step step : plan) {
            if (!step.real()) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many steps at the start of the plan build a product state from |0...0>: real one-qubit
     * gates without controls, each on a wire no step before it touched. Before each of them, only
     * the amplitudes on the wires of the steps before it can be non-zero.
     */
    private static int productPrefix(Step[] plan) {
        int touched = 0;
        for (int k = 0; k < plan.length; k++) {
            Step step = plan[k];
            if (step.qubits != 1 || step.cmask != 0 || step.kind != Gate.Kind.REAL || !step.real()
                    || (touched >> step.target0 & 1) == 1) {
                return k;
            }
            touched |= 1 << step.target0;
        }
        return plan.length;
    }

    /** {@link #apply} for a real gate on real amplitudes: the real rows only. */
    private static void applyReal(Step step, Tile t, double[][] x) {
        if (step.phaseRe != null) { // signs only
            for (int idx = 0; idx < t.re.length; idx++) {
                if (step.phaseRe[idx] != 1) {
                    double sign = step.phaseRe[idx];
                    double[] row = t.re[idx];
                    for (int b = 0; b < t.len; b++) {
                        row[b] *= sign;
                    }
                }
            }
        } else if (step.kind == Gate.Kind.PERMUTATION) {
            swapRowReferences(step, t.re, t.im, t.n);
        } else if (step.perSample) {
            double[][] m = t.matrices(step.entries);
            step.trigMatrices(t, x, false, false, m);
            BatchKernels.realOnly1(t.re, t.n, 0, t.len, step.target0, step.cmask, m[0], m[2], m[4], m[6]);
        } else {
            double[] m = step.matrix;
            BatchKernels.realOnly1(t.re, t.n, 0, t.len, step.target0, step.cmask, m[0], m[2], m[4], m[6]);
        }
    }

    /** The adjoint pass over one chunk run forward ({@link Pass#forward}): adds its gradients to {@code gw} and {@code gx}. */
    private static void backward(Step[] plan, int[][] pairs, Tile t, double[][] x, double[] w, List<PauliString> observables,
                                 double[][] upstream, double[] gw, double[][] gx) {
        int n = t.n, len = t.len, b0 = t.b0;
        boolean real = real(plan, observables);
        // Real with Z-type observables only: the adjoint's imaginary rows would stay zero and unread, and
        // so would the state's, which hold the adjoint then (zero already; measured; seeding reads only re).
        boolean zOnly = real && observables.stream().allMatch(p -> p.xMask() == 0);
        double[][] lr = zOnly ? t.im : new double[1 << n][len], li = zOnly ? null : new double[1 << n][len];
        BatchState.seedAdjoint(t.re, t.im, n, len, observables, upstream, b0, real, lr, li);
        double[] dTheta = new double[len];
        if (real) {
            backwardReal(plan, pairs, t, lr, x, gw, gx, dTheta);
            return;
        }
        double[][] d = new double[32][len];
        for (int k = plan.length - 1; k >= 0; k--) {
            Step step = plan[k];
            apply(step, t, t.re, t.im, x, w, true);
            for (int p = 0; p < step.source.length; p++) {
                if (step.source[p] == 0) {
                    continue;
                }
                if (step.trig != null) {
                    step.trigMatrices(t, x, false, true, d);
                } else if (step.perSample) {
                    for (int b = 0; b < len; b++) {
                        double[] db = step.op.gate().derivative(p, step.angles(x[b0 + b], w));
                        for (int e = 0; e < step.entries; e++) {
                            d[e][b] = db[e];
                        }
                    }
                } else {
                    for (int e = 0; e < step.entries; e++) {
                        java.util.Arrays.fill(d[e], step.derivatives[p][e]);
                    }
                }
                java.util.Arrays.fill(dTheta, 0);
                BatchKernels.sandwichReal(lr, li, t.re, t.im, n, 0, len, step.op, d, dTheta);
                for (int b = 0; b < len; b++) {
                    double g = 2 * dTheta[b];
                    if (step.source[p] == 1) {
                        gw[step.index[p]] += g;
                    } else {
                        step.addInputGradient(p, x[b0 + b], g, gx[b0 + b]);
                    }
                }
            }
            apply(step, t, lr, li, x, w, true);
        }
    }

    /** Each one-qubit step's pairs of rows ({@link BatchKernels#pairs}), one array per wire and controls; null for the others. */
    private static int[][] pairs(Step[] plan, int n) {
        java.util.Map<Long, int[]> shared = new java.util.HashMap<>();
        int[][] out = new int[plan.length][];
        for (int k = 0; k < plan.length; k++) {
            Step step = plan[k];
            if (step.qubits == 1 && step.kind != Gate.Kind.PERMUTATION) {
                out[k] = shared.computeIfAbsent((long) step.cmask << 5 | step.target0, key -> BatchKernels.pairs(n, step.target0, step.cmask));
            }
        }
        return out;
    }

    /** Whether states and adjoints stay real: every gate real and every observable a real matrix (an even number of Y). */
    private static boolean real(Step[] plan, List<PauliString> observables) {
        if (!allReal(plan)) {
            return false;
        }
        for (Step step : plan) {
            if (step.source.length > 1) {
                return false;
            }
        }
        for (PauliString p : observables) {
            if ((p.yCount() & 1) == 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The backward pass when everything is real ({@link #real(Step[], List)}): the imaginary
     * rows of the state and of the adjoint are zero throughout, so only real parts are updated.
     * It stops after the first step with an angle to differentiate (nothing before it is read),
     * and within the product-state prefix ({@link #productPrefix}) it touches only the rows that
     * can be non-zero there, as the forward pass does: those steps cost about one gate in all.
     * {@code pairs[k]} are step k's pairs of rows ({@link BatchKernels#pairs}), null for permutations.
     */
    private static void backwardReal(Step[] plan, int[][] pairs, Tile t, double[][] lr, double[][] x, double[] gw, double[][] gx,
                                     double[] dTheta) {
        int n = t.n, len = t.len;
        double[][] inverse = new double[8][len], d = new double[8][len];
        int prefix = productPrefix(plan), first = 0;
        while (first < plan.length && !plan[first].differentiated()) {
            first++;
        }
        int[] touchedBefore = new int[prefix];
        for (int k = 1; k < prefix; k++) {
            touchedBefore[k] = touchedBefore[k - 1] | 1 << plan[k - 1].target0;
        }
        // the scaled sweeps (VectorBatchKernels.undoRotations) leave psi and lambda divided by the cosines
        // of the gates they undid: the true states are scale times the rows, and a gradient read scale^2 times
        double scale = 1;
        double[][] groupTheta = Vectors.ENABLED ? new double[3][len] : null;
        int[] group = new int[3];
        for (int k = plan.length - 1; k >= first; k--) {
            Step step = plan[k];
            int size = groupTheta != null ? sweepGroup(plan, k, Math.max(prefix, first), group) : 1;
            if (size > 1) {
                int split = exchangeSplit(plan, group, size);
                for (int g = 0; g < split; g++) {
                    exchangeRows(plan, group[g + 1], group[g], t.re, lr, n);
                }
                for (int g = 0; g < size; g++) {
                    java.util.Arrays.fill(groupTheta[g], 0);
                }
                Step a = plan[group[0]], b = plan[group[1]];
                if (size == 2) {
                    VectorBatchKernels.undoRotations(t.re, lr, n, len, a.target0, tangent(a), groupTheta[0],
                            b.target0, tangent(b), groupTheta[1]);
                } else {
                    Step c = plan[group[2]];
                    VectorBatchKernels.undoRotations(t.re, lr, n, len, a.target0, tangent(a), groupTheta[0],
                            b.target0, tangent(b), groupTheta[1], c.target0, tangent(c), groupTheta[2]);
                }
                for (int g = split; g < size - 1; g++) {
                    exchangeRows(plan, group[g + 1], group[g], t.re, lr, n);
                }
                double readAt = scale * scale; // all read where the sweep starts
                for (int g = 0; g < size; g++) {
                    addGradient(plan[group[g]], t, x, groupTheta[g], readAt, gw, gx);
                    scale *= plan[group[g]].inverse[0];
                }
                if (Math.abs(scale) < RESCALE_BELOW) { // the rows at most 1e30 times the true ones wherever a gradient is read
                    rescale(t.re, lr, scale);
                    scale = 1;
                }
                k = group[size - 1];
                continue;
            }
            if (step.kind == Gate.Kind.PERMUTATION) { // its own inverse
                swapRowReferences(step, t.re, null, n); // the state's imaginary rows are zero, or hold lambda
                swapRowReferences(step, lr, null, n);
                continue;
            }
            java.util.Arrays.fill(dTheta, 0);
            int[] rows = k < prefix ? BatchKernels.pairsWithin(touchedBefore[k]) : pairs[k];
            int tb = 1 << step.target0;
            if (step.perSample) {
                step.trigMatrices(t, x, true, false, inverse);
                if (step.rotation()) { // the gradient from the undone rows: no derivative matrices
                    BatchKernels.adjointRotation(t.re, lr, rows, tb, len, inverse, dTheta);
                } else {
                    step.trigMatrices(t, x, false, true, d);
                    BatchKernels.adjointRealOnly1(t.re, lr, rows, tb, len, inverse, d, dTheta);
                }
            } else {
                BatchKernels.adjointRealOnly1(t.re, lr, rows, tb, len, step.inverse, step.generator, dTheta);
            }
            addGradient(step, t, x, dTheta, scale * scale, gw, gx);
        }
    }

    /**
     * Below this, the scaled rows are multiplied back to the true states after a sweep: an extra
     * pass about every hundred rotations at random angles. Where gradients are read, the rows are
     * then at most 1e30 times the true ones (1e54 inside a sweep: three cosines of at least 1e-8),
     * so the products psi lambda overflow only for adjoints above about 1e248 (1e308 unscaled).
     */
    private static final double RESCALE_BELOW = 1e-30;

    /**
     * Whether the real adjoint pass can undo a step in a scaled sweep ({@link VectorBatchKernels#undoRotations}):
     * a rotation with a weight (shared by the samples), without controls, as trainable RY, whose
     * inverse is {@code [[c, s], [-s, c]]} with c not near zero (c = 0 at an angle of pi: the
     * one-gate kernel undoes it).
     */
    private static boolean scaledSweepable(Step step) {
        if (!sharedRotation(step)) {
            return false;
        }
        double[] u = step.inverse;
        return u[0] == u[6] && u[2] == -u[4] && Math.abs(u[0]) >= 1e-8;
    }

    /** {@code t = s / c} of a {@link #scaledSweepable} step: its inverse over c is {@code [[1, t], [-t, 1]]}. */
    private static double tangent(Step step) {
        return step.inverse[2] / step.inverse[0];
    }

    /** Multiplies psi's and lambda's rows by {@code scale}: the true states again. */
    private static void rescale(double[][] psi, double[][] lambda, double scale) {
        for (double[][] rows : new double[][][] {psi, lambda}) {
            for (double[] row : rows) {
                for (int b = 0; b < row.length; b++) {
                    row[b] *= scale;
                }
            }
        }
    }

    /**
     * The steps the real adjoint pass undoes in one sweep with step k: {@code group[0] = k} and
     * the nearest earlier {@link #scaledSweepable} steps on other wires, down to step
     * {@code lowest}, at most {@link #GROUP}, past permutations (row exchanges) that can run
     * before or after the sweep ({@link #exchangeSplit}). Returns how many (1: step k alone).
     */
    private static int sweepGroup(Step[] plan, int k, int lowest, int[] group) {
        if (!scaledSweepable(plan[k])) {
            return 1;
        }
        group[0] = k;
        int size = 1, wires = 1 << plan[k].target0;
        for (int j = k - 1; j >= lowest && size < GROUP; j--) {
            Step s = plan[j];
            if (rowExchange(s)) {
                continue;
            }
            if (!scaledSweepable(s) || (wires & 1 << s.target0) != 0) {
                break;
            }
            group[size] = j;
            if (exchangeSplit(plan, group, size + 1) < 0) {
                break;
            }
            size++;
            wires |= 1 << s.target0;
        }
        return size;
    }

    /**
     * How many of the gaps between a group's steps (gap g: the permutations between
     * {@code group[g + 1]} and {@code group[g]}) have their row exchanges run before the sweep;
     * the rest run after it. An exchange moved before the sweep must commute with the group's
     * gates undone before it in the circuit's reverse order (leave their wires alone), one moved
     * after with those undone after it. The gradients, read from psi and lambda exchanged alike
     * where the sweep starts, are then the same sums. -1 if no split works.
     */
    private static int exchangeSplit(Step[] plan, int[] group, int size) {
        for (int split = 0; split < size; split++) {
            boolean commute = true;
            for (int g = 0; g < size - 1 && commute; g++) {
                int gap = wiresBetween(plan, group[g + 1], group[g]), passed = 0;
                for (int h = g < split ? 0 : g + 1; h < (g < split ? g + 1 : size); h++) {
                    passed |= 1 << plan[group[h]].target0;
                }
                commute = (gap & passed) == 0;
            }
            if (commute) {
                return split;
            }
        }
        return -1;
    }

    /** The wires of the steps strictly between {@code from} and {@code to}. */
    private static int wiresBetween(Step[] plan, int from, int to) {
        int wires = 0;
        for (int p = from + 1; p < to; p++) {
            wires |= wiresOf(plan[p]);
        }
        return wires;
    }

    /** Undoes the permutations strictly between {@code from} and {@code to}, latest first, on psi and lambda. */
    private static void exchangeRows(Step[] plan, int from, int to, double[][] psi, double[][] lambda, int n) {
        for (int p = to - 1; p > from; p--) {
            swapRowReferences(plan[p], psi, null, n); // the state's imaginary rows are zero, or hold lambda
            swapRowReferences(plan[p], lambda, null, n);
        }
    }

    private static boolean sharedRotation(Step step) {
        return sharedReal(step) && step.rotation();
    }

    /**
     * Adds a real step's gradient, {@code dTheta[b]} from {@link BatchKernels#adjointRealOnly1}
     * (over h for a rotation), times {@code factor} (the square of the scale the rows carry,
     * {@link #backwardReal}), to the weight it reads or to each sample's inputs; nothing for a fixed step.
     */
    private static void addGradient(Step step, Tile t, double[][] x, double[] dTheta, double factor, double[] gw, double[][] gx) {
        if (!step.differentiated()) {
            return;
        }
        double scale = (step.rotation() ? 2 * step.generator[4] : 2) * factor;
        for (int b = 0; b < t.len; b++) {
            double v = scale * dTheta[b];
            if (step.source[0] == 1) {
                gw[step.index[0]] += v;
            } else {
                step.addInputGradient(0, x[t.b0 + b], v, gx[t.b0 + b]);
            }
        }
    }

    /** Applies one prepared operation (or its inverse) to the rows {@code re, im} of tile {@code t}. */
    private static void apply(Step step, Tile t, double[][] re, double[][] im, double[][] x, double[] w, boolean dagger) {
        int n = t.n, len = t.len;
        if (step.phaseRe != null) { // forward only (fused plans are not run backwards)
            for (int idx = 0; idx < re.length; idx++) {
                if (step.phaseRe[idx] != 1 || step.phaseIm[idx] != 0) {
                    BatchKernels.phase(re[idx], im[idx], 0, len, step.phaseRe[idx], step.phaseIm[idx]);
                }
            }
            return;
        }
        if (!step.perSample) {
            if (step.kind == Gate.Kind.PERMUTATION) {
                swapRowReferences(step, re, im, n); // X and SWAP are their own inverses
            } else if (step.qubits == 1) {
                BatchKernels.shared1(re, im, n, 0, len, step.target0, step.cmask, step.kind, dagger ? step.inverse : step.matrix);
            } else {
                BatchKernels.twoQubit(re, im, n, 0, len, step.target0, step.target1, step.cmask, dagger ? step.inverse : step.matrix, null);
            }
            return;
        }
        double[][] m = t.matrices(step.entries);
        if (step.trig != null) {
            step.trigMatrices(t, x, dagger, false, m);
            if (step.qubits == 1 && step.kind == Gate.Kind.REAL) {
                BatchKernels.perSampleReal1(re, im, n, 0, len, step.target0, step.cmask, m);
                return;
            }
        } else {
            for (int b = 0; b < len; b++) {
                double[] mb = step.op.gate().matrix(step.angles(x[t.b0 + b], w));
                if (dagger) {
                    mb = Kernels.dagger(mb);
                }
                for (int e = 0; e < step.entries; e++) {
                    m[e][b] = mb[e];
                }
            }
        }
        if (step.qubits == 1) {
            BatchKernels.perSample1(re, im, n, 0, len, step.target0, step.cmask, m);
        } else {
            BatchKernels.twoQubit(re, im, n, 0, len, step.target0, step.target1, step.cmask, null, m);
        }
    }

    /** X (any controls) exchanges the rows of target 0 and 1; SWAP those of |01> and |10>. */
    private static void swapRowReferences(Step step, double[][] re, double[][] im, int n) {
        int cmask = step.cmask;
        if (step.qubits == 1) {
            int tb = 1 << step.target0;
            for (int k = 0; k < 1 << (n - 1); k++) {
                int i = Kernels.insertZero(k, step.target0);
                if ((i & cmask) == cmask) {
                    swap(re, i, i | tb);
                    swap(im, i, i | tb);
                }
            }
            return;
        }
        int a = step.target0, bq = step.target1;
        int lo = Math.min(a, bq), hi = Math.max(a, bq);
        for (int k = 0; k < 1 << (n - 2); k++) {
            int i = Kernels.insertZero(Kernels.insertZero(k, lo), hi);
            if ((i & cmask) == cmask) {
                swap(re, i | 1 << a, i | 1 << bq);
                swap(im, i | 1 << a, i | 1 << bq);
            }
        }
    }

    private static void swap(double[][] rows, int i, int j) {
        if (rows == null) { // the imaginary rows of a real adjoint, never allocated
            return;
        }
        double[] r = rows[i];
        rows[i] = rows[j];
        rows[j] = r;
    }

    private static void check(Circuit c, double[][] x, double[] w) {
        if (x.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one sample");
        }
        Simulator.requireSizes(c, x[0], w); // once: the weight count (whose check builds a list)
        int inputs = c.inputCount();
        for (double[] row : x) {
            if (row.length < inputs) {
                Simulator.requireSizes(c, row, w);
            }
        }
    }

    private static int tileCount(int n, int batch) {
        long amplitudes = (long) batch << n;
        if (amplitudes < PARALLEL_THRESHOLD) {
            return 1;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(threads, batch / MIN_TILE));
    }
}

package dev.qanvas.quantum;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Quantum kernels from a feature map (any circuit whose angles read inputs; weights at their
 * initial values): Gram matrices K[i][j] = k(x_i, x_j) and K(X, Y) between two point sets.
 * docs/kernels.md has the definitions and their sources.
 *
 * <ul>
 *   <li><b>Fidelity</b>: k(x, y) = |&lt;phi(x)|phi(y)&gt;|^2. Each point's state is simulated
 *       once by the {@link BatchSimulator}; the overlaps are the matrix product S S^dagger of the
 *       states as rows.</li>
 *   <li><b>Fidelity from shots</b>: what the compute-uncompute circuit U(y)^dagger U(x) would
 *       give on hardware: the frequency of the all-zeros outcome over {@code shots} runs, drawn
 *       exactly as Binomial(shots, k(x, y)) / shots per pair i &lt; j (one seeded random stream per
 *       row, so the result does not depend on threads). The diagonal stays 1 (the circuit for
 *       x with itself returns |0...0&gt; with certainty). The estimate is unbiased with standard
 *       deviation sqrt(k (1 - k) / shots).</li>
 *   <li><b>Projected</b> (Huang et al. 2021, "Power of data in quantum machine learning"):
 *       k(x, y) = exp(-gamma sum_q ||rho_q(x) - rho_q(y)||_F^2) over the one-qubit reduced
 *       density matrices rho_q. With rho = (I + r.sigma)/2 for the Bloch vector r = (&lt;X&gt;,
 *       &lt;Y&gt;, &lt;Z&gt;), ||rho - rho'||_F^2 = |r - r'|^2 / 2. From shots: each Bloch component
 *       of each qubit is estimated as 2 Binomial(shots, (1 + r)/2) / shots - 1 (each qubit
 *       measured in the X, Y and Z bases, {@code shots} runs per basis).</li>
 * </ul>
 *
 * <p>All states of a set are held at once (16 * 2^n bytes per point), checked before they are
 * allocated. Rows of the Gram matrix are shared among threads; a {@link Monitor} sees progress
 * and may cancel (so may interrupting the calling thread): the computation then throws
 * {@link CancellationException}.
 */
public final class QuantumKernel {

    /** Which kernel. */
    public enum Kind { FIDELITY, PROJECTED }

    /**
     * The kernel's settings: {@code shots} 0 for exact values; {@code gamma} for the projected
     * kernel (ignored by the fidelity kernel); {@code seed} for the shot noise.
     */
    public record Options(Kind kind, int shots, double gamma, long seed) {
        public Options {
            if (kind == null) {
                throw new IllegalArgumentException("kernel kind is required");
            }
            if (shots < 0) {
                throw new IllegalArgumentException("shots must be 0 (exact) or positive, not " + shots);
            }
            if (!(gamma > 0) || !Double.isFinite(gamma)) {
                throw new IllegalArgumentException("gamma must be a positive finite number, not " + gamma);
            }
        }

        public static Options exact() {
            return new Options(Kind.FIDELITY, 0, 1.0, 0);
        }
    }

    /** Sees progress (fraction done, 0..1, at a bounded rate) and may ask to stop. */
    public interface Monitor {
        Monitor NONE = new Monitor() { };

        default void progress(double fraction) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    private QuantumKernel() {
    }

    /** The Gram matrix K[i][j] = k(x_i, x_j) of the points {@code x[i][feature]}. */
    public static double[][] gram(Circuit featureMap, double[][] x, Options options, Monitor monitor) {
        requirePoints(featureMap, x, "points");
        Thread caller = Thread.currentThread();
        Monitor m = monitor == null ? Monitor.NONE : monitor;
        int n = x.length;
        if (options.kind() == Kind.PROJECTED) {
            double[][] bloch = bloch(featureMap, x, options, options.seed(), m, caller);
            return projected(bloch, bloch, options.gamma(), true, m, caller);
        }
        States s = states(featureMap, x, m, caller);
        double[][] k = new double[n][n];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, n).parallel().forEach(i -> {
            if (stop(m, caller)) {
                return;
            }
            double[] ri = s.re[i], ii = s.im[i];
            SplittableRandom random = options.shots() > 0 ? new SplittableRandom(mix(options.seed(), i)) : null;
            k[i][i] = 1;
            double[] four = new double[4];
            for (int j = i + 1; j < n; j += 4) {
                int count = Math.min(4, n - j);
                if (count == 4) {
                    fidelity4(ri, ii, s.re, s.im, j, four);
                } else {
                    for (int c = 0; c < count; c++) {
                        four[c] = fidelity(ri, ii, s.re[j + c], s.im[j + c]);
                    }
                }
                for (int c = 0; c < count; c++) {
                    double v = four[c];
                    if (random != null) {
                        v = binomial(options.shots(), v, random) / (double) options.shots();
                    }
                    k[i][j + c] = v;
                }
            }
            report(m, done.incrementAndGet(), n, caller);
        });
        finish(m, caller);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                k[i][j] = k[j][i];
            }
        }
        m.progress(1);
        return k;
    }

    /** The kernel matrix K[i][j] = k(x_i, y_j) between two point sets (for example test against training points). */
    public static double[][] cross(Circuit featureMap, double[][] x, double[][] y, Options options, Monitor monitor) {
        requirePoints(featureMap, x, "points");
        requirePoints(featureMap, y, "second points");
        Thread caller = Thread.currentThread();
        Monitor m = monitor == null ? Monitor.NONE : monitor;
        if (options.kind() == Kind.PROJECTED) {
            double[][] bx = bloch(featureMap, x, options, options.seed(), m, caller);
            double[][] by = bloch(featureMap, y, options, ~options.seed(), m, caller);
            return projected(bx, by, options.gamma(), false, m, caller);
        }
        States a = states(featureMap, x, m, caller), b = states(featureMap, y, m, caller);
        double[][] k = new double[x.length][y.length];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, x.length).parallel().forEach(i -> {
            if (stop(m, caller)) {
                return;
            }
            SplittableRandom random = options.shots() > 0 ? new SplittableRandom(mix(options.seed(), i)) : null;
            for (int j = 0; j < y.length; j++) {
                double v = fidelity(a.re[i], a.im[i], b.re[j], b.im[j]);
                k[i][j] = random == null ? v : binomial(options.shots(), v, random) / (double) options.shots();
            }
            report(m, done.incrementAndGet(), x.length, caller);
        });
        finish(m, caller);
        m.progress(1);
        return k;
    }

    /** Each point's final state as rows: re[point][amplitude], im[point][amplitude]. */
    record States(double[][] re, double[][] im) {
    }

    static States states(Circuit featureMap, double[][] x, Monitor m, Thread caller) {
        int n = featureMap.qubits(), size = 1 << n, points = x.length;
        StateVector.requireMemory(n, 2 * points); // the batch and the rows copied from it
        double[][] re = new double[points][size], im = new double[points][size];
        // Batches bound the simulator's own memory and let a cancel take effect between them.
        int batch = Math.max(1, Math.min(points, (1 << 22) / size));
        double[] w = featureMap.initialWeights();
        for (int b0 = 0; b0 < points; b0 += batch) {
            finish(m, caller);
            int len = Math.min(batch, points - b0);
            double[][] xs = java.util.Arrays.copyOfRange(x, b0, b0 + len);
            double[][] flat = BatchSimulator.run(featureMap, xs, w).flatAmplitudes();
            for (int idx = 0; idx < size; idx++) {
                for (int b = 0; b < len; b++) {
                    re[b0 + b][idx] = flat[0][idx * len + b];
                    im[b0 + b][idx] = flat[1][idx * len + b];
                }
            }
        }
        return new States(re, im);
    }

    /** |&lt;a|b&gt;|^2 for amplitudes (ar, ai) and (br, bi). */
    static double fidelity(double[] ar, double[] ai, double[] br, double[] bi) {
        double re = 0, im = 0;
        for (int d = 0; d < ar.length; d++) {
            re += ar[d] * br[d] + ai[d] * bi[d];
            im += ar[d] * bi[d] - ai[d] * br[d];
        }
        return Math.min(1, re * re + im * im);
    }

    /**
     * {@link #fidelity} of state a against rows j..j+3: eight independent sums instead of two, so
     * the additions' latency overlaps (about 3 times faster than one row at a time).
     */
    static void fidelity4(double[] ar, double[] ai, double[][] re, double[][] im, int j, double[] out) {
        double[] r0 = re[j], r1 = re[j + 1], r2 = re[j + 2], r3 = re[j + 3];
        double[] i0 = im[j], i1 = im[j + 1], i2 = im[j + 2], i3 = im[j + 3];
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3 = 0, y3 = 0;
        for (int d = 0; d < ar.length; d++) {
            double a = ar[d], b = ai[d];
            x0 += a * r0[d] + b * i0[d];
            y0 += a * i0[d] - b * r0[d];
            x1 += a * r1[d] + b * i1[d];
            y1 += a * i1[d] - b * r1[d];
            x2 += a * r2[d] + b * i2[d];
            y2 += a * i2[d] - b * r2[d];
            x3 += a * r3[d] + b * i3[d];
            y3 += a * i3[d] - b * r3[d];
        }
        out[0] = Math.min(1, x0 * x0 + y0 * y0);
        out[1] = Math.min(1, x1 * x1 + y1 * y1);
        out[2] = Math.min(1, x2 * x2 + y2 * y2);
        out[3] = Math.min(1, x3 * x3 + y3 * y3);
    }

    /**
     * Each point's one-qubit Bloch vectors, [point][3 q + (0 X, 1 Y, 2 Z)]: exact, or estimated
     * from {@code options.shots()} per basis with a random stream per point from {@code seed}.
     */
    static double[][] bloch(Circuit featureMap, double[][] x, Options options, long seed, Monitor m, Thread caller) {
        States s = states(featureMap, x, m, caller);
        int n = featureMap.qubits(), size = 1 << n;
        double[][] out = new double[x.length][3 * n];
        IntStream.range(0, x.length).parallel().forEach(p -> {
            double[] re = s.re[p], im = s.im[p];
            SplittableRandom random = options.shots() > 0 ? new SplittableRandom(mix(seed, p)) : null;
            for (int q = 0; q < n; q++) {
                int bit = 1 << q;
                double z = 0, cr = 0, ci = 0; // <Z>, and rho_01 = sum over idx with bit q clear of psi[idx] conj(psi[idx | bit])
                for (int idx = 0; idx < size; idx++) {
                    double pr = re[idx] * re[idx] + im[idx] * im[idx];
                    if ((idx & bit) == 0) {
                        z += pr;
                        int o = idx | bit;
                        cr += re[idx] * re[o] + im[idx] * im[o];
                        ci += im[idx] * re[o] - re[idx] * im[o];
                    } else {
                        z -= pr;
                    }
                }
                // rho = (I + X<X> + Y<Y> + Z<Z>)/2: rho_01 = (<X> - i<Y>)/2
                double[] r = {2 * cr, -2 * ci, z};
                for (int a = 0; a < 3; a++) {
                    double v = r[a];
                    if (random != null) {
                        double pPlus = Math.min(1, Math.max(0, (1 + v) / 2));
                        v = 2.0 * binomial(options.shots(), pPlus, random) / options.shots() - 1;
                    }
                    out[p][3 * q + a] = v;
                }
            }
        });
        finish(m, caller);
        return out;
    }

    private static double[][] projected(double[][] a, double[][] b, double gamma, boolean symmetric, Monitor m, Thread caller) {
        double[][] k = new double[a.length][b.length];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, a.length).parallel().forEach(i -> {
            if (stop(m, caller)) {
                return;
            }
            for (int j = symmetric ? i : 0; j < b.length; j++) {
                double d = 0;
                for (int c = 0; c < a[i].length; c++) {
                    double e = a[i][c] - b[j][c];
                    d += e * e;
                }
                k[i][j] = Math.exp(-gamma * d / 2); // sum_q ||rho_q - rho_q'||_F^2 = |r - r'|^2 / 2
            }
            report(m, done.incrementAndGet(), a.length, caller);
        });
        finish(m, caller);
        if (symmetric) {
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < i; j++) {
                    k[i][j] = k[j][i];
                }
            }
        }
        m.progress(1);
        return k;
    }

    /**
     * An exact draw from Binomial(n, p): inversion from the mode outwards (the probability at the
     * mode from log-gamma, neighbours by the ratio of consecutive terms), O(sqrt(n p (1-p))) steps.
     */
    static int binomial(int n, double p, SplittableRandom random) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        double logPmf = logGamma(n + 1.0) - logGamma(mode + 1.0) - logGamma(n - mode + 1.0)
                + mode * Math.log(p) + (n - mode) * Math.log1p(-p);
        double atMode = Math.exp(logPmf);
        double u = random.nextDouble();
        double odds = p / (1 - p);
        double cumulative = atMode;
        if (u < cumulative) {
            return mode;
        }
        double down = atMode, up = atMode;
        int lo = mode, hi = mode;
        while (lo > 0 || hi < n) {
            if (hi < n) {
                up *= (double) (n - hi) / (hi + 1) * odds; // P(k+1) = P(k) (n-k)/(k+1) p/(1-p)
                hi++;
                cumulative += up;
                if (u < cumulative) {
                    return hi;
                }
            }
            if (lo > 0) {
                down *= lo / ((double) (n - lo + 1) * odds); // P(k-1) = P(k) k/(n-k+1) (1-p)/p
                lo--;
                cumulative += down;
                if (u < cumulative) {
                    return lo;
                }
            }
        }
        return mode; // rounding left u above the total (about 1e-15): the most likely value
    }

    /** ln Gamma(x) for x &gt;= 1 (Lanczos, g = 7, 9 terms; relative error about 1e-15). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        double z = x - 1;
        double a = c[0];
        double t = z + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    private static long mix(long seed, long row) {
        long z = seed + 0x9E3779B97F4A7C15L * (row + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static boolean stop(Monitor m, Thread caller) {
        return m.cancelled() || caller.isInterrupted();
    }

    private static void finish(Monitor m, Thread caller) {
        if (stop(m, caller)) {
            throw new CancellationException("kernel computation cancelled");
        }
    }

    private static void report(Monitor m, int done, int total, Thread caller) {
        // About a hundred reports at most, from whichever thread finishes the row.
        if (done == total || done % Math.max(1, total / 100) == 0) {
            synchronized (m) {
                m.progress((double) done / total);
            }
        }
    }

    private static void requirePoints(Circuit featureMap, double[][] x, String what) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("a kernel needs at least one point in " + what);
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length < featureMap.inputCount()) {
                throw new IllegalArgumentException("point " + (i + 1) + " of " + what + " has " + x[i].length
                        + " features; the feature map reads " + featureMap.inputCount());
            }
        }
    }

    /** The names of the kinds as the command line writes them. */
    public static List<String> kindNames() {
        return List.of("fidelity", "projected");
    }
}

package dev.qanvas.quantum;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels of {@link Kernels} written with the JDK's incubator Vector API (one-qubit gates, the
 * two-qubit forms, and X, CNOT, Toffoli and SWAP where the plain code goes amplitude by
 * amplitude): C2 does not vectorise the scalar pair loop (its two indices i and i + 2^t into one
 * array differ by a loop invariant), and a scalar loop stays about 11x above the floor
 * (docs/architecture.md). Only loaded when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (see {@link Vectors}).
 *
 * <p>Every lane computes the same expression, in the same order and without fused
 * multiply-adds, as the scalar loop, so the amplitudes come out the same to the bit.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** The same shape over longs, for lane shuffles: see {@link #rearranged}. */
    private static final VectorSpecies<Long> SL = S.withLanes(long.class);

    /** For t < log2 L: each lane's partner (lane ^ 2^t), and the lanes whose bit t is set. */
    private static final VectorShuffle<Long>[] PARTNER;
    private static final VectorMask<Double>[] UPPER;

    static {
        int bits = Integer.numberOfTrailingZeros(L);
        @SuppressWarnings("unchecked")
        VectorShuffle<Long>[] partner = new VectorShuffle[bits];
        @SuppressWarnings("unchecked")
        VectorMask<Double>[] upper = new VectorMask[bits];
        for (int t = 0; t < bits; t++) {
            int tb = 1 << t;
            partner[t] = VectorShuffle.fromOp(SL, lane -> lane ^ tb);
            boolean[] set = new boolean[L];
            for (int lane = 0; lane < L; lane++) {
                set[lane] = (lane & tb) != 0;
            }
            upper[t] = VectorMask.fromArray(S, set, 0);
        }
        PARTNER = partner;
        UPPER = upper;
    }

    private VectorKernels() {
    }

    /**
     * {@link Kernels#swapPairs} (X on target a, b < 0) or {@link Kernels#swapQubits} (SWAP of a
     * and b), any controls, vector by vector: targets inside a vector are one lane shuffle;
     * targets above the lanes exchange whole vectors; a SWAP with one target inside and one above
     * exchanges shuffled halves of two vectors. Controls above the lanes pick the vectors, those
     * below them the lanes (a blend). Amplitudes are moved, not computed, so the result is the
     * plain loop's to the bit. {@link Kernels#apply} calls it where the runs of amplitudes that
     * share the target and control bits are short ({@code Kernels.vectorPermutes}): the plain
     * kernels go amplitude by amplitude below 16 (2.5-4x slower, measured), and copy longer runs
     * through a buffer, which measured as fast as this or faster from 64 up (docs/benchmarks.md).
     */
    static void permute(double[] re, double[] im, int n, int a, int b, int cmask) {
        int bits = Integer.numberOfTrailingZeros(L);
        int low = cmask & (L - 1), high = cmask & ~(L - 1);
        boolean[] controlled = new boolean[L];
        for (int lane = 0; lane < L; lane++) {
            controlled[lane] = (lane & low) == low;
        }
        VectorMask<Double> lanes = low == 0 ? null : VectorMask.fromArray(S, controlled, 0);
        int lo = b < 0 ? a : Math.min(a, b), hi = Math.max(a, b);
        if (hi < bits) { // inside each vector
            int[] source = new int[L];
            for (int lane = 0; lane < L; lane++) {
                int moved = lane;
                if (controlled[lane]) {
                    if (b < 0) {
                        moved = lane ^ 1 << a;
                    } else if ((lane >> a & 1) != (lane >> b & 1)) {
                        moved = lane ^ (1 << a | 1 << b);
                    }
                }
                source[lane] = moved; // X and SWAP are their own inverses: lane's new amplitude is the one at moved
            }
            VectorShuffle<Long> shuffle = VectorShuffle.fromArray(SL, source, 0);
            shuffleVectors(re, n, high, shuffle);
            shuffleVectors(im, n, high, shuffle);
        } else if (b < 0 || lo >= bits) { // whole vectors: v + 2^a with v + 2^b (X: v with v + 2^a)
            int x = b < 0 ? 0 : 1 << a, y = b < 0 ? 1 << a : 1 << b, clear = x | y;
            if (lanes == null) {
                exchangeVectors(re, n, high, clear, x, y);
                exchangeVectors(im, n, high, clear, x, y);
            } else {
                exchangeLanes(re, n, high, clear, x, y, lanes);
                exchangeLanes(im, n, high, clear, x, y, lanes);
            }
        } else { // SWAP across: lanes with bit lo set in v trade with lanes with bit lo clear in v + 2^hi
            VectorMask<Double> upper = UPPER[lo], lower = upper.not();
            if (lanes != null) {
                upper = upper.and(lanes);
                lower = lower.and(lanes);
            }
            exchangeAcross(re, n, high, 1 << hi, PARTNER[lo], upper, lower);
            exchangeAcross(im, n, high, 1 << hi, PARTNER[lo], upper, lower);
        }
    }

    /** Each vector of {@code a} whose index has every bit of {@code high} set, rearranged by the shuffle. */
    private static void shuffleVectors(double[] a, int n, int high, VectorShuffle<Long> shuffle) {
        for (int v = 0; v < 1 << n; v += L) {
            if ((v & high) == high) {
                rearranged(DoubleVector.fromArray(S, a, v), shuffle).intoArray(a, v);
            }
        }
    }

    /** For each v with the bits of {@code clear} clear and those of {@code high} set: the vectors at v + x and v + y exchanged. */
    private static void exchangeVectors(double[] a, int n, int high, int clear, int x, int y) {
        for (int v = 0; v < 1 << n; v += L) {
            if ((v & clear) == 0 && (v & high) == high) {
                DoubleVector p = DoubleVector.fromArray(S, a, v + x), q = DoubleVector.fromArray(S, a, v + y);
                q.intoArray(a, v + x);
                p.intoArray(a, v + y);
            }
        }
    }

    /** {@link #exchangeVectors} in the given lanes only (the controls below the lanes). */
    private static void exchangeLanes(double[] a, int n, int high, int clear, int x, int y, VectorMask<Double> lanes) {
        for (int v = 0; v < 1 << n; v += L) {
            if ((v & clear) == 0 && (v & high) == high) {
                DoubleVector p = DoubleVector.fromArray(S, a, v + x), q = DoubleVector.fromArray(S, a, v + y);
                p.blend(q, lanes).intoArray(a, v + x);
                q.blend(p, lanes).intoArray(a, v + y);
            }
        }
    }

    /**
     * A SWAP of bit lo (inside the lanes) with bit hi (above them): for each v with bit hi clear,
     * the lanes of v with bit lo set ({@code upper}) take their partners' amplitudes from v + 2^hi,
     * and the lanes of v + 2^hi with bit lo clear ({@code lower}) take theirs from v.
     */
    private static void exchangeAcross(double[] a, int n, int high, int hb, VectorShuffle<Long> partner,
                                       VectorMask<Double> upper, VectorMask<Double> lower) {
        for (int v = 0; v < 1 << n; v += L) {
            if ((v & hb) == 0 && (v & high) == high) {
                DoubleVector p = DoubleVector.fromArray(S, a, v), q = DoubleVector.fromArray(S, a, v + hb);
                p.blend(rearranged(q, partner), upper).intoArray(a, v);
                q.blend(rearranged(p, partner), lower).intoArray(a, v + hb);
            }
        }
    }

    /**
     * v with its lanes moved by a shuffle over longs (the same bits). A shuffle over doubles
     * checks its indexes on every call on JDK 17, converting them to doubles, and that doubled
     * the cost of a pass over the state; over longs the same pass costs a plain one (16 qubits:
     * 7.2 against 13.3 us; on JDK 25 both 7.1; docs/bench/LaneShuffle.java).
     */
    private static DoubleVector rearranged(DoubleVector v, VectorShuffle<Long> shuffle) {
        return (DoubleVector) v.reinterpretAsLongs().rearrange(shuffle).reinterpretAsDoubles();
    }

    /** Lanes per vector (8 with AVX-512, 4 with AVX2). */
    static int lanes() {
        return L;
    }

    /** Whether a state of 2^n amplitudes fills whole vectors. */
    static boolean fits(int n) {
        return L >= 2 && (1 << n) >= L;
    }

    /**
     * Whether these kernels apply a one-qubit gate on target t with controls {@code cmask}: no
     * control inside a vector, and a target inside a vector (pairs within one vector are shuffled;
     * the controls pick vectors) or runs of consecutive indices that share the target and control
     * bits and fill whole vectors. Controls inside a vector stay with the plain loops: blending the
     * controlled lanes in measured no faster than them (CU3 on target 0, control 1, of 16 qubits:
     * 61 us against 56; docs/benchmarks.md, 2026-12-08, later).
     */
    static boolean handles(int t, int cmask) {
        return (cmask & (L - 1)) == 0 && (t < Integer.numberOfTrailingZeros(L) || Integer.lowestOneBit(cmask | 1 << t) >= L);
    }

    /** {@link Kernels#general1}: a general complex 2x2 on target t, where {@link #handles} says so. */
    static void general1(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        // Two methods, each one hot loop that C2 compiles on its own: mixed with other gates'
        // kernels in one large compiled caller, the vector code was seen to fall back to its slow
        // (allocating) form.
        if (Integer.lowestOneBit(cmask | 1 << t) >= L) {
            general1Wide(re, im, n, t, cmask, m);
        } else if (cmask == 0) {
            general1Narrow(re, im, n, t, m);
        } else {
            general1NarrowControlled(re, im, n, t, cmask, m);
        }
    }

    /** Runs of consecutive indices that share the target and control bits, as {@link Kernels#general1}. */
    private static void general1Wide(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int size = 1 << n;
        int tb = 1 << t;
        int run = Integer.lowestOneBit(cmask | tb);
        for (int start = 0; start < size; start += run) {
            if ((start & tb) == 0 && (start & cmask) == cmask) {
                for (int i = start, end = start + run; i < end; i += L) {
                    int j = i + tb;
                    DoubleVector ar = DoubleVector.fromArray(S, re, i);
                    DoubleVector ai = DoubleVector.fromArray(S, im, i);
                    DoubleVector br = DoubleVector.fromArray(S, re, j);
                    DoubleVector bi = DoubleVector.fromArray(S, im, j);
                    ar.mul(m0).sub(ai.mul(m1)).add(br.mul(m2)).sub(bi.mul(m3)).intoArray(re, i);
                    ai.mul(m0).add(ar.mul(m1)).add(bi.mul(m2)).add(br.mul(m3)).intoArray(im, i);
                    ar.mul(m4).sub(ai.mul(m5)).add(br.mul(m6)).sub(bi.mul(m7)).intoArray(re, j);
                    ai.mul(m4).add(ar.mul(m5)).add(bi.mul(m6)).add(br.mul(m7)).intoArray(im, j);
                }
            }
        }
    }

    private static void general1Narrow(double[] re, double[] im, int n, int t, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int size = 1 << n;
        // Both amplitudes of a pair sit in one vector: lane k pairs with lane k ^ tb. Lanes with
        // bit t clear take row 0 of the matrix, the others row 1; "a" is the pair's bit-clear
        // amplitude and "b" the other, as in the scalar loop.
        VectorShuffle<Long> partner = PARTNER[t];
        VectorMask<Double> upper = UPPER[t];
        DoubleVector c0 = DoubleVector.broadcast(S, m0).blend(m4, upper);
        DoubleVector c1 = DoubleVector.broadcast(S, m1).blend(m5, upper);
        DoubleVector c2 = DoubleVector.broadcast(S, m2).blend(m6, upper);
        DoubleVector c3 = DoubleVector.broadcast(S, m3).blend(m7, upper);
        for (int i = 0; i < size; i += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            DoubleVector pr = rearranged(xr, partner);
            DoubleVector pi = rearranged(xi, partner);
            DoubleVector ar = xr.blend(pr, upper);
            DoubleVector ai = xi.blend(pi, upper);
            DoubleVector br = pr.blend(xr, upper);
            DoubleVector bi = pi.blend(xi, upper);
            ar.mul(c0).sub(ai.mul(c1)).add(br.mul(c2)).sub(bi.mul(c3)).intoArray(re, i);
            ai.mul(c0).add(ar.mul(c1)).add(bi.mul(c2)).add(br.mul(c3)).intoArray(im, i);
        }
    }

    /**
     * {@link #general1Narrow} with controls (all above the lanes, {@link #handles}): only the
     * vectors whose index has every control bit set. A loop of its own, as for real1 and
     * diagonal1: with the control test merged into the uncontrolled loops, H at 16 qubits read
     * 21.2-21.6 us per gate against 19.0-19.3, and U3 at 20 544-578 against 457-481 (bench
     * quantum --only single, in turn, twice each).
     */
    private static void general1NarrowControlled(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int size = 1 << n;
        VectorShuffle<Long> partner = PARTNER[t];
        VectorMask<Double> upper = UPPER[t];
        DoubleVector c0 = DoubleVector.broadcast(S, m0).blend(m4, upper);
        DoubleVector c1 = DoubleVector.broadcast(S, m1).blend(m5, upper);
        DoubleVector c2 = DoubleVector.broadcast(S, m2).blend(m6, upper);
        DoubleVector c3 = DoubleVector.broadcast(S, m3).blend(m7, upper);
        for (int i = 0; i < size; i += L) {
            if ((i & cmask) != cmask) {
                continue;
            }
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            DoubleVector pr = rearranged(xr, partner);
            DoubleVector pi = rearranged(xi, partner);
            DoubleVector ar = xr.blend(pr, upper);
            DoubleVector ai = xi.blend(pi, upper);
            DoubleVector br = pr.blend(xr, upper);
            DoubleVector bi = pi.blend(xi, upper);
            ar.mul(c0).sub(ai.mul(c1)).add(br.mul(c2)).sub(bi.mul(c3)).intoArray(re, i);
            ai.mul(c0).add(ar.mul(c1)).add(bi.mul(c2)).add(br.mul(c3)).intoArray(im, i);
        }
    }

    // The pair loops of general1 stay in these two methods of their own, not shared with
    // flipBoth's mixRun / mixInVectors below: shared, U3 on targets 0 to 2 ran 3x slower
    // (docs/benchmarks.md, 2026-12-07 under load, one state).
    /** {@link Kernels#mixRun} over whole vectors: [from, to) holds a whole number of them. */
    private static void mixRun(double[] re, double[] im, int from, int to, int d, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        for (int i = from; i < to; i += L) {
            int j = i + d;
            DoubleVector ar = DoubleVector.fromArray(S, re, i);
            DoubleVector ai = DoubleVector.fromArray(S, im, i);
            DoubleVector br = DoubleVector.fromArray(S, re, j);
            DoubleVector bi = DoubleVector.fromArray(S, im, j);
            ar.mul(m0).sub(ai.mul(m1)).add(br.mul(m2)).sub(bi.mul(m3)).intoArray(re, i);
            ai.mul(m0).add(ar.mul(m1)).add(bi.mul(m2)).add(br.mul(m3)).intoArray(im, i);
            ar.mul(m4).sub(ai.mul(m5)).add(br.mul(m6)).sub(bi.mul(m7)).intoArray(re, j);
            ai.mul(m4).add(ar.mul(m5)).add(bi.mul(m6)).add(br.mul(m7)).intoArray(im, j);
        }
    }

    /**
     * Pairs that sit in one vector: lane k with lane {@code partner(k)}. A lane in {@code upper}
     * holds its pair's second amplitude ("b"), the others the first ("a"); c0 .. c3 are each lane's
     * row of its pair's 2x2 (re and im of the "a" entry, then of the "b" entry).
     */
    private static void mixInVectors(double[] re, double[] im, int n, VectorShuffle<Long> partner, VectorMask<Double> upper,
            double[][] c) {
        // the entries made into vectors here, not passed in as vectors (boxed, as arguments of a
        // method C2 compiles on its own): RXX on (0, 1) of 16 qubits took 33 us, passed in 38-42
        // (docs/benchmarks.md, 2026-12-08, later)
        DoubleVector c0 = DoubleVector.fromArray(S, c[0], 0), c1 = DoubleVector.fromArray(S, c[1], 0);
        DoubleVector c2 = DoubleVector.fromArray(S, c[2], 0), c3 = DoubleVector.fromArray(S, c[3], 0);
        int size = 1 << n;
        for (int i = 0; i < size; i += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            DoubleVector pr = rearranged(xr, partner);
            DoubleVector pi = rearranged(xi, partner);
            DoubleVector ar = xr.blend(pr, upper);
            DoubleVector ai = xi.blend(pi, upper);
            DoubleVector br = pr.blend(xr, upper);
            DoubleVector bi = pi.blend(xi, upper);
            ar.mul(c0).sub(ai.mul(c1)).add(br.mul(c2)).sub(bi.mul(c3)).intoArray(re, i);
            ai.mul(c0).add(ar.mul(c1)).add(bi.mul(c2)).add(br.mul(c3)).intoArray(im, i);
        }
    }

    /** {@link Kernels#real1}: a real 2x2 {{a, b}, {c, d}} on target t, where {@link #handles} says so. */
    static void real1(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        if (Integer.lowestOneBit(cmask | 1 << t) >= L) {
            real1Wide(re, im, n, t, cmask, m);
        } else if (cmask == 0) {
            real1Narrow(re, im, n, t, m);
        } else {
            real1NarrowControlled(re, im, n, t, cmask, m);
        }
    }

    private static void real1Wide(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        double a = m[0], b = m[2], c = m[4], d = m[6];
        int size = 1 << n;
        int tb = 1 << t;
        int run = Integer.lowestOneBit(cmask | tb);
        for (int start = 0; start < size; start += run) {
            if ((start & tb) == 0 && (start & cmask) == cmask) {
                for (int i = start, end = start + run; i < end; i += L) {
                    int j = i + tb;
                    DoubleVector ar = DoubleVector.fromArray(S, re, i);
                    DoubleVector ai = DoubleVector.fromArray(S, im, i);
                    DoubleVector br = DoubleVector.fromArray(S, re, j);
                    DoubleVector bi = DoubleVector.fromArray(S, im, j);
                    ar.mul(a).add(br.mul(b)).intoArray(re, i);
                    ai.mul(a).add(bi.mul(b)).intoArray(im, i);
                    ar.mul(c).add(br.mul(d)).intoArray(re, j);
                    ai.mul(c).add(bi.mul(d)).intoArray(im, j);
                }
            }
        }
    }

    private static void real1Narrow(double[] re, double[] im, int n, int t, double[] m) {
        double a = m[0], b = m[2], c = m[4], d = m[6];
        int size = 1 << n;
        VectorShuffle<Long> partner = PARTNER[t];
        VectorMask<Double> upper = UPPER[t];
        DoubleVector c0 = DoubleVector.broadcast(S, a).blend(c, upper);
        DoubleVector c1 = DoubleVector.broadcast(S, b).blend(d, upper);
        for (int i = 0; i < size; i += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            DoubleVector pr = rearranged(xr, partner);
            DoubleVector pi = rearranged(xi, partner);
            xr.blend(pr, upper).mul(c0).add(pr.blend(xr, upper).mul(c1)).intoArray(re, i);
            xi.blend(pi, upper).mul(c0).add(pi.blend(xi, upper).mul(c1)).intoArray(im, i);
        }
    }

    /** {@link #real1Narrow} with controls, as {@link #general1NarrowControlled}. */
    private static void real1NarrowControlled(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        double a = m[0], b = m[2], c = m[4], d = m[6];
        int size = 1 << n;
        VectorShuffle<Long> partner = PARTNER[t];
        VectorMask<Double> upper = UPPER[t];
        DoubleVector c0 = DoubleVector.broadcast(S, a).blend(c, upper);
        DoubleVector c1 = DoubleVector.broadcast(S, b).blend(d, upper);
        for (int i = 0; i < size; i += L) {
            if ((i & cmask) != cmask) {
                continue;
            }
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            DoubleVector pr = rearranged(xr, partner);
            DoubleVector pi = rearranged(xi, partner);
            xr.blend(pr, upper).mul(c0).add(pr.blend(xr, upper).mul(c1)).intoArray(re, i);
            xi.blend(pi, upper).mul(c0).add(pi.blend(xi, upper).mul(c1)).intoArray(im, i);
        }
    }

    /**
     * {@link Kernels#general2} where the runs of consecutive indices that share the target and
     * control bits fill whole vectors ({@link #handles2}): the same expression per amplitude, in
     * the same order, as the plain loop over runs.
     */
    static void general2(double[] re, double[] im, int n, int a, int b, int cmask, double[] m) {
        double a0r = m[0], a0i = m[1], a1r = m[2], a1i = m[3], a2r = m[4], a2i = m[5], a3r = m[6], a3i = m[7];
        double b0r = m[8], b0i = m[9], b1r = m[10], b1i = m[11], b2r = m[12], b2i = m[13], b3r = m[14], b3i = m[15];
        double c0r = m[16], c0i = m[17], c1r = m[18], c1i = m[19], c2r = m[20], c2i = m[21], c3r = m[22], c3i = m[23];
        double d0r = m[24], d0i = m[25], d1r = m[26], d1i = m[27], d2r = m[28], d2i = m[29], d3r = m[30], d3i = m[31];
        int ba = 1 << a, bb = 1 << b;
        int run = Integer.lowestOneBit(cmask | ba | bb);
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & (ba | bb)) == 0 && (start & cmask) == cmask) {
                for (int i0 = start, end = start + run; i0 < end; i0 += L) {
                    int i1 = i0 + ba, i2 = i0 + bb, i3 = i1 + bb;
                    DoubleVector v0r = DoubleVector.fromArray(S, re, i0), v0i = DoubleVector.fromArray(S, im, i0);
                    DoubleVector v1r = DoubleVector.fromArray(S, re, i1), v1i = DoubleVector.fromArray(S, im, i1);
                    DoubleVector v2r = DoubleVector.fromArray(S, re, i2), v2i = DoubleVector.fromArray(S, im, i2);
                    DoubleVector v3r = DoubleVector.fromArray(S, re, i3), v3i = DoubleVector.fromArray(S, im, i3);
                    v0r.mul(a0r).sub(v0i.mul(a0i)).add(v1r.mul(a1r)).sub(v1i.mul(a1i)).add(v2r.mul(a2r)).sub(v2i.mul(a2i))
                            .add(v3r.mul(a3r)).sub(v3i.mul(a3i)).intoArray(re, i0);
                    v0i.mul(a0r).add(v0r.mul(a0i)).add(v1i.mul(a1r)).add(v1r.mul(a1i)).add(v2i.mul(a2r)).add(v2r.mul(a2i))
                            .add(v3i.mul(a3r)).add(v3r.mul(a3i)).intoArray(im, i0);
                    v0r.mul(b0r).sub(v0i.mul(b0i)).add(v1r.mul(b1r)).sub(v1i.mul(b1i)).add(v2r.mul(b2r)).sub(v2i.mul(b2i))
                            .add(v3r.mul(b3r)).sub(v3i.mul(b3i)).intoArray(re, i1);
                    v0i.mul(b0r).add(v0r.mul(b0i)).add(v1i.mul(b1r)).add(v1r.mul(b1i)).add(v2i.mul(b2r)).add(v2r.mul(b2i))
                            .add(v3i.mul(b3r)).add(v3r.mul(b3i)).intoArray(im, i1);
                    v0r.mul(c0r).sub(v0i.mul(c0i)).add(v1r.mul(c1r)).sub(v1i.mul(c1i)).add(v2r.mul(c2r)).sub(v2i.mul(c2i))
                            .add(v3r.mul(c3r)).sub(v3i.mul(c3i)).intoArray(re, i2);
                    v0i.mul(c0r).add(v0r.mul(c0i)).add(v1i.mul(c1r)).add(v1r.mul(c1i)).add(v2i.mul(c2r)).add(v2r.mul(c2i))
                            .add(v3i.mul(c3r)).add(v3r.mul(c3i)).intoArray(im, i2);
                    v0r.mul(d0r).sub(v0i.mul(d0i)).add(v1r.mul(d1r)).sub(v1i.mul(d1i)).add(v2r.mul(d2r)).sub(v2i.mul(d2i))
                            .add(v3r.mul(d3r)).sub(v3i.mul(d3i)).intoArray(re, i3);
                    v0i.mul(d0r).add(v0r.mul(d0i)).add(v1i.mul(d1r)).add(v1r.mul(d1i)).add(v2i.mul(d2r)).add(v2r.mul(d2i))
                            .add(v3i.mul(d3r)).add(v3r.mul(d3i)).intoArray(im, i3);
                }
            }
        }
    }

    /**
     * Whether {@link #flipBoth} applies a {@link Kernels#flipsBoth} gate on (a, b) with controls
     * {@code cmask}: runs that fill whole vectors; one target inside a vector and no control
     * inside it; or no controls and both targets inside one vector.
     */
    static boolean handlesFlip(int a, int b, int cmask) {
        int bits = Integer.numberOfTrailingZeros(L);
        boolean oneInside = Math.min(a, b) < bits && Math.max(a, b) >= bits && (cmask & (L - 1)) == 0;
        return handles2(a, b, cmask) || oneInside || cmask == 0 && Math.max(a, b) < bits;
    }

    /** {@link Kernels#flipBoth} where {@link #handlesFlip} says so, with the same expression per amplitude. */
    static void flipBoth(double[] re, double[] im, int n, int a, int b, int cmask, double[] m) {
        // Each form is a method of its own, one hot loop each: in one large compiled method the
        // vector code was seen to fall back to its slow (allocating) form.
        double[] p = Kernels.flipPair(m, 0), q = Kernels.flipPair(m, 1);
        if (handles2(a, b, cmask) && Integer.lowestOneBit(cmask | 1 << a | 1 << b) == L) {
            flipBothVectorRuns(re, im, n, a, b, cmask, p, q);
            return;
        }
        if (handles2(a, b, cmask)) {
            flipBothInRuns(re, im, n, a, b, cmask, p, q);
            return;
        }
        // Each lane takes the row of its own local state r = bit a + 2 bit b (r = 0, 3 from p;
        // 1, 2 from q); it is its pair's "a" when its bit b is clear (local states 0 and 1).
        double[][] rows = new double[4][];
        for (int r = 0; r < 4; r++) {
            double[] pair = r == 0 || r == 3 ? p : q;
            rows[r] = java.util.Arrays.copyOfRange(pair, r < 2 ? 0 : 4, r < 2 ? 4 : 8);
        }
        if (Math.max(a, b) < Integer.numberOfTrailingZeros(L)) {
            // Both targets inside one vector (no controls): lane k pairs with lane k ^ (2^a + 2^b).
            int flip = 1 << a | 1 << b;
            double[][] c = laneRows(rows, a, b, 0);
            mixInVectors(re, im, n, VectorShuffle.fromOp(SL, k -> k ^ flip), VectorMask.fromArray(S, laneSecond(b), 0), c);
        } else {
            flipBothAcross(re, im, n, a, b, cmask, rows);
        }
    }

    private static void flipBothInRuns(double[] re, double[] im, int n, int a, int b, int cmask, double[] p, double[] q) {
        int ba = 1 << a, bb = 1 << b;
        int run = Integer.lowestOneBit(cmask | ba | bb);
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & (ba | bb)) == 0 && (start & cmask) == cmask) {
                mixRun(re, im, start, start + run, ba + bb, p);
                mixRun(re, im, start + ba, start + ba + run, bb - ba, q);
            }
        }
    }

    /**
     * {@link #flipBothInRuns} where each run is one vector: both pairs of each group of four
     * vectors in one loop, the same expressions as {@link #mixRun}, instead of two calls a vector
     * (RXX on (3, 4) of 16 qubits: see docs/benchmarks.md, 2026-12-08, later).
     */
    private static void flipBothVectorRuns(double[] re, double[] im, int n, int a, int b, int cmask, double[] p, double[] q) {
        double p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3], p4 = p[4], p5 = p[5], p6 = p[6], p7 = p[7];
        double q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
        int ba = 1 << a, bb = 1 << b;
        for (int i = 0; i < 1 << n; i += L) {
            if ((i & (ba | bb)) != 0 || (i & cmask) != cmask) {
                continue;
            }
            int j = i + ba + bb; // local states 0 and 3, with p
            DoubleVector ar = DoubleVector.fromArray(S, re, i);
            DoubleVector ai = DoubleVector.fromArray(S, im, i);
            DoubleVector br = DoubleVector.fromArray(S, re, j);
            DoubleVector bi = DoubleVector.fromArray(S, im, j);
            ar.mul(p0).sub(ai.mul(p1)).add(br.mul(p2)).sub(bi.mul(p3)).intoArray(re, i);
            ai.mul(p0).add(ar.mul(p1)).add(bi.mul(p2)).add(br.mul(p3)).intoArray(im, i);
            ar.mul(p4).sub(ai.mul(p5)).add(br.mul(p6)).sub(bi.mul(p7)).intoArray(re, j);
            ai.mul(p4).add(ar.mul(p5)).add(bi.mul(p6)).add(br.mul(p7)).intoArray(im, j);
            int k = i + ba, l = i + bb; // local states 1 and 2, with q
            DoubleVector cr = DoubleVector.fromArray(S, re, k);
            DoubleVector ci = DoubleVector.fromArray(S, im, k);
            DoubleVector dr = DoubleVector.fromArray(S, re, l);
            DoubleVector di = DoubleVector.fromArray(S, im, l);
            cr.mul(q0).sub(ci.mul(q1)).add(dr.mul(q2)).sub(di.mul(q3)).intoArray(re, k);
            ci.mul(q0).add(cr.mul(q1)).add(di.mul(q2)).add(dr.mul(q3)).intoArray(im, k);
            cr.mul(q4).sub(ci.mul(q5)).add(dr.mul(q6)).sub(di.mul(q7)).intoArray(re, l);
            ci.mul(q4).add(cr.mul(q5)).add(di.mul(q6)).add(dr.mul(q7)).intoArray(im, l);
        }
    }

    /**
     * One target (low) inside a vector, the other (high) above it: the vector at i with bit high
     * clear pairs lane by lane with the vector at i + 2^high, lanes crossed by low's bit.
     */
    private static void flipBothAcross(double[] re, double[] im, int n, int a, int b, int cmask, double[][] rows) {
        int low = Math.min(a, b), high = Math.max(a, b);
        int hb = 1 << high;
        VectorShuffle<Long> cross = VectorShuffle.fromOp(SL, k -> k ^ 1 << low);
        double[][] x = laneRows(rows, a, b, 0), y = laneRows(rows, a, b, hb);
        // the lanes that are their pair's "b" (bit b set), in the vector at i and at i + 2^high
        VectorMask<Double> xb = VectorMask.fromArray(S, laneSecond(b), 0);
        VectorMask<Double> yb = b == high ? xb.not() : xb;
        // the entries made into vectors before the loop, after the masks: so RXX on (2, 3) of 16
        // qubits took 46 us; the entries loaded in the loop, 58; made before the masks, 60
        // (docs/benchmarks.md, 2026-12-08, later; with the shuffles over doubles, loading had been faster)
        DoubleVector x0 = DoubleVector.fromArray(S, x[0], 0), x1 = DoubleVector.fromArray(S, x[1], 0);
        DoubleVector x2 = DoubleVector.fromArray(S, x[2], 0), x3 = DoubleVector.fromArray(S, x[3], 0);
        DoubleVector y0 = DoubleVector.fromArray(S, y[0], 0), y1 = DoubleVector.fromArray(S, y[1], 0);
        DoubleVector y2 = DoubleVector.fromArray(S, y[2], 0), y3 = DoubleVector.fromArray(S, y[3], 0);
        // the vectors with bit high clear, block by block (a test per vector: 47 us against 38 on (0, 15))
        for (int block = 0; block < 1 << n; block += 2 * hb) {
            for (int i = block, end = block + hb; i < end; i += L) {
                if ((i & cmask) != cmask) {
                    continue;
                }
                int j = i + hb;
                DoubleVector ur = DoubleVector.fromArray(S, re, i), ui = DoubleVector.fromArray(S, im, i);
                DoubleVector vr = DoubleVector.fromArray(S, re, j), vi = DoubleVector.fromArray(S, im, j);
                DoubleVector pr = rearranged(vr, cross), pi = rearranged(vi, cross); // partners of u's lanes
                DoubleVector qr = rearranged(ur, cross), qi = rearranged(ui, cross); // partners of v's lanes
                // "a" and "b" of each lane's pair, as in the scalar loop
                DoubleVector ar = ur.blend(pr, xb), ai = ui.blend(pi, xb), br = pr.blend(ur, xb), bi = pi.blend(ui, xb);
                ar.mul(x0).sub(ai.mul(x1)).add(br.mul(x2)).sub(bi.mul(x3)).intoArray(re, i);
                ai.mul(x0).add(ar.mul(x1)).add(bi.mul(x2)).add(br.mul(x3)).intoArray(im, i);
                ar = vr.blend(qr, yb);
                ai = vi.blend(qi, yb);
                br = qr.blend(vr, yb);
                bi = qi.blend(vi, yb);
                ar.mul(y0).sub(ai.mul(y1)).add(br.mul(y2)).sub(bi.mul(y3)).intoArray(re, j);
                ai.mul(y0).add(ar.mul(y1)).add(bi.mul(y2)).add(br.mul(y3)).intoArray(im, j);
            }
        }
    }

    /** Each lane's row (re, im of the "a" entry, then of the "b" entry) for the vector at {@code base}, one array per column. */
    private static double[][] laneRows(double[][] rows, int a, int b, int base) {
        double[][] c = new double[4][L];
        for (int k = 0; k < L; k++) {
            int i = base | k;
            double[] row = rows[(i >> a & 1) | (i >> b & 1) << 1];
            for (int e = 0; e < 4; e++) {
                c[e][k] = row[e];
            }
        }
        return c;
    }

    /** The lanes whose bit b is set (none when b is above the lanes). */
    private static boolean[] laneSecond(int b) {
        boolean[] second = new boolean[L];
        for (int k = 0; k < L; k++) {
            second[k] = b < Integer.numberOfTrailingZeros(L) && (k >> b & 1) != 0;
        }
        return second;
    }

    /**
     * {@link Kernels#diagonal2} on any targets and controls, vector by vector: the entries of a
     * vector's lanes depend on its lanes' low bits and on the vector's own target bits above them,
     * so there are at most four vectors of entries, made once. Lanes whose (low) control bits are
     * not all set take the entry 1, which leaves them as they are.
     */
    static void diagonal2(double[] re, double[] im, int n, int a, int b, int cmask, double[] m) {
        int lanes = L - 1;
        int highControls = cmask & ~lanes, lowControls = cmask & lanes;
        double[] tr = new double[4 * L], ti = new double[4 * L];
        for (int key = 0; key < 4; key++) {
            int v = ((key & 1) << a | (key >> 1) << b) & ~lanes;
            for (int k = 0; k < L; k++) {
                int i = v | k;
                int r = (i >> a & 1) | (i >> b & 1) << 1;
                boolean on = (k & lowControls) == lowControls;
                tr[key * L + k] = on ? m[10 * r] : 1; // entry (r, r) of the interleaved 4x4
                ti[key * L + k] = on ? m[10 * r + 1] : 0;
            }
        }
        if (((1 << a | 1 << b | highControls) & ~lanes) == 0) {
            scaleLanes(re, im, n, DoubleVector.fromArray(S, tr, 0), DoubleVector.fromArray(S, ti, 0));
            return;
        }
        for (int i = 0; i < 1 << n; i += L) {
            if ((i & highControls) == highControls) {
                int key = (i >> a & 1) | (i >> b & 1) << 1;
                DoubleVector dr = DoubleVector.fromArray(S, tr, key * L);
                DoubleVector di = DoubleVector.fromArray(S, ti, key * L);
                DoubleVector xr = DoubleVector.fromArray(S, re, i);
                DoubleVector xi = DoubleVector.fromArray(S, im, i);
                xr.mul(dr).sub(xi.mul(di)).intoArray(re, i);
                xi.mul(dr).add(xr.mul(di)).intoArray(im, i);
            }
        }
    }

    /**
     * Every vector times the same lane-by-lane entries: a two-qubit diagonal with both targets (and
     * any controls) inside the lanes. One pair of entry vectors for the whole state, held in
     * registers, instead of one looked up per vector (RZZ on (0, 1) of 16 qubits: 15 against 22 us,
     * docs/benchmarks.md, 2026-12-08, later).
     */
    private static void scaleLanes(double[] re, double[] im, int n, DoubleVector dr, DoubleVector di) {
        for (int i = 0; i < 1 << n; i += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            xr.mul(dr).sub(xi.mul(di)).intoArray(re, i);
            xi.mul(dr).add(xr.mul(di)).intoArray(im, i);
        }
    }

    /** Whether {@link #general2} applies a two-qubit gate on (a, b) with controls {@code cmask}: runs of whole vectors. */
    static boolean handles2(int a, int b, int cmask) {
        return Integer.lowestOneBit(cmask | 1 << a | 1 << b) >= L;
    }

    /**
     * {@link Kernels#diagonal1} where {@link #handles} says so: each amplitude times the diagonal
     * entry its target bit picks. Runs that fill vectors share one entry; below that (no controls,
     * target bit under log2 L) each vector takes the entries lane by lane, a blend of the two.
     */
    static void diagonal1(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        if (Integer.lowestOneBit(cmask | 1 << t) >= L) {
            diagonal1Wide(re, im, n, t, cmask, m);
        } else if (cmask == 0) {
            diagonal1Narrow(re, im, n, t, m);
        } else {
            diagonal1NarrowControlled(re, im, n, t, cmask, m);
        }
    }

    private static void diagonal1Wide(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        int tb = 1 << t;
        int run = Integer.lowestOneBit(cmask | tb);
        boolean touch0 = m[0] != 1 || m[1] != 0;
        for (int start = 0; start < 1 << n; start += run) {
            boolean one = (start & tb) != 0;
            if ((start & cmask) == cmask && (one || touch0)) {
                double dr = one ? m[6] : m[0], di = one ? m[7] : m[1];
                for (int i = start, end = start + run; i < end; i += L) {
                    DoubleVector xr = DoubleVector.fromArray(S, re, i);
                    DoubleVector xi = DoubleVector.fromArray(S, im, i);
                    xr.mul(dr).sub(xi.mul(di)).intoArray(re, i);
                    xi.mul(dr).add(xr.mul(di)).intoArray(im, i);
                }
            }
        }
    }

    private static void diagonal1Narrow(double[] re, double[] im, int n, int t, double[] m) {
        VectorMask<Double> upper = UPPER[t];
        DoubleVector dr = DoubleVector.broadcast(S, m[0]).blend(m[6], upper);
        DoubleVector di = DoubleVector.broadcast(S, m[1]).blend(m[7], upper);
        for (int i = 0; i < 1 << n; i += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            xr.mul(dr).sub(xi.mul(di)).intoArray(re, i);
            xi.mul(dr).add(xr.mul(di)).intoArray(im, i);
        }
    }

    /** {@link #diagonal1Narrow} with controls, as {@link #general1NarrowControlled}. */
    private static void diagonal1NarrowControlled(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        VectorMask<Double> upper = UPPER[t];
        DoubleVector dr = DoubleVector.broadcast(S, m[0]).blend(m[6], upper);
        DoubleVector di = DoubleVector.broadcast(S, m[1]).blend(m[7], upper);
        for (int i = 0; i < 1 << n; i += L) {
            if ((i & cmask) != cmask) {
                continue;
            }
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            xr.mul(dr).sub(xi.mul(di)).intoArray(re, i);
            xi.mul(dr).add(xr.mul(di)).intoArray(im, i);
        }
    }
}

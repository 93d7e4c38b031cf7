// One pass over a 16-qubit array (2^16 doubles) that moves each vector's lanes to lane ^ 2^t, t = 0..2,
// least time of 400 passes, five rounds, against a pass that only adds 0 (same loads and stores):
//   double  rearrange with a shuffle over doubles (the one-state kernels before 2026-12-08, later);
//   long    the vector reinterpreted as longs, a shuffle over longs, back to doubles (as
//           quantum/VectorKernels.rearranged now): the same bits;
//   byte, int  the same through bytes and ints.
// On JDK 17 the double shuffle's index check converts the indexes to doubles on every call and the
// pass costs about twice the plain one; the others cost a plain pass. JDK 25: all the same.
// Checks that the four give the same array first. Standalone (no project classes):
//   java --add-modules jdk.incubator.vector docs/bench/LaneShuffle.java
//   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector docs/bench/LaneShuffle.java
import jdk.incubator.vector.*;
import java.util.Arrays;

public class LaneShuffle {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final VectorSpecies<Long> SL = S.withLanes(long.class);
    static final VectorSpecies<Integer> SI = IntVector.SPECIES_PREFERRED;
    static final VectorSpecies<Byte> SB = ByteVector.SPECIES_PREFERRED;

    static void viaDouble(double[] a, VectorShuffle<Double> s) {
        for (int v = 0; v < a.length; v += L) DoubleVector.fromArray(S, a, v).rearrange(s).intoArray(a, v);
    }
    static void viaLong(double[] a, VectorShuffle<Long> s) {
        for (int v = 0; v < a.length; v += L)
            ((DoubleVector) DoubleVector.fromArray(S, a, v).reinterpretAsLongs().rearrange(s).reinterpretAsDoubles()).intoArray(a, v);
    }
    static void viaByte(double[] a, VectorShuffle<Byte> s) {
        for (int v = 0; v < a.length; v += L)
            ((DoubleVector) DoubleVector.fromArray(S, a, v).reinterpretAsBytes().rearrange(s).reinterpretAsDoubles()).intoArray(a, v);
    }
    static void viaInt(double[] a, VectorShuffle<Integer> s) {
        for (int v = 0; v < a.length; v += L)
            ((DoubleVector) DoubleVector.fromArray(S, a, v).reinterpretAsInts().rearrange(s).reinterpretAsDoubles()).intoArray(a, v);
    }
    static void addZero(double[] a) {
        for (int v = 0; v < a.length; v += L) DoubleVector.fromArray(S, a, v).add(0.0).intoArray(a, v);
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        double[] a = new double[1 << 16];
        for (int i = 0; i < a.length; i++) a[i] = i;
        int bits = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Double>[] sd = new VectorShuffle[bits];
        VectorShuffle<Long>[] sl = new VectorShuffle[bits];
        VectorShuffle<Byte>[] sb = new VectorShuffle[bits];
        VectorShuffle<Integer>[] si = new VectorShuffle[bits];
        for (int t = 0; t < bits; t++) {
            int tb = 1 << t;
            sd[t] = VectorShuffle.fromOp(S, k -> k ^ tb);
            sl[t] = VectorShuffle.fromOp(SL, k -> k ^ tb);
            sb[t] = VectorShuffle.fromOp(SB, k -> ((k >> 3) ^ tb) * 8 + (k & 7));
            si[t] = VectorShuffle.fromOp(SI, k -> ((k >> 1) ^ tb) * 2 + (k & 1));
        }
        for (int t = 0; t < bits; t++) {
            double[] x = a.clone(), y = a.clone(), z = a.clone(), w = a.clone();
            viaDouble(x, sd[t]); viaLong(y, sl[t]); viaByte(z, sb[t]); viaInt(w, si[t]);
            if (!Arrays.equals(x, y) || !Arrays.equals(x, z) || !Arrays.equals(x, w)) throw new AssertionError("t = " + t);
        }
        System.out.println(Runtime.version() + ", " + L + " lanes; us per pass, least of 400; columns t = 0.." + (bits - 1));
        for (int round = 0; round < 5; round++) {
            long plain = Long.MAX_VALUE;
            long[][] best = new long[4][bits];
            for (long[] b : best) Arrays.fill(b, Long.MAX_VALUE);
            for (int r = 0; r < 400; r++) { long t0 = System.nanoTime(); addZero(a); plain = Math.min(plain, System.nanoTime() - t0); }
            for (int t = 0; t < bits; t++) {
                for (int r = 0; r < 400; r++) {
                    long t0 = System.nanoTime(); viaDouble(a, sd[t]);
                    long t1 = System.nanoTime(); viaLong(a, sl[t]);
                    long t2 = System.nanoTime(); viaByte(a, sb[t]);
                    long t3 = System.nanoTime(); viaInt(a, si[t]);
                    long t4 = System.nanoTime();
                    best[0][t] = Math.min(best[0][t], t1 - t0); best[1][t] = Math.min(best[1][t], t2 - t1);
                    best[2][t] = Math.min(best[2][t], t3 - t2); best[3][t] = Math.min(best[3][t], t4 - t3);
                }
            }
            StringBuilder line = new StringBuilder(String.format("add 0: %.1f", plain / 1e3));
            String[] names = {"double", "long", "byte", "int"};
            for (int k = 0; k < 4; k++) {
                line.append(" | ").append(names[k]);
                for (int t = 0; t < bits; t++) line.append(String.format(" %.1f", best[k][t] / 1e3));
            }
            System.out.println(line);
        }
    }
}

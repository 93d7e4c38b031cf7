// One general 2x2 gate on each target of a 16-qubit state (re and im, 2^16 doubles each), the
// one-state kernel's loop for targets above the lanes (as quantum/VectorKernels.general1Wide), least
// of 200 calls per target, three rounds. re and im are allocated one after the other, with an
// optional array between them (-Dpad=doubles). With G1's 1 MB regions (-Xmx2g) each 512 KB array is
// a humongous object of one region, so with no pad im starts 1 MB after re, and the gate on target
// 12 (pairs 32 KB apart) took 97-108 us against 20-25 for every other target; -Dpad=200000 (a 1.5 MB
// array between, two regions) left none. In a harness of the project's own kernel, a 560 KB array
// between (im 2 MB after re) moved the slow target to 13. Two lines whose addresses
// differ in bits 15 and 20 together (or 16 and 21, ...) share an L1 "utag" on AMD Zen (the L1D way
// predictor hashes address bits 12-27 in pairs, Lipp et al., "Take A Way", 2020), which fits: re[j]
// and im[i] then evict each other on every access. Standalone (no project classes):
//   java -Xmx2g --add-modules jdk.incubator.vector docs/bench/ArrayDistance.java
//   java -Xmx2g -Dpad=200000 --add-modules jdk.incubator.vector docs/bench/ArrayDistance.java
import jdk.incubator.vector.*;

public class ArrayDistance {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    static void general1Wide(double[] re, double[] im, int n, int t, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int tb = 1 << t;
        for (int start = 0; start < 1 << n; start += tb) {
            if ((start & tb) != 0) continue;
            for (int i = start, end = start + tb; i < end; i += L) {
                int j = i + tb;
                DoubleVector ar = DoubleVector.fromArray(S, re, i), ai = DoubleVector.fromArray(S, im, i);
                DoubleVector br = DoubleVector.fromArray(S, re, j), bi = DoubleVector.fromArray(S, im, j);
                ar.mul(m0).sub(ai.mul(m1)).add(br.mul(m2)).sub(bi.mul(m3)).intoArray(re, i);
                ai.mul(m0).add(ar.mul(m1)).add(bi.mul(m2)).add(br.mul(m3)).intoArray(im, i);
                ar.mul(m4).sub(ai.mul(m5)).add(br.mul(m6)).sub(bi.mul(m7)).intoArray(re, j);
                ai.mul(m4).add(ar.mul(m5)).add(bi.mul(m6)).add(br.mul(m7)).intoArray(im, j);
            }
        }
    }

    public static void main(String[] args) {
        int n = 16, pad = Integer.getInteger("pad", 0);
        double[] re = new double[1 << n];
        double[] spacer = pad > 0 ? new double[pad] : null;
        double[] im = new double[1 << n];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < re.length; i++) { re[i] = random.nextGaussian() / 256; im[i] = random.nextGaussian() / 256; }
        // U3(0.7, 0.2, 0.4), interleaved re/im: unitary, so the amplitudes stay in range
        double c = Math.cos(0.35), s = Math.sin(0.35);
        double[] m = {c, 0, -s * Math.cos(0.4), -s * Math.sin(0.4), s * Math.cos(0.2), s * Math.sin(0.2), c * Math.cos(0.6), c * Math.sin(0.6)};
        System.out.println("pad " + pad + (spacer == null ? "" : " (" + spacer.length * 8 / 1024 + " KB)") + "; us per gate by target, least of 200");
        for (int round = 0; round < 3; round++) {
            StringBuilder line = new StringBuilder();
            for (int t = Integer.numberOfTrailingZeros(L); t < n; t++) {
                long best = Long.MAX_VALUE;
                for (int r = 0; r < 200; r++) { long t0 = System.nanoTime(); general1Wide(re, im, n, t, m); best = Math.min(best, System.nanoTime() - t0); }
                line.append(String.format("%d:%.0f ", t, best / 1e3));
            }
            System.out.println(line);
        }
    }
}

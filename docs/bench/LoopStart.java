// One vector pass over a state (2^n doubles of re and of im; n from the argument, 20 by default):
// each amplitude times 0.6 + 0.8i, the same 8-lane loop started at index 0..L-1 (the last partial
// vector left out), least of 60 passes (2,000 at n <= 16), three rounds, against the floor of
// cli/BenchQuantumCommand.globalPhase (a scalar loop, which C2 vectorises with an aligning pre-loop).
// At 20 qubits the loop took 287-309 us from index 0 and 220-231 from index 2 or 6 (floor 205-216):
// loads and stores that straddle 64-byte cache lines cost the one-state kernels 1.3-1.4x there.
// Standalone (no project classes):
//   java -Xmx2g --add-modules jdk.incubator.vector docs/bench/LoopStart.java 20
import jdk.incubator.vector.*;

public class LoopStart {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    static void floor(double[] re, double[] im, double c, double s) {
        for (int i = 0; i < re.length; i++) {
            double a = re[i], b = im[i];
            re[i] = c * a - s * b;
            im[i] = c * b + s * a;
        }
    }

    static void vector(double[] re, double[] im, int start, double c, double s) {
        DoubleVector dr = DoubleVector.broadcast(S, c), di = DoubleVector.broadcast(S, s);
        for (int i = start; i + L <= re.length; i += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i), xi = DoubleVector.fromArray(S, im, i);
            xr.mul(dr).sub(xi.mul(di)).intoArray(re, i);
            xi.mul(dr).add(xr.mul(di)).intoArray(im, i);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double[] re = new double[1 << n], im = new double[1 << n];
        java.util.Arrays.fill(re, 0.5);
        int reps = n <= 16 ? 2000 : 60;
        for (int round = 0; round < 3; round++) {
            StringBuilder line = new StringBuilder();
            long f = Long.MAX_VALUE;
            for (int r = 0; r < reps; r++) { long t0 = System.nanoTime(); floor(re, im, 0.6, 0.8); f = Math.min(f, System.nanoTime() - t0); }
            line.append(String.format("n = %d, floor %.1f us | from index:", n, f / 1e3));
            for (int start = 0; start < L; start++) {
                long b = Long.MAX_VALUE;
                for (int r = 0; r < reps; r++) { long t0 = System.nanoTime(); vector(re, im, start, 0.6, 0.8); b = Math.min(b, System.nanoTime() - t0); }
                line.append(String.format(" %d: %.1f", start, b / 1e3));
            }
            System.out.println(line);
        }
    }
}

// One batched forward call after 1 ms of single-thread arithmetic, as in training, where a
// quantum layer's call follows the classical layers' work and the tile worker has parked:
// the layered circuit of bench quantum (RY inputs, then RY weights and CNOTs, 8n gates) on
// n qubits, on 1 and 2 threads in turn, 1,000 calls each per round, five rounds; the median and
// least per call. Run from the project folder after `mvn -DskipTests package`, with BATCH and N:
//   java -cp "target/qanvas.jar:target/lib/*" docs/bench/BatchAfterPause.java 256 8
// BatchSimulator splits a call into tiles only from 2^16 amplitudes (batch << n); below that both
// run one tile. Put an older build's jar on -cp to time two tiles there (docs/benchmarks.md,
// 2026-12-07, night).
import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import java.lang.reflect.Method;

public class BatchAfterPause {
    static double sink;

    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]);
        Class<?> bench = Class.forName("dev.qanvas.cli.BenchQuantumCommand");
        Method layered = bench.getDeclaredMethod("layered", int.class, int.class);
        Method inputs = bench.getDeclaredMethod("inputs", int.class, int.class, java.util.Random.class);
        layered.setAccessible(true);
        inputs.setAccessible(true);
        Circuit c = (Circuit) layered.invoke(null, n, 8 * n);
        double[][] x = (double[][]) inputs.invoke(null, batch, n, new java.util.Random(1));
        double[] w = c.initialWeights();
        for (int round = 0; round < 6; round++) {
            long[][] t = new long[2][1000];
            for (int i = 0; i < 2000; i++) { // 1 and 2 threads in turn, each after its pause
                long end = System.nanoTime() + 1_000_000;
                double acc = 0;
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 100; k++) {
                        acc += Math.sqrt(k + acc);
                    }
                }
                sink = acc;
                long t0 = System.nanoTime();
                BatchSimulator.run(c, x, w, 1 + i % 2);
                t[i % 2][i / 2] = System.nanoTime() - t0;
            }
            if (round > 0) { // the first warms up
                for (long[] u : t) {
                    java.util.Arrays.sort(u);
                }
                System.out.printf("n %d, batch %d after 1 ms of other work, median (least): 1 thread %.1f us (%.1f), 2 threads %.1f us (%.1f): 1 / 2 threads %.2f%n",
                        n, batch, t[0][500] / 1e3, t[0][0] / 1e3, t[1][500] / 1e3, t[1][0] / 1e3, (double) t[0][500] / t[1][500]);
            }
        }
        System.exit(0);
    }
}

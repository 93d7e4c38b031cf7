// The bench quantum throughput circuit (n = 8, 64 gates) on one thread, batch sizes in rising
// order in one fresh JVM: 1, 2, 16, 128, 256 (the least of 4,000 calls each). C2 unrolls, and so
// vectorises, the batch kernels' sample loops only as far as the trip counts it has profiled, so
// a process whose first few thousand calls are on 1 or 2 samples (one image's prediction or
// saliency) used to keep slow kernels for every later batch. BatchSimulator pads small batches
// to 8 samples (MIN_SAMPLES) so that the kernels never see shorter loops.
// Run from the project folder after `mvn -DskipTests package`:
//   java -cp "target/qanvas.jar:target/lib/*" docs/bench/SmallBatchFirst.java
// and with the order reversed (largest first) to compare:  ... SmallBatchFirst.java reversed
import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import java.lang.reflect.Method;

public class SmallBatchFirst {
    public static void main(String[] args) throws Exception {
        Class<?> bench = Class.forName("dev.qanvas.cli.BenchQuantumCommand");
        Method layered = bench.getDeclaredMethod("layered", int.class, int.class);
        Method inputs = bench.getDeclaredMethod("inputs", int.class, int.class, java.util.Random.class);
        layered.setAccessible(true);
        inputs.setAccessible(true);
        Circuit c = (Circuit) layered.invoke(null, 8, 64);
        double[] w = c.initialWeights();
        int[] batches = {1, 2, 16, 128, 256};
        if (args.length > 0 && args[0].equals("reversed")) {
            batches = new int[] {256, 128, 16, 2, 1};
        }
        StringBuilder line = new StringBuilder("one thread, least of 4,000 calls:");
        for (int batch : batches) {
            double[][] x = (double[][]) inputs.invoke(null, batch, 8, new java.util.Random(1));
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 4000; i++) {
                long t0 = System.nanoTime();
                BatchSimulator.run(c, x, w, 1);
                best = Math.min(best, System.nanoTime() - t0);
            }
            line.append(String.format("  batch %d %.1f us", batch, best / 1e3));
        }
        System.out.println(line);
    }
}

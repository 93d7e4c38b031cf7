// The bench quantum throughput circuit (n = 8, batch 256, 64 gates) timed directly, outside
// bench quantum's block harness: the least of 300 single calls per round, the engine on one
// thread and the plain loop in turn (with a two-thread engine call between, as in the bench);
// then the engine on 1 and 2 threads at batch 256, 1024 and 4096.
// Run from the project folder after `mvn -DskipTests package`:
//   java -cp "target/qanvas.jar:target/lib/*" docs/bench/BatchThroughput.java
// (JAR=... style: put another build's jar and lib/ on -cp to compare builds.)
import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import java.lang.reflect.Method;

public class BatchThroughput {
    public static void main(String[] args) throws Exception {
        Class<?> bench = Class.forName("dev.qanvas.cli.BenchQuantumCommand");
        Method layered = bench.getDeclaredMethod("layered", int.class, int.class);
        Method inputs = bench.getDeclaredMethod("inputs", int.class, int.class, java.util.Random.class);
        Method plain = bench.getDeclaredMethod("plainLayered", int.class, int.class, double[][].class);
        for (Method m : new Method[] {layered, inputs, plain}) {
            m.setAccessible(true);
        }
        Circuit c = (Circuit) layered.invoke(null, 8, 64);
        double[][] x = (double[][]) inputs.invoke(null, 256, 8, new java.util.Random(1));
        double[] w = c.initialWeights();
        for (int round = 0; round < 8; round++) {
            long engine = Long.MAX_VALUE, loop = Long.MAX_VALUE;
            for (int i = 0; i < 300; i++) {
                long t0 = System.nanoTime();
                BatchSimulator.run(c, x, w, 1);
                engine = Math.min(engine, System.nanoTime() - t0);
                BatchSimulator.run(c, x, w, 2);
                t0 = System.nanoTime();
                plain.invoke(null, 8, 64, x);
                loop = Math.min(loop, System.nanoTime() - t0);
            }
            System.out.printf("round %d: engine, 1 thread %.3f ms; plain loop %.3f ms; plain / engine %.2f%n",
                    round, engine / 1e6, loop / 1e6, (double) loop / engine);
        }
        // Then 1 against 2 threads as the batch grows: at batch 256 a call is a quarter of a
        // millisecond, so waking the second thread is a visible share of it.
        for (int batch : new int[] {256, 1024, 4096}) {
            double[][] xb = (double[][]) inputs.invoke(null, batch, 8, new java.util.Random(1));
            long one = Long.MAX_VALUE, two = Long.MAX_VALUE, sumOne = 0, sumTwo = 0;
            int calls = 4096 * 200 / batch;
            for (int i = 0; i < 2 * calls; i++) {
                long t0 = System.nanoTime();
                BatchSimulator.run(c, xb, w, 1);
                long t1 = System.nanoTime();
                BatchSimulator.run(c, xb, w, 2);
                long t2 = System.nanoTime();
                if (i >= calls) { // the first half warms up
                    one = Math.min(one, t1 - t0);
                    two = Math.min(two, t2 - t1);
                    sumOne += t1 - t0;
                    sumTwo += t2 - t1;
                }
            }
            System.out.printf("batch %d: 1 thread %.3f ms (mean %.3f), 2 threads %.3f ms (mean %.3f): 1 / 2 threads %.2f least, %.2f mean%n",
                    batch, one / 1e6, sumOne / 1e6 / calls, two / 1e6, sumTwo / 1e6 / calls, (double) one / two, (double) sumOne / sumTwo);
        }
    }
}

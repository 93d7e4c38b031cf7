// The bench quantum throughput circuit (n = 8, batch 256, 64 gates) timed directly, outside
// bench quantum's block harness: the least of 300 single calls per round, the engine on one
// thread and the plain loop in turn (with a two-thread engine call between, as in the bench).
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
    }
}

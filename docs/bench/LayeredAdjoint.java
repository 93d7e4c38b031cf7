// Run from the project folder after `mvn -DskipTests package`:
//   java --add-modules jdk.incubator.vector -cp "target/qanvas.jar:target/lib/*" docs/bench/LayeredAdjoint.java
// The adjoint call on bench quantum's throughput circuit (n = 8, batch 256, 64 gates: RY inputs,
// then trainable RY and CNOT in turn), one thread: least and median of 300 calls per round, and
// the forward (run + expectations) for the ratio.
import dev.qanvas.quantum.*;
import java.lang.reflect.Method;
import java.util.*;
public class LayeredAdjoint {
    public static void main(String[] args) throws Exception {
        Class<?> bench = Class.forName("dev.qanvas.cli.BenchQuantumCommand");
        Method layered = bench.getDeclaredMethod("layered", int.class, int.class);
        Method inputs = bench.getDeclaredMethod("inputs", int.class, int.class, Random.class);
        layered.setAccessible(true); inputs.setAccessible(true);
        Circuit c = (Circuit) layered.invoke(null, 8, 64);
        double[][] x = (double[][]) inputs.invoke(null, 256, 8, new Random(1));
        double[] w = c.initialWeights();
        List<PauliString> obs = new ArrayList<>();
        for (int q = 0; q < 8; q++) obs.add(PauliString.z(q));
        double[][] up = new double[256][8];
        for (double[] r : up) Arrays.fill(r, 0.125);
        for (int round = 0; round < 6; round++) {
            long[] a = new long[300], f = new long[300];
            for (int i = 0; i < 300; i++) {
                long t0 = System.nanoTime(); BatchSimulator.adjoint(c, x, w, obs, up, 1); a[i] = System.nanoTime() - t0;
                t0 = System.nanoTime(); BatchSimulator.run(c, x, w, 1).expectations(obs); f[i] = System.nanoTime() - t0;
            }
            Arrays.sort(a); Arrays.sort(f);
            System.out.printf("adjoint %.3f ms (least %.3f), forward %.3f ms (least %.3f), ratio %.2f%n", a[150] / 1e6, a[0] / 1e6, f[150] / 1e6, f[0] / 1e6, (double) a[150] / f[150]);
        }
    }
}

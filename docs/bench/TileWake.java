// How soon a tile worker (quantum.Tiles) starts its tile: Tiles.run(2, ...) with two busy-wait
// tiles of WORK us, GAP us apart; prints how many calls a worker ran a tile in (else the caller ran
// both) and the delay from the call's start to the worker's tile start.
// Run from the project folder after `mvn -DskipTests package`:
//   java [-Dqanvas.tiles.spinMicros=200] [-Dqanvas.tiles.backOffMillis=100] -cp "target/qanvas.jar:target/lib/*" docs/bench/TileWake.java WORK GAP CALLS
import java.lang.reflect.Method;
import java.util.function.IntConsumer;
public class TileWake {
    public static void main(String[] a) throws Exception {
        Class<?> tiles = Class.forName("dev.qanvas.quantum.Tiles");
        Method run = tiles.getDeclaredMethod("run", int.class, IntConsumer.class);
        run.setAccessible(true);
        long work = Long.parseLong(a[0]) * 1000; // ns per tile
        long gap = Long.parseLong(a[1]) * 1000;  // ns between calls
        int calls = Integer.parseInt(a[2]);
        Thread caller = Thread.currentThread();
        long[] delays = new long[calls];
        int helped = 0;
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            long[] start = {-1};
            run.invoke(null, 2, (IntConsumer) t -> {
                if (Thread.currentThread() != caller) start[0] = System.nanoTime() - t0;
                long end = System.nanoTime() + work;
                while (System.nanoTime() < end) Thread.onSpinWait();
            });
            delays[i] = start[0];
            if (start[0] >= 0) helped++;
            long g = System.nanoTime() + gap;
            while (System.nanoTime() < g) Thread.onSpinWait();
        }
        long[] d = java.util.Arrays.stream(delays).filter(x -> x >= 0).sorted().toArray();
        System.out.printf("work %d us gap %d us: worker helped %d/%d, delay us p10 %.1f p50 %.1f p90 %.1f%n", work/1000, gap/1000, helped, calls,
            d.length > 0 ? d[d.length/10]/1e3 : -1, d.length > 0 ? d[d.length/2]/1e3 : -1, d.length > 0 ? d[d.length*9/10]/1e3 : -1);
    }
}

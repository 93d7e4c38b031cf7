package dev.qanvas.ui.train;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;

/**
 * Measures how fluid the UI is: an animation timer asks for a pulse every frame (about 60 a
 * second) and counts the gaps between pulses longer than 50 ms, the stalls a user sees. Used to
 * measure the Train workspace while a model trains (system property {@code qanvas.frameStats}).
 */
public final class FrameMonitor extends AnimationTimer {

    /** A gap between two frames longer than this is a visible stall. */
    public static final long STALL_NANOS = 50_000_000L;

    private long last;
    private long frames;
    private long stalls;
    private long maxGap;
    private long sumGaps;

    @Override
    public void handle(long now) {
        if (last != 0) {
            long gap = now - last;
            frames++;
            sumGaps += gap;
            maxGap = Math.max(maxGap, gap);
            if (gap > STALL_NANOS) {
                stalls++;
            }
        }
        last = now;
    }

    public long frames() { return frames; }
    public long stalls() { return stalls; }
    public double maxGapMillis() { return maxGap / 1e6; }

    public String summary() {
        return String.format(Locale.ROOT, "frames %d, mean gap %.1f ms, gaps > 50 ms: %d (%.2f %%), longest %.0f ms",
                frames, frames == 0 ? 0 : sumGaps / 1e6 / frames, stalls, frames == 0 ? 0 : 100.0 * stalls / frames, maxGap / 1e6);
    }

    /** Resets the counts (e.g. when training starts). */
    public void reset() {
        last = 0;
        frames = stalls = maxGap = sumGaps = 0;
    }

    /** Starts a monitor that prints its summary to stderr every {@code seconds} and resets, while {@code owner} exists. */
    public static FrameMonitor startLogging(Node owner, int seconds) {
        FrameMonitor m = new FrameMonitor();
        m.start();
        javafx.animation.Timeline log = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(seconds), e -> {
                    System.err.println("[frames] " + java.time.LocalTime.now().withNano(0) + " " + m.summary());
                    m.reset();
                }));
        log.setCycleCount(javafx.animation.Animation.INDEFINITE);
        log.play();
        return m;
    }
}

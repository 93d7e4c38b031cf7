package dev.qanvas.photonic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Occupations of n photons in m modes: C(m + n - 1, n) of them, enumerated from (n, 0, ..., 0)
 * down to (0, ..., 0, n) in descending lexicographic order (mode 0 first).
 */
public final class FockStates {

    private FockStates() {
    }

    /** C(m + n - 1, n), exactly. */
    public static BigInteger countExact(int modes, int photons) {
        BigInteger c = BigInteger.ONE;
        for (int k = 1; k <= photons; k++) {
            c = c.multiply(BigInteger.valueOf(modes - 1L + k)).divide(BigInteger.valueOf(k));
        }
        return c;
    }

    /** Calls {@code visit} with every occupation in order; the array is reused between calls. */
    public static void forEach(int modes, int photons, Consumer<int[]> visit) {
        int[] occ = new int[modes];
        occ[0] = photons;
        while (true) {
            visit.accept(occ);
            if (modes == 1) {
                return;
            }
            int last = occ[modes - 1];
            occ[modes - 1] = 0;
            int p = modes - 2;
            while (p >= 0 && occ[p] == 0) {
                p--;
            }
            if (p < 0) {
                return;
            }
            occ[p]--;
            occ[p + 1] = last + 1;
        }
    }

    /** Every occupation, in order; the caller bounds the count first ({@link PhotonicLimits#checkDistribution}). */
    public static List<int[]> all(int modes, int photons) {
        List<int[]> states = new ArrayList<>();
        forEach(modes, photons, occ -> states.add(occ.clone()));
        return states;
    }

    /** "1,1,0,0": mode 0 first, no spaces. */
    public static String key(int[] occupation) {
        StringBuilder sb = new StringBuilder(occupation.length * 2);
        for (int i = 0; i < occupation.length; i++) {
            sb.append(i > 0 ? "," : "").append(occupation[i]);
        }
        return sb.toString();
    }

    /** What threshold detectors see: 1 where a mode holds any photon. */
    public static int[] clicks(int[] occupation) {
        int[] c = new int[occupation.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = occupation[i] > 0 ? 1 : 0;
        }
        return c;
    }

    /** n! as a double (exact up to 22!). */
    static double factorial(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) {
            f *= k;
        }
        return f;
    }

    /** prod_i occupation_i!. */
    static double factorials(int[] occupation) {
        double f = 1;
        for (int o : occupation) {
            f *= factorial(o);
        }
        return f;
    }

    /** The mode of each photon: mode i repeated occupation_i times. */
    static int[] photonModes(int[] occupation, int photons) {
        int[] modes = new int[photons];
        int k = 0;
        for (int i = 0; i < occupation.length; i++) {
            for (int r = 0; r < occupation[i]; r++) {
                modes[k++] = i;
            }
        }
        return modes;
    }
}

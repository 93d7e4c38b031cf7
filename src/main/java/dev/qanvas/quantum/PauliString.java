package dev.qanvas.quantum;

import java.util.Map;
import java.util.TreeMap;

/**
 * A product of Pauli operators on some qubits, e.g. Z0, X1 Y3, the observables a quantum layer
 * measures. Stored as bit masks: X on the qubits of {@code xMask}, Z on those of {@code zMask},
 * Y where both bits are set.
 */
public record PauliString(int xMask, int zMask) {

    /** Z on one qubit. */
    public static PauliString z(int qubit) {
        return new PauliString(0, 1 << qubit);
    }

    public static PauliString x(int qubit) {
        return new PauliString(1 << qubit, 0);
    }

    public static PauliString y(int qubit) {
        return new PauliString(1 << qubit, 1 << qubit);
    }

    /** Parses "Z0 Z1", "X2Y3", "I" (case-insensitive, spaces optional). */
    public static PauliString parse(String text) {
        int x = 0, z = 0;
        String s = text.replace(" ", "").toUpperCase();
        int i = 0;
        while (i < s.length()) {
            char p = s.charAt(i++);
            if (p == 'I' && (i >= s.length() || !Character.isDigit(s.charAt(i)))) {
                continue;
            }
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i || "XYZI".indexOf(p) < 0) {
                throw new IllegalArgumentException("not a Pauli string (write e.g. Z0 X1 Y3): " + text);
            }
            int q = Integer.parseInt(s.substring(start, i));
            if (q > 30) {
                throw new IllegalArgumentException("qubit " + q + " is out of range in " + text);
            }
            int bit = 1 << q;
            if (((x | z) & bit) != 0) {
                throw new IllegalArgumentException("qubit " + q + " appears twice in " + text);
            }
            if (p == 'X' || p == 'Y') {
                x |= bit;
            }
            if (p == 'Z' || p == 'Y') {
                z |= bit;
            }
        }
        return new PauliString(x, z);
    }

    /** Number of Y factors (each contributes a factor i). */
    public int yCount() {
        return Integer.bitCount(xMask & zMask);
    }

    /** Highest qubit acted on, -1 for the identity. */
    public int maxQubit() {
        return 31 - Integer.numberOfLeadingZeros(xMask | zMask);
    }

    @Override
    public String toString() {
        Map<Integer, Character> factors = new TreeMap<>();
        for (int q = 0; q < 31; q++) {
            boolean hasX = (xMask >> q & 1) == 1, hasZ = (zMask >> q & 1) == 1;
            if (hasX || hasZ) {
                factors.put(q, hasX && hasZ ? 'Y' : hasX ? 'X' : 'Z');
            }
        }
        if (factors.isEmpty()) {
            return "I";
        }
        StringBuilder sb = new StringBuilder();
        factors.forEach((q, p) -> sb.append(sb.length() > 0 ? " " : "").append(p).append(q));
        return sb.toString();
    }
}

package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Feature maps for quantum kernels, defined exactly as Qiskit's {@code ZFeatureMap},
 * {@code ZZFeatureMap} and {@code PauliFeatureMap} (Havlíček et al. 2019) with alpha = 2 and the
 * default data map; docs/kernels.md writes the definitions out. Each returns an ordinary
 * {@link Circuit} whose angles read the features (x[i] on qubit i), so a feature map is edited,
 * drawn and exported like any circuit, and any circuit with input angles can serve as one.
 *
 * <p>Per rep: H on every qubit, then for each Pauli string in order and each block of qubits the
 * entanglement gives for its length, exp(i phi_S(x) P_S) up to a global phase, built as Qiskit's
 * {@code sparse_term_evolution} with phase gates: a basis change (H for X, SX for Y), a CNOT chain
 * onto the block's last active qubit, P(2 phi_S(x)) there, the chain undone, the basis change
 * undone (H, SXdg). phi_i = x_i; for two or more qubits phi_S = prod_{k in S} (pi - x_k).
 */
public final class FeatureMaps {

    /** Qiskit's entanglement strings for the blocks a Pauli term acts on. */
    public enum Pattern {
        /** Every combination of qubits in lexicographic order: (0,1), (0,2), ..., (n-2,n-1). */
        FULL,
        /** Consecutive blocks: (0,1), (1,2), ..., (n-2,n-1). */
        LINEAR,
        /**
         * Consecutive blocks with wrap-around, starting (historically) at n-m+1:
         * for pairs (n-1,0), (0,1), ..., (n-2,n-1); linear when m is 1 or n.
         */
        CIRCULAR;

        public static Pattern parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entanglement must be full, linear or circular, not '" + text + "'");
            }
        }
    }

    /** alpha in Qiskit: the phase gate's angle is alpha phi_S(x). */
    public static final double ALPHA = 2.0;

    private FeatureMaps() {
    }

    /** Qiskit's ZFeatureMap: per rep H on every qubit, then P(2 x_i) on qubit i. Qiskit's default reps is 2. */
    public static Circuit z(int features, int reps) {
        return pauli(features, reps, Pattern.FULL, List.of("Z"));
    }

    /** Qiskit's ZZFeatureMap: Pauli strings Z and ZZ. Qiskit's defaults are reps 2 and full entanglement. */
    public static Circuit zz(int features, int reps, Pattern entanglement) {
        return pauli(features, reps, entanglement, List.of("Z", "ZZ"));
    }

    /**
     * Qiskit's PauliFeatureMap for Pauli strings such as "Z", "ZZ", "XY", "ZZZ" (characters I, X,
     * Y, Z; Qiskit's label order: the last character acts on the block's first qubit). Qiskit's
     * default strings are Z and ZZ (Z alone for one feature).
     */
    public static Circuit pauli(int features, int reps, Pattern entanglement, List<String> paulis) {
        return new Circuit(features, operations(features, reps, entanglement, paulis));
    }

    /** The operations of {@link #pauli}, as a template to insert into a larger circuit. */
    public static List<Operation> operations(int features, int reps, Pattern entanglement, List<String> paulis) {
        if (features < 1 || features > Circuit.MAX_QUBITS) {
            throw new IllegalArgumentException("a feature map has 1.." + Circuit.MAX_QUBITS + " features (one qubit each), not " + features);
        }
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be at least 1, not " + reps);
        }
        if (paulis.isEmpty()) {
            throw new IllegalArgumentException("a Pauli feature map needs at least one Pauli string");
        }
        List<String> terms = new ArrayList<>();
        for (String p : paulis) {
            String t = p.trim().toUpperCase(Locale.ROOT);
            if (!t.matches("[IXYZ]+")) {
                throw new IllegalArgumentException("a Pauli string is made of I, X, Y and Z, not '" + p + "'");
            }
            if (t.length() > features) {
                throw new IllegalArgumentException("the Pauli string " + t + " is longer than the " + features + " features");
            }
            terms.add(t);
        }
        List<Operation> ops = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            for (int q = 0; q < features; q++) {
                ops.add(Operation.of(Gate.H, q));
            }
            for (String term : terms) {
                for (int[] block : blocks(features, term.length(), entanglement)) {
                    evolution(term, block, ops);
                }
            }
        }
        return ops;
    }

    /** The blocks of {@code size} qubits out of {@code n} that the pattern gives, in Qiskit's order. */
    public static List<int[]> blocks(int n, int size, Pattern pattern) {
        if (size < 1 || size > n) {
            throw new IllegalArgumentException("a block of " + size + " qubits does not fit in " + n);
        }
        List<int[]> out = new ArrayList<>();
        switch (pattern) {
            case FULL -> combinations(n, size, 0, new int[size], 0, out);
            case LINEAR -> linear(n, size, out);
            case CIRCULAR -> {
                if (size == 1 || size == n) {
                    linear(n, size, out);
                } else {
                    int offset = n - size + 1;
                    for (int start = 0; start < n; start++) {
                        int[] b = new int[size];
                        for (int i = 0; i < size; i++) {
                            b[i] = (offset + start + i) % n;
                        }
                        out.add(b);
                    }
                }
            }
            default -> throw new AssertionError(pattern);
        }
        return out;
    }

    private static void linear(int n, int size, List<int[]> out) {
        for (int start = 0; start + size <= n; start++) {
            int[] b = new int[size];
            for (int i = 0; i < size; i++) {
                b[i] = start + i;
            }
            out.add(b);
        }
    }

    private static void combinations(int n, int size, int from, int[] partial, int filled, List<int[]> out) {
        if (filled == size) {
            out.add(partial.clone());
            return;
        }
        for (int q = from; q <= n - (size - filled); q++) {
            partial[filled] = q;
            combinations(n, size, q + 1, partial, filled + 1, out);
        }
    }

    /**
     * exp(i phi P) on one block as Qiskit builds it: the block's qubits reversed are paired with the
     * string's characters, identities dropped; H (X) or SX (Y) on each; CNOTs from each active
     * qubit to the one before it, last pair first; P(2 phi) on the first active qubit; then the
     * CNOTs and basis changes undone.
     */
    private static void evolution(String term, int[] block, List<Operation> ops) {
        int m = block.length;
        List<Character> paulis = new ArrayList<>();
        List<Integer> qubits = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            char c = term.charAt(k);
            if (c != 'I') {
                paulis.add(c);
                qubits.add(block[m - 1 - k]);
            }
        }
        if (qubits.isEmpty()) {
            return;
        }
        Angle angle;
        if (m == 1) {
            angle = new Angle.Input(block[0], ALPHA);
        } else {
            List<Integer> indices = new ArrayList<>();
            for (int q : block) {
                indices.add(q);
            }
            angle = new Angle.Product(indices, ALPHA);
        }
        for (int k = 0; k < paulis.size(); k++) {
            basisChange(paulis.get(k), qubits.get(k), false, ops);
        }
        for (int k = qubits.size() - 2; k >= 0; k--) {
            ops.add(Operation.cnot(qubits.get(k + 1), qubits.get(k)));
        }
        ops.add(Operation.of(Gate.P, angle, qubits.get(0)));
        for (int k = 0; k + 1 < qubits.size(); k++) {
            ops.add(Operation.cnot(qubits.get(k + 1), qubits.get(k)));
        }
        for (int k = 0; k < paulis.size(); k++) {
            basisChange(paulis.get(k), qubits.get(k), true, ops);
        }
    }

    private static void basisChange(char pauli, int qubit, boolean undo, List<Operation> ops) {
        if (pauli == 'X') {
            ops.add(Operation.of(Gate.H, qubit));
        } else if (pauli == 'Y') {
            ops.add(Operation.of(undo ? Gate.SXDG : Gate.SX, qubit));
        }
    }
}

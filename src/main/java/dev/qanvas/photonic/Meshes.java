package dev.qanvas.photonic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Universal interferometers as meshes of cells, and the decomposition of a unitary into them.
 * A cell on modes (a, a+1) is PS(phi) on mode a followed by BS(theta) on (a, a+1), so its matrix is
 * T = BS(theta) diag(e^{i phi}, 1); a final column of phase shifters, one per mode, absorbs the
 * output phases. Reck et al. (1994): a triangle of m(m-1)/2 cells, every element nulled from the
 * right. Clements et al. (2016): a rectangle of the same number of cells and depth m, nulling
 * alternately from the right and from the left; the left cells are moved through the diagonal with
 * T^{-1} D = D' T'. Conventions in docs/photonic.md.
 */
public final class Meshes {

    /** A cell: PS(phi) on {@code mode}, then BS(theta) on (mode, mode + 1). */
    public record Cell(int mode, double theta, double phi) {
    }

    /** U = diag(e^{i outputPhases}) T_k ... T_1, cells in the order they are applied. */
    public record Decomposition(int modes, List<Cell> cells, double[] outputPhases) {
        public Decomposition {
            cells = List.copyOf(cells);
            outputPhases = outputPhases.clone();
        }

        /** The circuit of constant components: each cell's PS and BS, then the output phases. */
        public PhotonicCircuit circuit() {
            List<Component> components = new ArrayList<>();
            for (Cell cell : cells) {
                components.add(new Component.PhaseShifter(cell.mode(), new OpticalAngle.Constant(cell.phi())));
                components.add(new Component.BeamSplitter(cell.mode(), cell.mode() + 1, new OpticalAngle.Constant(cell.theta())));
            }
            for (int j = 0; j < modes; j++) {
                components.add(new Component.PhaseShifter(j, new OpticalAngle.Constant(outputPhases[j])));
            }
            return new PhotonicCircuit(modes, components);
        }
    }

    private Meshes() {
    }

    /** The Reck triangle reproducing {@code u} exactly (up to rounding). */
    public static Decomposition reck(ComplexMatrix u) {
        int m = requireUnitary(u);
        ComplexMatrix v = u.copy();
        List<Cell> cells = new ArrayList<>();
        for (int row = m - 1; row >= 1; row--) {
            for (int col = 0; col < row; col++) {
                cells.add(nullFromRight(v, row, col));
            }
        }
        // v = U T_1^{-1} ... T_k^{-1} is diagonal, so U = v T_k ... T_1
        return new Decomposition(m, cells, diagonalPhases(v));
    }

    /** The Clements rectangle reproducing {@code u} exactly (up to rounding). */
    public static Decomposition clements(ComplexMatrix u) {
        int m = requireUnitary(u);
        ComplexMatrix v = u.copy();
        List<Cell> right = new ArrayList<>();
        List<Cell> left = new ArrayList<>();
        for (int i = 0; i < m - 1; i++) {
            if (i % 2 == 0) {
                for (int j = 0; j <= i; j++) {
                    right.add(nullFromRight(v, m - 1 - j, i - j));
                }
            } else {
                for (int j = 1; j <= i + 1; j++) {
                    left.add(nullFromLeft(v, m - i - 3 + j, j - 1));
                }
            }
        }
        // L_p ... L_1 U R_1^{-1} ... R_q^{-1} = D, so U = L_1^{-1} ... L_p^{-1} D R_q ... R_1;
        // each L^{-1} D becomes D' T' from the last left cell to the first.
        double[] dRe = new double[m], dIm = new double[m];
        for (int j = 0; j < m; j++) {
            dRe[j] = v.re(j, j);
            dIm[j] = v.im(j, j);
        }
        List<Cell> moved = new ArrayList<>();
        for (int k = left.size() - 1; k >= 0; k--) {
            Cell l = left.get(k);
            int a = l.mode();
            // L^{-1} = diag(e^{-i phi}, 1) BS(-theta), times diag(d_a, d_{a+1})
            double c = Math.cos(l.theta() / 2), s = Math.sin(l.theta() / 2);
            double er = Math.cos(-l.phi()), ei = Math.sin(-l.phi());
            // BS(-theta) = [[c, -i s], [-i s, c]]; row 0 then scaled by e^{-i phi}
            double[] vr = new double[4], vi = new double[4];
            double r00r = c, r00i = 0, r01r = 0, r01i = -s, r10r = 0, r10i = -s, r11r = c, r11i = 0;
            double[] m00 = mul(er, ei, r00r, r00i), m01 = mul(er, ei, r01r, r01i);
            double[] v00 = mul(m00[0], m00[1], dRe[a], dIm[a]), v01 = mul(m01[0], m01[1], dRe[a + 1], dIm[a + 1]);
            double[] v10 = mul(r10r, r10i, dRe[a], dIm[a]), v11 = mul(r11r, r11i, dRe[a + 1], dIm[a + 1]);
            vr[0] = v00[0]; vi[0] = v00[1]; vr[1] = v01[0]; vi[1] = v01[1];
            vr[2] = v10[0]; vi[2] = v10[1]; vr[3] = v11[0]; vi[3] = v11[1];
            double[] parts = splitU2(vr, vi); // alpha, beta, theta, phi
            dRe[a] = Math.cos(parts[0]);
            dIm[a] = Math.sin(parts[0]);
            dRe[a + 1] = Math.cos(parts[1]);
            dIm[a + 1] = Math.sin(parts[1]);
            moved.add(new Cell(a, parts[2], parts[3]));
        }
        List<Cell> cells = new ArrayList<>(right);
        cells.addAll(moved); // applied after the right cells: T'_p first, T'_1 last
        double[] phases = new double[m];
        for (int j = 0; j < m; j++) {
            phases[j] = Math.atan2(dIm[j], dRe[j]);
        }
        return new Decomposition(m, cells, phases);
    }

    /** The modes (a of each cell on (a, a+1)) of the Reck triangle on m modes, in order. */
    public static int[] reckLayout(int m) {
        List<Integer> modes = new ArrayList<>();
        for (int row = m - 1; row >= 1; row--) {
            for (int col = 0; col < row; col++) {
                modes.add(col);
            }
        }
        return modes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The modes of the Clements rectangle's cells on m modes, in the order {@link #clements} returns them. */
    public static int[] clementsLayout(int m) {
        List<Integer> right = new ArrayList<>(), left = new ArrayList<>();
        for (int i = 0; i < m - 1; i++) {
            if (i % 2 == 0) {
                for (int j = 0; j <= i; j++) {
                    right.add(i - j);
                }
            } else {
                for (int j = 1; j <= i + 1; j++) {
                    left.add(m - i - 3 + j);
                }
            }
        }
        List<Integer> all = new ArrayList<>(right);
        for (int k = left.size() - 1; k >= 0; k--) {
            all.add(left.get(k));
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A trainable mesh: cells on {@code layout}'s modes with weights theta_k and phi_k, then output
     * phases out_j; initial angles uniform in [0, 2 pi) from {@code seed}.
     */
    public static PhotonicCircuit trainableMesh(int m, int[] layout, long seed) {
        return new PhotonicCircuit(m, meshComponents(m, layout, "", new Random(seed)));
    }

    private static List<Component> meshComponents(int m, int[] layout, String prefix, Random random) {
        List<Component> components = new ArrayList<>();
        for (int k = 0; k < layout.length; k++) {
            components.add(new Component.PhaseShifter(layout[k], new OpticalAngle.Weight(prefix + "phi_" + k, 2 * Math.PI * random.nextDouble())));
            components.add(new Component.BeamSplitter(layout[k], layout[k] + 1,
                    new OpticalAngle.Weight(prefix + "theta_" + k, 2 * Math.PI * random.nextDouble())));
        }
        for (int j = 0; j < m; j++) {
            components.add(new Component.PhaseShifter(j, new OpticalAngle.Weight(prefix + "out_" + j, 2 * Math.PI * random.nextDouble())));
        }
        return components;
    }

    /**
     * Features as phases between two trainable interferometers: a Clements mesh (weights a_...),
     * PS(inputScale * x[j]) on every mode j, another Clements mesh (weights b_...). Phases before a
     * single mesh would only multiply U's columns by phases, which changes no mean occupation.
     */
    public static PhotonicCircuit phaseEncoded(int m, double inputScale, long seed) {
        Random random = new Random(seed);
        List<Component> components = new ArrayList<>(meshComponents(m, clementsLayout(m), "a_", random));
        for (int j = 0; j < m; j++) {
            components.add(new Component.PhaseShifter(j, new OpticalAngle.Input(j, inputScale)));
        }
        components.addAll(meshComponents(m, clementsLayout(m), "b_", random));
        return new PhotonicCircuit(m, components);
    }

    /** A generic trainable m x m unitary: the Clements rectangle with every angle a weight (universal, depth m). */
    public static PhotonicCircuit trainableUnitary(int m, long seed) {
        return trainableMesh(m, clementsLayout(m), seed);
    }

    /** Nulls v[row][col] with T^{-1} on columns (col, col+1) from the right; returns T's cell. */
    private static Cell nullFromRight(ComplexMatrix v, int row, int col) {
        double xr = v.re(row, col), xi = v.im(row, col), yr = v.re(row, col + 1), yi = v.im(row, col + 1);
        double theta = 2 * Math.atan2(Math.hypot(xr, xi), Math.hypot(yr, yi));
        double phi = Math.atan2(xi, xr) - Math.atan2(yi, yr) - Math.PI / 2;
        Cell cell = new Cell(col, theta, phi);
        double[] re = new double[4], im = new double[4];
        cellMatrix(cell, re, im);
        ComplexMatrix.adjointBlock(re, im, 2);
        v.applyRight(new int[] {col, col + 1}, re, im);
        v.set(row, col, 0, 0);
        return cell;
    }

    /** Nulls v[row + 1][col] with T on rows (row, row + 1) from the left; returns T's cell. */
    private static Cell nullFromLeft(ComplexMatrix v, int row, int col) {
        double xr = v.re(row, col), xi = v.im(row, col), yr = v.re(row + 1, col), yi = v.im(row + 1, col);
        double theta = 2 * Math.atan2(Math.hypot(yr, yi), Math.hypot(xr, xi));
        double phi = Math.atan2(yi, yr) - Math.atan2(xi, xr) + Math.PI / 2;
        Cell cell = new Cell(row, theta, phi);
        double[] re = new double[4], im = new double[4];
        cellMatrix(cell, re, im);
        v.applyLeft(new int[] {row, row + 1}, re, im);
        v.set(row + 1, col, 0, 0);
        return cell;
    }

    /** T = BS(theta) diag(e^{i phi}, 1) = [[c e^{i phi}, i s], [i s e^{i phi}, c]]. */
    static void cellMatrix(Cell cell, double[] re, double[] im) {
        double c = Math.cos(cell.theta() / 2), s = Math.sin(cell.theta() / 2);
        double pr = Math.cos(cell.phi()), pi = Math.sin(cell.phi());
        re[0] = c * pr;
        im[0] = c * pi;
        re[1] = 0;
        im[1] = s;
        re[2] = -s * pi;
        im[2] = s * pr;
        re[3] = c;
        im[3] = 0;
    }

    /**
     * A 2 x 2 unitary V as diag(e^{i alpha}, e^{i beta}) BS(theta) diag(e^{i phi}, 1); returns
     * {alpha, beta, theta, phi}. Each phase is read from the larger entry of its row, so an entry
     * near zero never sets one.
     */
    static double[] splitU2(double[] re, double[] im) {
        double a00 = Math.hypot(re[0], im[0]), a01 = Math.hypot(re[1], im[1]);
        double a10 = Math.hypot(re[2], im[2]), a11 = Math.hypot(re[3], im[3]);
        double theta = 2 * Math.atan2(a01, a00);
        double arg00 = Math.atan2(im[0], re[0]), arg01 = Math.atan2(im[1], re[1]);
        double arg10 = Math.atan2(im[2], re[2]), arg11 = Math.atan2(im[3], re[3]);
        // row 0: V00 = c e^{i(alpha + phi)}, V01 = i s e^{i alpha}; a zero entry's arbitrary phase is
        // made up by the other unknown, so the product stays exact
        double alpha = arg01 - Math.PI / 2;
        double phi = arg00 - alpha;
        // row 1: V10 = i s e^{i(beta + phi)}, V11 = c e^{i beta}
        double beta = a11 >= a10 ? arg11 : arg10 - Math.PI / 2 - phi;
        return new double[] {alpha, beta, theta, phi};
    }

    private static double[] mul(double ar, double ai, double br, double bi) {
        return new double[] {ar * br - ai * bi, ar * bi + ai * br};
    }

    private static double[] diagonalPhases(ComplexMatrix v) {
        double[] phases = new double[v.size()];
        for (int j = 0; j < phases.length; j++) {
            phases[j] = Math.atan2(v.im(j, j), v.re(j, j));
        }
        return phases;
    }

    private static int requireUnitary(ComplexMatrix u) {
        int m = u.size();
        if (m < 1 || m > PhotonicLimits.MAX_MODES) {
            throw new IllegalArgumentException("a mesh has 1 to " + PhotonicLimits.MAX_MODES + " modes, not " + m);
        }
        double off = u.adjoint().times(u).distance(ComplexMatrix.identity(m));
        if (!(off < 1e-8)) {
            throw new IllegalArgumentException("the matrix is not unitary (|U^dagger U - 1| = " + off + ")");
        }
        return m;
    }
}

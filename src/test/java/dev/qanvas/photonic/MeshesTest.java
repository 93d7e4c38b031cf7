package dev.qanvas.photonic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reck and Clements meshes reproduce Haar-random unitaries (built in the test by QR of a complex Gaussian). */
class MeshesTest {

    @Test
    void reckAndClementsReproduceHaarUnitaries() {
        Random random = new Random(7);
        for (int m = 1; m <= 12; m++) {
            for (int trial = 0; trial < 3; trial++) {
                ComplexMatrix u = PhotonicReference.toMatrix(PhotonicReference.haar(m, random));
                for (Meshes.Decomposition d : new Meshes.Decomposition[] {Meshes.reck(u), Meshes.clements(u)}) {
                    assertEquals(m * (m - 1) / 2, d.cells().size(), "m(m-1)/2 cells");
                    // the circuit's unitary, and independently the product of the hand-built cell matrices
                    assertEquals(0, d.circuit().unitary().distance(u), 1e-12, "m = " + m);
                    double[][][] product = PhotonicReference.identity(m);
                    for (Meshes.Cell cell : d.cells()) {
                        product = PhotonicReference.multiply(PhotonicReference.phaseShifter(m, cell.mode(), cell.phi()), product);
                        product = PhotonicReference.multiply(PhotonicReference.beamSplitter(m, cell.mode(), cell.mode() + 1, cell.theta()), product);
                    }
                    for (int j = 0; j < m; j++) {
                        product = PhotonicReference.multiply(PhotonicReference.phaseShifter(m, j, d.outputPhases()[j]), product);
                    }
                    assertEquals(0, PhotonicReference.toMatrix(product).distance(u), 1e-12);
                }
            }
        }
    }

    @Test
    void decompositionsFollowTheirTemplatesLayout() {
        ComplexMatrix u = PhotonicReference.toMatrix(PhotonicReference.haar(6, new Random(8)));
        assertArrayEquals(Meshes.clementsLayout(6), Meshes.clements(u).cells().stream().mapToInt(Meshes.Cell::mode).toArray());
        assertArrayEquals(Meshes.reckLayout(6), Meshes.reck(u).cells().stream().mapToInt(Meshes.Cell::mode).toArray());
        // the trainable mesh at the decomposition's angles is the same unitary
        Meshes.Decomposition d = Meshes.clements(u);
        PhotonicCircuit mesh = Meshes.trainableUnitary(6, 1);
        double[] w = new double[mesh.weightNames().size()];
        for (int k = 0; k < d.cells().size(); k++) {
            w[mesh.weightNames().indexOf("theta_" + k)] = d.cells().get(k).theta();
            w[mesh.weightNames().indexOf("phi_" + k)] = d.cells().get(k).phi();
        }
        for (int j = 0; j < 6; j++) {
            w[mesh.weightNames().indexOf("out_" + j)] = d.outputPhases()[j];
        }
        assertEquals(6 * 6, w.length, "m^2 real parameters, as U(m) has");
        assertEquals(0, mesh.unitary(mesh.angles(new double[0], w)).distance(u), 1e-12);
    }

    @Test
    void clementsIsDepthMAndReckIsDepth2mMinus3() {
        assertEquals(8, depth(8, Meshes.clementsLayout(8)));
        assertEquals(2 * 8 - 3, depth(8, Meshes.reckLayout(8)));
    }

    /** Columns when each cell goes into the first column after the last cell on its modes. */
    private static int depth(int m, int[] layout) {
        int[] free = new int[m];
        int depth = 0;
        for (int a : layout) {
            int column = Math.max(free[a], free[a + 1]);
            free[a] = free[a + 1] = column + 1;
            depth = Math.max(depth, column + 1);
        }
        return depth;
    }

    @Test
    void degenerateUnitariesDecomposeToo() {
        // permutations and diagonals put exact zeros where the nulling divides
        ComplexMatrix swap = new ComplexMatrix(3);
        swap.set(0, 2, 0, 1);
        swap.set(1, 0, -1, 0);
        swap.set(2, 1, Math.sqrt(0.5), Math.sqrt(0.5));
        ComplexMatrix diagonal = new ComplexMatrix(3);
        diagonal.set(0, 0, 0, -1);
        diagonal.set(1, 1, 1, 0);
        diagonal.set(2, 2, -1, 0);
        for (ComplexMatrix u : new ComplexMatrix[] {swap, diagonal, ComplexMatrix.identity(4)}) {
            assertEquals(0, Meshes.clements(u).circuit().unitary().distance(u), 1e-12);
            assertEquals(0, Meshes.reck(u).circuit().unitary().distance(u), 1e-12);
        }
        ComplexMatrix notUnitary = ComplexMatrix.identity(2);
        notUnitary.set(0, 1, 0.5, 0);
        assertThrows(IllegalArgumentException.class, () -> Meshes.clements(notUnitary));
    }
}

package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Result;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * Converts circuits to Strange ({@code org.redfx.strange}) programs, the independent reference
 * the simulator is checked against. Only gates Strange implements correctly are converted
 * (docs/architecture.md, facts about the libraries): its RotationZ is only a global phase, so RZ becomes the phase gate R (equal up to
 * global phase, hence only uncontrolled); its Toffoli is wrong for some argument orders, so a
 * Toffoli is built from H, T and CNOT. Strange computes in float precision.
 * Both use qubit k = bit k of the basis index.
 */
public final class StrangeBridge {

    private StrangeBridge() {
    }

    /** The program, for constant-angle circuits (inputs 0 and initial weights). */
    public static Program toProgram(Circuit c) {
        double[] x = new double[c.inputCount()];
        c.requireUnitary("Strange");
        double[] w = c.initialWeights();
        List<org.redfx.strange.Gate> gates = new ArrayList<>();
        for (Operation op : c.operations()) {
            add(op, op.angleValues(x, w, c), gates);
        }
        Program program = new Program(c.qubits());
        for (org.redfx.strange.Gate g : gates) {
            program.addStep(new Step(g));
        }
        return program;
    }

    /** Runs the circuit on Strange and returns the final amplitudes {re, im} in our index order. */
    public static double[][] run(Circuit c) {
        Result result = new SimpleQuantumExecutionEnvironment().runProgram(toProgram(c));
        Complex[] amplitudes = result.getProbability(); // despite its name, the amplitudes
        double[] re = new double[amplitudes.length], im = new double[amplitudes.length];
        for (int i = 0; i < amplitudes.length; i++) {
            re[i] = amplitudes[i].r;
            im[i] = amplitudes[i].i;
        }
        return new double[][] {re, im};
    }

    private static void add(Operation op, double[] a, List<org.redfx.strange.Gate> out) {
        int controls = op.controls().size();
        int t = op.targets().get(0);
        if (controls == 0) {
            switch (op.gate()) {
                case I -> { }
                case H -> out.add(new Hadamard(t));
                case X -> out.add(new X(t));
                case Y -> out.add(new Y(t));
                case Z -> out.add(new Z(t));
                case S -> out.add(new R(Math.PI / 2, t));
                case SDG -> out.add(new R(-Math.PI / 2, t));
                case T -> out.add(new R(Math.PI / 4, t));
                case TDG -> out.add(new R(-Math.PI / 4, t));
                case P, RZ -> out.add(new R(a[0], t)); // RZ equals P up to a global phase
                case RX -> out.add(new RotationX(a[0], t));
                case RY -> out.add(new RotationY(a[0], t));
                case SX, SXDG, U3 -> out.add(new SingleQubitMatrixGate(t, complexMatrix(op.gate().matrix(a))));
                case SWAP -> out.add(new Swap(t, op.targets().get(1)));
                default -> throw unsupported(op);
            }
            return;
        }
        int c0 = op.controls().get(0);
        if (controls == 1 && op.gate() == Gate.X) {
            out.add(new Cnot(c0, t));
        } else if (controls == 1 && op.gate() == Gate.Z) {
            out.add(new Cz(c0, t));
        } else if (controls == 1 && op.gate() == Gate.P) {
            out.add(new Cr(c0, t, a[0]));
        } else if (controls == 2 && op.gate() == Gate.X) {
            toffoli(op.controls().get(0), op.controls().get(1), t, out);
        } else {
            throw unsupported(op);
        }
    }

    /** The textbook Toffoli from H, T, T† and CNOT (Nielsen and Chuang, figure 4.9). */
    private static void toffoli(int a, int b, int c, List<org.redfx.strange.Gate> out) {
        double t = Math.PI / 4;
        out.add(new Hadamard(c));
        out.add(new Cnot(b, c));
        out.add(new R(-t, c));
        out.add(new Cnot(a, c));
        out.add(new R(t, c));
        out.add(new Cnot(b, c));
        out.add(new R(-t, c));
        out.add(new Cnot(a, c));
        out.add(new R(t, b));
        out.add(new R(t, c));
        out.add(new Hadamard(c));
        out.add(new Cnot(a, b));
        out.add(new R(t, a));
        out.add(new R(-t, b));
        out.add(new Cnot(a, b));
    }

    private static Complex[][] complexMatrix(double[] m) {
        return new Complex[][] {
                {new Complex(m[0], m[1]), new Complex(m[2], m[3])},
                {new Complex(m[4], m[5]), new Complex(m[6], m[7])}};
    }

    private static IllegalArgumentException unsupported(Operation op) {
        return new IllegalArgumentException("Strange has no correct equivalent of " + op);
    }
}

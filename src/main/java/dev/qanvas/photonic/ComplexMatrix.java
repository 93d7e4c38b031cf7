package dev.qanvas.photonic;

/**
 * A square complex matrix, row-major in two arrays. The engine updates its own matrices in place
 * (a component touches only its modes' rows or columns); what it hands out is a fresh matrix.
 */
public final class ComplexMatrix {

    private final int n;
    final double[] re;
    final double[] im;

    public ComplexMatrix(int n) {
        this.n = n;
        this.re = new double[n * n];
        this.im = new double[n * n];
    }

    public static ComplexMatrix identity(int n) {
        ComplexMatrix m = new ComplexMatrix(n);
        for (int i = 0; i < n; i++) {
            m.re[i * n + i] = 1;
        }
        return m;
    }

    /** From real and imaginary parts, {@code re[row][col]}. */
    public static ComplexMatrix of(double[][] re, double[][] im) {
        int n = re.length;
        ComplexMatrix m = new ComplexMatrix(n);
        for (int r = 0; r < n; r++) {
            if (re[r].length != n || im.length != n || im[r].length != n) {
                throw new IllegalArgumentException("a square matrix needs " + n + " x " + n + " real and imaginary parts");
            }
            for (int c = 0; c < n; c++) {
                m.re[r * n + c] = re[r][c];
                m.im[r * n + c] = im[r][c];
            }
        }
        return m;
    }

    public int size() {
        return n;
    }

    public double re(int row, int col) {
        return re[row * n + col];
    }

    public double im(int row, int col) {
        return im[row * n + col];
    }

    /** |entry|^2. */
    public double abs2(int row, int col) {
        double a = re[row * n + col], b = im[row * n + col];
        return a * a + b * b;
    }

    public void set(int row, int col, double real, double imag) {
        re[row * n + col] = real;
        im[row * n + col] = imag;
    }

    public ComplexMatrix copy() {
        ComplexMatrix m = new ComplexMatrix(n);
        System.arraycopy(re, 0, m.re, 0, re.length);
        System.arraycopy(im, 0, m.im, 0, im.length);
        return m;
    }

    /** this * other. */
    public ComplexMatrix times(ComplexMatrix other) {
        ComplexMatrix out = new ComplexMatrix(n);
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                double ar = re[r * n + k], ai = im[r * n + k];
                if (ar == 0 && ai == 0) {
                    continue;
                }
                for (int c = 0; c < n; c++) {
                    double br = other.re[k * n + c], bi = other.im[k * n + c];
                    out.re[r * n + c] += ar * br - ai * bi;
                    out.im[r * n + c] += ar * bi + ai * br;
                }
            }
        }
        return out;
    }

    /** The conjugate transpose. */
    public ComplexMatrix adjoint() {
        ComplexMatrix out = new ComplexMatrix(n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out.re[c * n + r] = re[r * n + c];
                out.im[c * n + r] = -im[r * n + c];
            }
        }
        return out;
    }

    /** The largest |entry| of this - other. */
    public double distance(ComplexMatrix other) {
        double max = 0;
        for (int k = 0; k < re.length; k++) {
            max = Math.max(max, Math.hypot(re[k] - other.re[k], im[k] - other.im[k]));
        }
        return max;
    }

    /** this = B this, where B is the k x k matrix {@code (bRe, bIm)} on {@code modes} and the identity elsewhere. */
    void applyLeft(int[] modes, double[] bRe, double[] bIm) {
        if (modes.length == 1) {
            int row = modes[0] * n;
            for (int c = 0; c < n; c++) {
                double a = re[row + c], b = im[row + c];
                re[row + c] = bRe[0] * a - bIm[0] * b;
                im[row + c] = bRe[0] * b + bIm[0] * a;
            }
            return;
        }
        int ri = modes[0] * n, rj = modes[1] * n;
        for (int c = 0; c < n; c++) {
            double xr = re[ri + c], xi = im[ri + c], yr = re[rj + c], yi = im[rj + c];
            re[ri + c] = bRe[0] * xr - bIm[0] * xi + bRe[1] * yr - bIm[1] * yi;
            im[ri + c] = bRe[0] * xi + bIm[0] * xr + bRe[1] * yi + bIm[1] * yr;
            re[rj + c] = bRe[2] * xr - bIm[2] * xi + bRe[3] * yr - bIm[3] * yi;
            im[rj + c] = bRe[2] * xi + bIm[2] * xr + bRe[3] * yi + bIm[3] * yr;
        }
    }

    /** this = this B, where B is the k x k matrix {@code (bRe, bIm)} on {@code modes} and the identity elsewhere. */
    void applyRight(int[] modes, double[] bRe, double[] bIm) {
        if (modes.length == 1) {
            int col = modes[0];
            for (int r = 0; r < n; r++) {
                double a = re[r * n + col], b = im[r * n + col];
                re[r * n + col] = a * bRe[0] - b * bIm[0];
                im[r * n + col] = a * bIm[0] + b * bRe[0];
            }
            return;
        }
        int ci = modes[0], cj = modes[1];
        for (int r = 0; r < n; r++) {
            double xr = re[r * n + ci], xi = im[r * n + ci], yr = re[r * n + cj], yi = im[r * n + cj];
            // new column i = x b00 + y b10, new column j = x b01 + y b11
            re[r * n + ci] = xr * bRe[0] - xi * bIm[0] + yr * bRe[2] - yi * bIm[2];
            im[r * n + ci] = xr * bIm[0] + xi * bRe[0] + yr * bIm[2] + yi * bRe[2];
            re[r * n + cj] = xr * bRe[1] - xi * bIm[1] + yr * bRe[3] - yi * bIm[3];
            im[r * n + cj] = xr * bIm[1] + xi * bRe[1] + yr * bIm[3] + yi * bRe[3];
        }
    }

    /** The conjugate transpose of a k x k block, in place. */
    static void adjointBlock(double[] bRe, double[] bIm, int k) {
        if (k == 2) {
            double t = bRe[1];
            bRe[1] = bRe[2];
            bRe[2] = t;
            t = bIm[1];
            bIm[1] = bIm[2];
            bIm[2] = t;
        }
        for (int q = 0; q < k * k; q++) {
            bIm[q] = -bIm[q];
        }
    }
}

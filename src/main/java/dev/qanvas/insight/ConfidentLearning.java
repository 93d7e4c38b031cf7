package dev.qanvas.insight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Confident learning (Northcutt, Jiang and Chuang, 2021, "Confident Learning: Estimating
 * Uncertainty in Dataset Labels", JAIR 70), written from the paper: from out-of-sample predicted
 * probabilities {@code p[x][j]} and the given (possibly noisy) labels, estimate the joint of given
 * and true labels and find the examples whose label is likely wrong. Each step is a static method
 * so each can be checked by hand (docs/data-centric.md#confident-learning):
 * <ol>
 *   <li>{@link #thresholds}: t_j, the mean p[x][j] over the examples labelled j;</li>
 *   <li>{@link #confidentJoint}: C[i][j], the examples labelled i whose most probable class among
 *       those at or above their threshold is j (examples with no class at its threshold are not
 *       counted);</li>
 *   <li>{@link #calibratedJoint}: each row of C rescaled to the count of label i, then the whole
 *       normalised to sum 1: the joint Q[i][j] = p(given i, true j);</li>
 *   <li>{@link #noiseMatrix}: p(given i | true j) = Q[i][j] / sum_i Q[i][j];</li>
 *   <li>{@link #pruneByNoiseRate}: for each i != j, the round(n Q[i][j]) examples labelled i with
 *       the largest margin p[x][j] - p[x][i] are label issues; they are ranked by self-confidence
 *       p[x][given], least confident first.</li>
 * </ol>
 */
public final class ConfidentLearning {

    private ConfidentLearning() {
    }

    /** One example flagged as likely mislabelled. */
    public record Issue(int index, int given, int suggested, double selfConfidence) {
    }

    /** Everything the method estimates. */
    public record Result(double[] thresholds, int[][] confidentJoint, double[][] joint, double[][] noiseMatrix,
                         List<Issue> issues) {
    }

    /** All the steps on {@code probabilities} (n x K, rows summing to 1) and {@code given} labels in 0..K-1. */
    public static Result find(double[][] probabilities, int[] given, int classes) {
        check(probabilities, given, classes);
        double[] t = thresholds(probabilities, given, classes);
        int[][] c = confidentJoint(probabilities, given, t);
        double[][] q = calibratedJoint(c, counts(given, classes));
        return new Result(t, c, q, noiseMatrix(q), pruneByNoiseRate(probabilities, given, q));
    }

    /** t_j = mean of p[x][j] over the examples labelled j; +infinity for a class no example carries. */
    public static double[] thresholds(double[][] p, int[] given, int classes) {
        double[] sum = new double[classes];
        int[] n = counts(given, classes);
        for (int x = 0; x < given.length; x++) {
            sum[given[x]] += p[x][given[x]];
        }
        double[] t = new double[classes];
        for (int j = 0; j < classes; j++) {
            t[j] = n[j] == 0 ? Double.POSITIVE_INFINITY : sum[j] / n[j];
        }
        return t;
    }

    /**
     * C[i][j]: examples labelled i counted in the class j that has the largest p[x][j] among the
     * classes with p[x][j] >= t_j (equal probabilities: the lower class); an example with no class
     * at its threshold is in no cell.
     */
    public static int[][] confidentJoint(double[][] p, int[] given, double[] thresholds) {
        int k = thresholds.length;
        int[][] c = new int[k][k];
        for (int x = 0; x < given.length; x++) {
            int best = confidentClass(p[x], thresholds);
            if (best >= 0) {
                c[given[x]][best]++;
            }
        }
        return c;
    }

    /** The class j with the largest p[j] among those with p[j] >= t_j, or -1 when none reaches its threshold. */
    static int confidentClass(double[] p, double[] thresholds) {
        int best = -1;
        for (int j = 0; j < thresholds.length; j++) {
            if (p[j] >= thresholds[j] && (best < 0 || p[j] > p[best])) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Q[i][j] = C~[i][j] / sum C~, where C~[i][j] = C[i][j] / sum_j' C[i][j'] * n_i (the paper's
     * equation 3: each row calibrated to the number of examples labelled i). A row of C without
     * counts stays zero.
     */
    public static double[][] calibratedJoint(int[][] c, int[] labelCounts) {
        int k = c.length;
        double[][] q = new double[k][k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            long row = Arrays.stream(c[i]).asLongStream().sum();
            for (int j = 0; j < k; j++) {
                q[i][j] = row == 0 ? 0 : (double) c[i][j] / row * labelCounts[i];
                total += q[i][j];
            }
        }
        for (double[] row : q) {
            for (int j = 0; j < k; j++) {
                row[j] = total == 0 ? 0 : row[j] / total;
            }
        }
        return q;
    }

    /** p(given i | true j) = Q[i][j] / sum_i Q[i][j]; a column without mass stays zero. */
    public static double[][] noiseMatrix(double[][] q) {
        int k = q.length;
        double[][] m = new double[k][k];
        for (int j = 0; j < k; j++) {
            double column = 0;
            for (int i = 0; i < k; i++) {
                column += q[i][j];
            }
            for (int i = 0; i < k; i++) {
                m[i][j] = column == 0 ? 0 : q[i][j] / column;
            }
        }
        return m;
    }

    /**
     * Prune by noise rate: for each off-diagonal (i, j), the round(n Q[i][j]) examples labelled i
     * with the largest margin p[x][j] - p[x][i] (equal margins: the lower index first). An example
     * chosen under several j suggests the one of its largest margin. Issues come ranked by
     * self-confidence p[x][given], lowest first (then by index).
     */
    public static List<Issue> pruneByNoiseRate(double[][] p, int[] given, double[][] q) {
        int n = given.length;
        int k = q.length;
        int[] suggested = new int[n];
        double[] bestMargin = new double[n];
        Arrays.fill(suggested, -1);
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            byLabel.add(new ArrayList<>());
        }
        for (int x = 0; x < n; x++) {
            byLabel.get(given[x]).add(x);
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                long count = Math.round(n * q[i][j]);
                if (i == j || count == 0) {
                    continue;
                }
                final int from = i;
                final int to = j;
                List<Integer> members = new ArrayList<>(byLabel.get(i));
                members.sort(Comparator.<Integer>comparingDouble(x -> p[x][to] - p[x][from]).reversed()
                        .thenComparingInt(x -> x));
                for (int r = 0; r < Math.min(count, members.size()); r++) {
                    int x = members.get(r);
                    double margin = p[x][to] - p[x][from];
                    if (suggested[x] < 0 || margin > bestMargin[x]) {
                        suggested[x] = to;
                        bestMargin[x] = margin;
                    }
                }
            }
        }
        List<Issue> issues = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            if (suggested[x] >= 0) {
                issues.add(new Issue(x, given[x], suggested[x], p[x][given[x]]));
            }
        }
        issues.sort(Comparator.comparingDouble(Issue::selfConfidence).thenComparingInt(Issue::index));
        return issues;
    }

    static int[] counts(int[] given, int classes) {
        int[] n = new int[classes];
        for (int label : given) {
            n[label]++;
        }
        return n;
    }

    private static void check(double[][] p, int[] given, int classes) {
        if (p.length != given.length) {
            throw new IllegalArgumentException(p.length + " rows of probabilities for " + given.length + " labels");
        }
        for (int x = 0; x < given.length; x++) {
            if (p[x].length != classes) {
                throw new IllegalArgumentException("example " + x + " has " + p[x].length + " probabilities, not " + classes);
            }
            if (given[x] < 0 || given[x] >= classes) {
                throw new IllegalArgumentException("example " + x + " has label " + given[x] + ", not one of 0.." + (classes - 1));
            }
        }
    }
}

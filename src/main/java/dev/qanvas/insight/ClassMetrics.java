package dev.qanvas.insight;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Metrics that accuracy hides on imbalanced data (docs/data-centric.md#metrics), from a model's
 * {@link Predictions} on a labelled split:
 * <ul>
 *   <li>precision_k = TP_k / (TP_k + FP_k), 0 when class k is never predicted;</li>
 *   <li>recall_k = TP_k / (TP_k + FN_k), NaN when the split has no image of class k;</li>
 *   <li>balanced accuracy = the mean recall over the classes the split holds;</li>
 *   <li>one-vs-rest ROC AUC of class k: the probability that a random image of class k scores
 *       higher on output k than a random image of another class, ties counting one half (the
 *       Mann-Whitney statistic, exact); macro ROC AUC = its mean over the classes with both
 *       positives and negatives in the split (NaN when none has).</li>
 * </ul>
 */
public record ClassMetrics(double accuracy, double[] precision, double[] recall, double balancedAccuracy,
                           double[] rocAuc, double macroRocAuc) {

    public static ClassMetrics of(Predictions p) {
        int k = p.classCount();
        int[][] confusion = p.confusion();
        double[] precision = new double[k];
        double[] recall = new double[k];
        double recallSum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            int truePositives = confusion[c][c];
            int predicted = 0;
            int actual = 0;
            for (int o = 0; o < k; o++) {
                predicted += confusion[o][c];
                actual += confusion[c][o];
            }
            precision[c] = predicted == 0 ? 0 : (double) truePositives / predicted;
            recall[c] = actual == 0 ? Double.NaN : (double) truePositives / actual;
            if (actual > 0) {
                recallSum += recall[c];
                present++;
            }
        }
        double[] auc = new double[k];
        double aucSum = 0;
        int aucCount = 0;
        for (int c = 0; c < k; c++) {
            double[] scores = new double[p.size()];
            boolean[] positive = new boolean[p.size()];
            for (int i = 0; i < p.size(); i++) {
                scores[i] = p.probabilities(i)[c];
                positive[i] = p.label(i) == c;
            }
            auc[c] = rocAuc(scores, positive);
            if (!Double.isNaN(auc[c])) {
                aucSum += auc[c];
                aucCount++;
            }
        }
        return new ClassMetrics(p.accuracy(), precision, recall, present == 0 ? Double.NaN : recallSum / present,
                auc, aucCount == 0 ? Double.NaN : aucSum / aucCount);
    }

    /**
     * Area under the ROC curve of {@code scores} for {@code positive}, exact: (sum of the
     * positives' mid-ranks - P(P+1)/2) / (P N), tied scores sharing their mean rank. NaN without
     * positives or without negatives.
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && Double.compare(scores[order[end + 1]], scores[order[start]]) == 0) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (int j = start; j <= end; j++) {
                if (positive[order[j]]) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Adds "balanced_accuracy", "macro_roc_auc" and "per_class" ([{"class" (the label), "name",
     * "precision", "recall", "roc_auc"}]) to {@code out}; undefined values (NaN) are written as null.
     */
    public void writeTo(ObjectNode out, java.util.List<String> classNames) {
        number(out, "balanced_accuracy", balancedAccuracy);
        number(out, "macro_roc_auc", macroRocAuc);
        ArrayNode rows = out.putArray("per_class");
        for (int c = 0; c < precision.length; c++) {
            ObjectNode row = rows.addObject();
            row.put("class", c);
            row.put("name", c < classNames.size() ? classNames.get(c) : Integer.toString(c));
            number(row, "precision", precision[c]);
            number(row, "recall", recall[c]);
            number(row, "roc_auc", rocAuc[c]);
        }
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}

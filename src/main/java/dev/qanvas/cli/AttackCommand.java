package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.Attacks;
import dev.qanvas.insight.Predictions;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.ChartAxes;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunSession;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas attack RUN_DIR}: robust accuracy of a trained run under FGSM, PGD or a transfer
 * attack (adversarial images crafted on another run, {@code --from}), at each epsilon, on its
 * project's test split or an IDX folder's. Prints JSON; with {@code --out}, also writes the
 * JSON, a chart and a few adversarial examples. Epsilon is in pixel units (see {@link Attacks}).
 */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = "Attack a trained run (FGSM, PGD, or transfer from another run) and print its robust accuracy per epsilon as JSON.%n"
                + "Epsilon is in pixel units (0-1) of the image at the model's input size, before the project's normalisation; "
                + "adversarial images are clipped to the pixel range.")
final class AttackCommand implements Callable<Integer> {

    /** Examples drawn per epsilon with --out. */
    private static final int EXAMPLES = 8;

    @Parameters(paramLabel = "RUN_DIR", description = "A folder written by `qanvas train`.")
    Path run;

    @Option(names = "--method", defaultValue = "pgd", paramLabel = "fgsm|pgd|transfer",
            description = "fgsm, pgd (default) or transfer: images crafted on --from's model (with --craft) and scored on RUN_DIR's.")
    String method;

    @Option(names = "--eps", defaultValue = "0,0.05,0.1,0.15,0.2,0.3", paramLabel = "E1,E2,...",
            description = "Epsilons in pixel units, each in [0, 1] (default ${DEFAULT-VALUE}).")
    String eps;

    @Option(names = "--steps", defaultValue = "10", description = "PGD steps (default ${DEFAULT-VALUE}); step size 2.5 * eps / steps.")
    int steps;

    @Option(names = "--from", paramLabel = "OTHER_RUN_DIR", description = "For --method transfer: the run the adversarial images are crafted on.")
    Path from;

    @Option(names = "--craft", defaultValue = "pgd", paramLabel = "fgsm|pgd", description = "For --method transfer: the attack run on --from's model (default ${DEFAULT-VALUE}).")
    String craft;

    @Option(names = "--data", paramLabel = "IDXDIR", description = "An IDX folder whose test split (t10k files) to attack, through the project's transforms.")
    Path data;

    @Option(names = "--images", defaultValue = "0", description = "Attack a seeded random sample of this many test images (default 0: all).")
    int images;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the image sample and of PGD's random start (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write robustness.json, robustness.png and adversarial examples here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ObjectNode result = attack(run, method, craft, from, Attacks.parseEpsilons(eps), steps, data, images, seed, out, progress());
        System.out.println(new ObjectMapper().writeValueAsString(result));
        return 0;
    }

    /**
     * The attack of the command line, as JSON; {@code reproduce} calls it too.
     *
     * @param method fgsm, pgd or transfer
     * @param craft  for transfer: the attack run on {@code from}'s model
     * @param images 0 for the whole test split
     * @param out    null, or where to write the JSON, chart and examples
     */
    static ObjectNode attack(Path run, String method, String craft, Path from, double[] epsilons, int steps, Path data,
                             int images, long seed, Path out, Attacks.Progress progress) throws Exception {
        boolean transfer = method.equalsIgnoreCase("transfer");
        Attacks.Method attack = Attacks.Method.parse(transfer ? craft : method);
        if (transfer && from == null) {
            throw new IllegalArgumentException("--method transfer needs --from OTHER_RUN_DIR, the run to craft the images on");
        }
        if (!transfer && from != null) {
            throw new IllegalArgumentException("--from is for --method transfer only");
        }
        if (images < 0) {
            throw new IllegalArgumentException("--images must be 0 (all) or more");
        }
        Attacks.Settings defaults = Attacks.Settings.defaults();
        Attacks.Settings settings = new Attacks.Settings(steps, defaults.stepScale(), defaults.randomStart(), seed);
        NumericEngine.start();

        InspectedModel target = inspected(run, data);
        Attacks onTarget = Attacks.of(target);
        Attacks crafter = transfer ? Attacks.of(inspected(from, data)) : onTarget;
        Attacks.Sample sample = Attacks.testSample(target, onTarget.space(), images == 0 ? Integer.MAX_VALUE : images, seed);
        long t0 = System.nanoTime();
        Attacks.Curve curve = Attacks.curve(crafter, onTarget, transfer ? from.toString() : null, attack, settings,
                epsilons, sample.pixels(), sample.labels(), progress);
        double seconds = (System.nanoTime() - t0) / 1e9;

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("method", transfer ? "transfer" : attack.name().toLowerCase(Locale.ROOT));
        if (transfer) {
            result.put("crafted_with", attack.name().toLowerCase(Locale.ROOT));
            result.put("from", from.toString());
        }
        result.put("run", run.toString());
        result.put("dataset", target.data().name());
        result.put("images", sample.size());
        result.put("clean_accuracy", curve.clean());
        ObjectNode robust = result.putObject("robust_accuracy");
        for (int e = 0; e < epsilons.length; e++) {
            robust.put(Attacks.format(epsilons[e]), curve.accuracy()[e]);
        }
        if (attack == Attacks.Method.PGD) {
            result.put("steps", settings.steps());
            result.put("step_size", "2.5 * eps / steps");
            result.put("random_start", settings.randomStart());
        }
        result.put("seed", seed);
        result.put("epsilon_units", "pixel values at the model's input size, before normalisation; adversarial images clipped to pixel_range");
        result.putArray("pixel_range").add(onTarget.space().lo()).add(onTarget.space().hi());
        result.put("approximate_gradients", crafter.hasBatchNorm());
        result.put("seconds", Math.round(seconds * 10) / 10.0);
        if (out != null) {
            Files.createDirectories(out);
            json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("robustness.json").toFile(), result);
            chart(out.resolve("robustness.png"), curve);
            examples(out, crafter, onTarget, attack, settings, epsilons, sample, target);
        }
        return result;
    }

    /** A redrawn counter on a terminal; nothing into a pipe, where the JSON is what matters. */
    private static Attacks.Progress progress() {
        if (System.console() == null) {
            return Attacks.Progress.NONE;
        }
        return (done, total) -> System.err.printf(done == total ? "\rattack %d/%d%n" : "\rattack %d/%d", done, total);
    }

    private static InspectedModel inspected(Path dir, Path idx) throws Exception {
        RunFolder.Opened opened = new RunFolder(dir).open();
        PreparedData prepared = idx == null ? opened.data()
                : PreparedData.load(new DatasetSpec.IdxFolder(idx.toString()), opened.project().transforms());
        RunSession.checkFits(opened.project().model(), prepared.data());
        return new InspectedModel(opened.model(), prepared);
    }

    private static void chart(Path file, Attacks.Curve curve) throws IOException {
        XYSeries series = new XYSeries(curve.label());
        for (int e = 0; e < curve.epsilons().length; e++) {
            series.add(curve.epsilons()[e], curve.accuracy()[e]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Robust accuracy (" + curve.images() + " test images)",
                "epsilon (pixel units)", "accuracy", new XYSeriesCollection(series), PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setDomainAxis(ChartAxes.values("epsilon (pixel units)"));
        org.jfree.chart.axis.NumberAxis accuracy = ChartAxes.values("accuracy");
        accuracy.setRange(0, 1.02);
        chart.getXYPlot().setRangeAxis(accuracy);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(renderer);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }

    /**
     * For each epsilon above 0, the first few attacked images: a PNG with rows original,
     * perturbation (scaled so +-epsilon is full red / blue) and adversarial, and a CSV of labels
     * and predictions.
     */
    private static void examples(Path dir, Attacks crafter, Attacks target, Attacks.Method attack, Attacks.Settings settings,
                                 double[] epsilons, Attacks.Sample sample, InspectedModel model) throws IOException {
        int n = Math.min(EXAMPLES, sample.size());
        if (n == 0 || !model.images()) {
            return;
        }
        double[][] x = java.util.Arrays.copyOf(sample.pixels(), n);
        int[] y = java.util.Arrays.copyOf(sample.labels(), n);
        int w = model.data().width();
        int h = model.data().height();
        int c = model.data().channels();
        StringBuilder csv = new StringBuilder("epsilon,test_index,label,clean_prediction,clean_confidence,adversarial_prediction,adversarial_confidence\n");
        double[][] cleanP = target.probabilities(x);
        for (double e : epsilons) {
            if (e == 0) {
                continue;
            }
            double[][] adv = crafter.craft(attack, x, y, e, settings);
            double[][] advP = target.probabilities(adv);
            int scale = Math.max(1, 84 / Math.max(w, h));
            BufferedImage grid = new BufferedImage(n * (w * scale + 4), 3 * (h * scale + 4), BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < n; i++) {
                for (int py = 0; py < h; py++) {
                    for (int px = 0; px < w; px++) {
                        int p = py * w + px;
                        int original = rgb(x[i], p, w * h, c, target.space().hi(), target.space().lo());
                        int adversarial = rgb(adv[i], p, w * h, c, target.space().hi(), target.space().lo());
                        double delta = 0;
                        for (int ch = 0; ch < c; ch++) {
                            delta += (adv[i][ch * w * h + p] - x[i][ch * w * h + p]) / c;
                        }
                        int diverging = diverging(delta / e);
                        for (int sy = 0; sy < scale; sy++) {
                            for (int sx = 0; sx < scale; sx++) {
                                int gx = i * (w * scale + 4) + px * scale + sx;
                                grid.setRGB(gx, py * scale + sy, original);
                                grid.setRGB(gx, (h * scale + 4) + py * scale + sy, diverging);
                                grid.setRGB(gx, 2 * (h * scale + 4) + py * scale + sy, adversarial);
                            }
                        }
                    }
                }
                int cp = Predictions.argMax(cleanP[i]);
                int ap = Predictions.argMax(advP[i]);
                csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%.4f,%s,%.4f%n", Attacks.format(e), sample.indices()[i],
                        model.classNames().get(y[i]), model.classNames().get(cp), cleanP[i][cp], model.classNames().get(ap), advP[i][ap]));
            }
            ImageIO.write(grid, "png", dir.resolve("adversarial-eps-" + Attacks.format(e) + ".png").toFile());
        }
        Files.writeString(dir.resolve("adversarial-examples.csv"), csv.toString());
    }

    private static int rgb(double[] image, int p, int plane, int channels, double hi, double lo) {
        int[] v = new int[3];
        for (int k = 0; k < 3; k++) {
            double value = image[Math.min(k, channels - 1) * plane + p];
            v[k] = (int) Math.round(255 * Math.max(0, Math.min(1, (value - lo) / (hi - lo))));
        }
        return (v[0] << 16) | (v[1] << 8) | v[2];
    }

    /** -1 blue, 0 white, +1 red. */
    private static int diverging(double t) {
        t = Math.max(-1, Math.min(1, t));
        int r = t < 0 ? (int) Math.round(255 * (1 + t)) : 255;
        int b = t > 0 ? (int) Math.round(255 * (1 - t)) : 255;
        int g = (int) Math.round(255 * (1 - Math.abs(t)));
        return (r << 16) | (g << 8) | b;
    }

}

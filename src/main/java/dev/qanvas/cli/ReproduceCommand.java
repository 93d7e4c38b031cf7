package dev.qanvas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.Samples;
import dev.qanvas.sweep.PointResult;
import dev.qanvas.sweep.SweepFile;
import dev.qanvas.sweep.SweepFolder;
import dev.qanvas.sweep.SweepPlan;
import dev.qanvas.sweep.SweepPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qanvas reproduce}: trains every variant of the research samples headless as one sweep
 * (docs/sweeps.md: points trained as {@code train} trains, {@code --parallel} at a time, resumable; the
 * sweep folder is {@code sweep-<hash of the options>} inside --out), and writes {@code results.csv} (one row per run) and
 * {@code results.md} (one row per variant: test accuracy, mean ± standard deviation over seeds
 * where the experiment is seeded, classical / quantum parameter counts from the model graph's
 * analysis, time per run). The Markdown table is also printed.
 *
 * <p>A seeded run changes the initialisation only: the training seed (classical weights, batch
 * order) and the circuits' initial weights, drawn uniformly from [0, 2π) with that seed, as the
 * circuit templates draw them. The data stay the same.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train every research sample variant headless (seeded ones over several seeds) and write a results table.")
final class ReproduceCommand implements Callable<Integer> {

    /**
     * One variant of an experiment: a label, the sample file it trains and, in an attacked
     * experiment, the sample whose trained model crafts the transfer attack on it (or null).
     */
    record Variant(String label, String file, String transferFrom) {
        Variant(String label, String file) {
            this(label, file, null);
        }
    }

    /**
     * A research sample: its name for --only, its title, whether it runs over seeds, its variants,
     * and whether its trained models are attacked (FGSM, PGD and transfer at {@link #ATTACK_EPSILON}).
     */
    record Experiment(String name, String title, boolean seeded, List<Variant> variants, boolean attacked) {
        Experiment(String name, String title, boolean seeded, List<Variant> variants) {
            this(name, title, seeded, variants, false);
        }
    }

    /** The epsilon of the attacked experiments: the study's (Shahzad 2025). */
    static final double ATTACK_EPSILON = 0.1;
    /** PGD steps of the attacked experiments. */
    static final int ATTACK_STEPS = 10;

    /** The research samples, in the order of docs/results.md. */
    static final List<Experiment> EXPERIMENTS = List.of(
            new Experiment("transfer-learning", "1 Quantum transfer learning", false, List.of(
                    new Variant("autoencoder + 5-qubit circuit", "transfer-learning-quantum.qanvas"),
                    new Variant("autoencoder + classical twin", "transfer-learning-classical.qanvas"))),
            new Experiment("parallel-circuits", "2 Parallel quantum circuits", false, List.of(
                    new Variant("4 x 4-qubit circuits, MNIST", "parallel-circuits-mnist.qanvas"),
                    new Variant("classical counterpart (Dense 16 tanh), MNIST", "parallel-circuits-mnist-classical.qanvas"),
                    new Variant("4 x 4-qubit circuits, MNIST 28x28, 20 epochs", "parallel-circuits-mnist-28x28.qanvas"),
                    new Variant("4 x 4-qubit circuits, Fashion-MNIST", "parallel-circuits-fashion.qanvas"))),
            new Experiment("quanvolution", "3 Quanvolution", false, List.of(
                    new Variant("fixed 4-qubit 2x2 filter", "mnist-quanvolution.qanvas"),
                    new Variant("classical conv, same size", "quanvolution-classical-conv.qanvas"),
                    new Variant("same parameter count (avg pool)", "quanvolution-equal-params.qanvas"))),
            new Experiment("creep", "4 Let the quantum creep in", false, List.of(
                    new Variant("classical, no activations", "creep-classical.qanvas"),
                    new Variant("layer 1 quantum", "creep-quantum-layer1.qanvas"),
                    new Variant("layer 2 quantum", "creep-quantum-layer2.qanvas"),
                    new Variant("layer 3 quantum", "creep-quantum-layer3.qanvas"))),
            binary("hypercube", "hypercube parity"),
            binary("mnist", "MNIST 0 vs 1"),
            binary("fashion", "Fashion-MNIST binary"),
            new Experiment("entanglement", "6 Entanglement during training", false, List.of(
                    new Variant("9-qubit ladder classifier", "entanglement-during-training.qanvas"))),
            new Experiment("first-lesson", "7 First lesson", false, List.of(
                    new Variant("8x8 digits 0 vs 1, 4 qubits", "digits-8x8-zero-vs-one.qanvas"))),
            new Experiment("robustness", "8 Hybrid vs classical under attack", false, List.of(
                    new Variant("hybrid (4 x 4-qubit circuits)", "robustness-mnist-hybrid.qanvas", "robustness-mnist-classical.qanvas"),
                    new Variant("classical counterpart", "robustness-mnist-classical.qanvas", "robustness-mnist-hybrid.qanvas"),
                    new Variant("hybrid, FGSM adversarial training (eps 0.1, half of each batch)", "robustness-mnist-hybrid-adversarial.qanvas",
                            "robustness-mnist-classical.qanvas")), true),
            new Experiment("quantum-kernels", "9 Quantum kernels", false, List.of(
                    new Variant("MNIST 3 vs 5, PCA 8 -> ZZ map (reps 2, linear)", "quantum-kernels-mnist-3-vs-5.qanvas"),
                    new Variant("Fashion-MNIST, 10 classes, PCA 8 -> Z map (reps 2)", "quantum-kernels-fashion-z.qanvas"))),
            new Experiment("device", "11 Does it survive the device?", true, List.of(
                    new Variant("trained ideal, tested ideal", "device-survival-mnist.qanvas"),
                    new Variant("trained and tested on illustrative-noisy, 1000 shots", "device-survival-mnist-trained-on-device.qanvas"))),
            new Experiment("qrnn", "13 Quantum recurrent network", true, List.of(
                    new Variant("QRNN (5 qubits) -> Output, MNIST 0 vs 1 at 7x7 pixel by pixel", "qrnn-mnist.qanvas"),
                    new Variant("SimpleRnn (3 units) -> Output, the same data and settings", "qrnn-mnist-rnn.qanvas"))));

    private static Experiment binary(String task, String title) {
        return new Experiment("binary-" + task, "5 Binary: " + title, true, List.of(
                new Variant("classical", "binary-" + task + "-classical.qanvas"),
                new Variant("quantum", "binary-" + task + "-quantum.qanvas"),
                new Variant("quantum, no entangling gates", "binary-" + task + "-quantum-no-entangling.qanvas")));
    }

    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Run only these experiments: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Names.class)
    List<String> only;

    @Option(names = "--seeds", defaultValue = "10", description = "Seeds per variant of the seeded experiments (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", description = "Override every sample's number of epochs (for a quick check; the table is made without).")
    Integer epochs;

    @Option(names = "--attack-images", defaultValue = "0",
            description = "Attack only a seeded sample of this many test images in attacked experiments (for a quick check; default 0: all).")
    int attackImages;

    @Option(names = "--out", defaultValue = "runs/reproduce", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "0", description = "Runs trained at once (default 0: as many as the"
            + " cores, at most one per GiB of Java heap, at least 1).")
    int parallel;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The experiment names, for --only's help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EXPERIMENTS.stream().map(Experiment::name).iterator();
        }
    }

    /** One training run: what was trained and what came out. */
    record Run(Experiment experiment, Variant variant, long seed, String dataset, int testImages, double accuracy,
               double trainSeconds, double wallSeconds, long classical, long quantum, String outcome, Path dir, JsonNode crossValidation) {
        Run(Experiment experiment, Variant variant, long seed, String dataset, int testImages, double accuracy,
            double trainSeconds, double wallSeconds, long classical, long quantum, String outcome, Path dir) {
            this(experiment, variant, seed, dataset, testImages, accuracy, trainSeconds, wallSeconds, classical, quantum, outcome, dir, null);
        }
    }

    /** One attacked run: clean and robust accuracy at {@link #ATTACK_EPSILON} on the whole test split. */
    record Attacked(Run run, int images, double clean, double fgsm, double pgd, String transferFrom, double transfer, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1");
        }
        List<Experiment> chosen = select(only);
        Files.createDirectories(out);
        long started = System.nanoTime();
        // Every run is a point of one sweep (a folder per set of options, so the same command resumes it).
        String text = sweepText(chosen, seeds, epochs);
        SweepFile file = SweepFile.parse("reproduce", text, "reproduce");
        SweepPlan plan = SweepPlan.expand(file, out);
        Path dir = out.resolve("sweep-" + shortHash(text));
        SweepFolder.Snapshot done = SweepCommand.execute(file, plan, dir, parallel, System.err);
        List<Run> runs = new ArrayList<>();
        for (SweepPoint point : plan.points()) {
            PointResult row = done.rows().stream().filter(r -> r.id().equals(point.id())).findFirst().orElseThrow();
            runs.add(run(chosen, point, row, dir));
        }
        List<Attacked> attacked = new ArrayList<>();
        for (Experiment e : chosen) {
            if (e.attacked()) {
                attacked.addAll(attack(e, runs, attackImages));
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        writeCsv(out.resolve("results.csv"), runs);
        String table = table(runs, chosen);
        String kernels = kernelTable(runs);
        if (!kernels.isEmpty()) {
            table += (table.isEmpty() ? "" : "\n") + kernels;
        }
        if (!attacked.isEmpty()) {
            writeAttackCsv(out.resolve("robustness.csv"), attacked);
            table += "\n" + attackTable(attacked);
        }
        table += String.format(Locale.ROOT, "%nTotal: %d runs in %.1f minutes (sweep folder %s).%n", runs.size(), minutes, dir);
        Files.writeString(out.resolve("results.md"), table);
        System.out.println();
        System.out.print(table);
        return runs.stream().allMatch(r -> r.outcome().equals("COMPLETED") || r.outcome().equals("EARLY_STOPPED")) ? 0 : 1;
    }

    /**
     * The sweep file of a reproduction: one variant per sample (named by its file), seeded
     * experiments over seeds 1..n (as {@code train --seed}), every sample at its own seed otherwise,
     * and --epochs as a grid value.
     */
    static String sweepText(List<Experiment> chosen, int seeds, Integer epochs) {
        com.fasterxml.jackson.databind.node.ObjectNode root = JSON.createObjectNode();
        root.put("format", SweepFile.FORMAT);
        root.put("version", SweepFile.VERSION);
        root.put("name", "reproduce");
        com.fasterxml.jackson.databind.node.ArrayNode variants = root.putArray("variants");
        for (Experiment e : chosen) {
            for (Variant v : e.variants()) {
                com.fasterxml.jackson.databind.node.ObjectNode o = variants.addObject();
                o.put("name", stem(v));
                o.put("sample", v.file());
                if (e.seeded()) {
                    com.fasterxml.jackson.databind.node.ArrayNode list = o.putObject("grid").putArray("seed");
                    for (long s : seedRange(seeds)) {
                        list.add(s);
                    }
                }
            }
        }
        if (epochs != null) {
            root.putObject("grid").putArray("epochs").add(epochs);
        }
        return root.toPrettyString();
    }

    private static String stem(Variant v) {
        return v.file().replace(ProjectFiles.EXTENSION, "");
    }

    private static String shortHash(String text) throws java.security.NoSuchAlgorithmException {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(d, 0, 4);
    }

    /** The run a finished point gave: its variant, seed, and the numbers of its run folder's summary. */
    private static Run run(List<Experiment> chosen, SweepPoint point, PointResult row, Path sweepDir) throws IOException {
        Experiment e = chosen.stream().filter(x -> x.variants().stream().anyMatch(v -> stem(v).equals(point.variant()))).findFirst().orElseThrow();
        Variant v = e.variants().stream().filter(x -> stem(x).equals(point.variant())).findFirst().orElseThrow();
        Project project = Samples.load(v.file());
        long seed = point.params().containsKey("seed") ? Long.parseLong(point.params().get("seed")) : project.training().seed();
        long classical = (long) Math.max(0, nanToZero(row.metric("classical_parameters")));
        long quantum = (long) Math.max(0, nanToZero(row.metric("quantum_parameters")));
        Path dir = sweepDir.resolve(row.runDir());
        Path summaryFile = new RunFolder(dir).summary();
        if (!Files.isRegularFile(summaryFile)) {
            return new Run(e, v, seed, project.dataset().label(), 0, Double.NaN, Double.NaN, row.seconds(), classical, quantum, "FAILED", dir);
        }
        JsonNode s = JSON.readTree(summaryFile.toFile());
        return new Run(e, v, seed, s.path("dataset").asText(), s.path("test_images").asInt(), s.path("test_accuracy").asDouble(),
                s.path("total_seconds").asDouble(), row.seconds(), classical, quantum, row.done() ? s.path("outcome").asText() : "FAILED", dir,
                s.has("cross_validation") ? s.get("cross_validation") : null);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** The experiments named by --only (all when none), or an error listing the names. */
    static List<Experiment> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EXPERIMENTS;
        }
        Set<String> wanted = new LinkedHashSet<>(names);
        List<Experiment> chosen = EXPERIMENTS.stream().filter(e -> wanted.remove(e.name())).toList();
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("no experiment named " + String.join(", ", wanted) + "; choose from "
                    + String.join(", ", EXPERIMENTS.stream().map(Experiment::name).toList()));
        }
        return chosen;
    }

    static long[] seedRange(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    /** The project initialised from {@code seed} ({@link dev.qanvas.project.SeededStart}, which train and sweeps share). */
    static Project withSeed(Project p, long seed) {
        return dev.qanvas.project.SeededStart.of(p, seed);
    }

    /**
     * FGSM and PGD at {@link #ATTACK_EPSILON} on each trained variant of {@code e}, and PGD
     * crafted on the variant it names and scored on it (a transfer attack), on the whole test split.
     */
    private static List<Attacked> attack(Experiment e, List<Run> runs, int images) throws Exception {
        List<Attacked> out = new ArrayList<>();
        double[] eps = {0, ATTACK_EPSILON};
        String key = dev.qanvas.insight.Attacks.format(ATTACK_EPSILON);
        for (Run r : runs) {
            if (r.experiment() != e || r.outcome().equals("FAILED")) {
                continue;
            }
            System.err.printf("%n== %s: attacking %s ==%n", e.title(), r.variant().label());
            long t0 = System.nanoTime();
            var none = dev.qanvas.insight.Attacks.Progress.NONE;
            var fgsm = AttackCommand.attack(r.dir(), "fgsm", "pgd", null, eps, ATTACK_STEPS, null, images, 1, null, none);
            var pgd = AttackCommand.attack(r.dir(), "pgd", "pgd", null, eps, ATTACK_STEPS, null, images, 1, null, none);
            Run source = r.variant().transferFrom() == null ? null : runs.stream()
                    .filter(o -> o.experiment() == e && o.variant().file().equals(r.variant().transferFrom()) && o.seed() == r.seed()
                            && !o.outcome().equals("FAILED"))
                    .findFirst().orElse(null);
            double transfer = Double.NaN;
            if (source != null) {
                transfer = AttackCommand.attack(r.dir(), "transfer", "pgd", source.dir(), eps, ATTACK_STEPS, null, images, 1, null, none)
                        .get("robust_accuracy").get(key).asDouble();
            }
            out.add(new Attacked(r, fgsm.get("images").asInt(), fgsm.get("clean_accuracy").asDouble(), fgsm.get("robust_accuracy").get(key).asDouble(),
                    pgd.get("robust_accuracy").get(key).asDouble(), source == null ? "" : source.variant().label(), transfer,
                    (System.nanoTime() - t0) / 1e9));
        }
        return out;
    }

    private static void writeAttackCsv(Path file, List<Attacked> rows) throws IOException {
        StringBuilder sb = new StringBuilder("experiment,variant,file,seed,epsilon,test_images,clean_accuracy,fgsm_accuracy,pgd_accuracy,"
                + "transfer_from,transfer_pgd_accuracy,attack_seconds\n");
        for (Attacked a : rows) {
            sb.append(String.format(Locale.ROOT, "%s,\"%s\",%s,%d,%s,%d,%.4f,%.4f,%.4f,\"%s\",%.4f,%.1f%n", a.run().experiment().name(),
                    a.run().variant().label(), a.run().variant().file(), a.run().seed(), dev.qanvas.insight.Attacks.format(ATTACK_EPSILON),
                    a.images(), a.clean(), a.fgsm(), a.pgd(), a.transferFrom(), a.transfer(), a.seconds()));
        }
        Files.writeString(file, sb.toString());
    }

    /**
     * One row per model of each kernel run (QSVM, RBF SVM, random forest on the same features and
     * folds): cross-validation mean ± standard deviation over the folds, the folds' range, test
     * accuracy and seconds (folds and refit).
     */
    static String kernelTable(List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        for (Run r : runs) {
            if (r.crossValidation() == null) {
                continue;
            }
            if (sb.length() == 0) {
                sb.append("| sample | variant | model | CV accuracy, mean ± std over folds | folds min .. max | test accuracy | seconds |\n");
                sb.append("|---|---|---|---:|---:|---:|---:|\n");
            }
            String[] names = {"QSVM (quantum kernel)", "RBF SVM", "random forest"};
            for (int i = 0; i < dev.qanvas.project.KernelRun.LEARNERS.size(); i++) {
                JsonNode m = r.crossValidation().path(dev.qanvas.project.KernelRun.LEARNERS.get(i));
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (JsonNode f : m.path("per_fold")) {
                    min = Math.min(min, f.asDouble());
                    max = Math.max(max, f.asDouble());
                }
                sb.append(String.format(Locale.ROOT, "| %s | %s, %,d test images | %s | %.1f%% ± %.1f (%d folds) | %.1f .. %.1f%% | %.1f%% | %.1f |%n",
                        r.experiment().title(), r.variant().label(), r.testImages(), names[i], 100 * m.path("mean").asDouble(),
                        100 * m.path("std").asDouble(), m.path("folds").asInt(), 100 * min, 100 * max, 100 * m.path("test_accuracy").asDouble(),
                        m.path("seconds").asDouble()));
            }
        }
        return sb.toString();
    }

    /** One row per attacked run: clean, FGSM, PGD and transferred PGD accuracy. */
    static String attackTable(List<Attacked> rows) {
        String eps = dev.qanvas.insight.Attacks.format(ATTACK_EPSILON);
        StringBuilder sb = new StringBuilder();
        sb.append("| sample | variant | clean | FGSM ε=").append(eps).append(" | PGD ε=").append(eps).append(" (").append(ATTACK_STEPS)
                .append(" steps) | PGD ε=").append(eps).append(" crafted on | its accuracy | attack seconds |\n");
        sb.append("|---|---|---:|---:|---:|---|---:|---:|\n");
        for (Attacked a : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s, %,d test images | %.1f%% | %.1f%% | %.1f%% | %s | %s | %.0f |%n", a.run().experiment().title(),
                    a.run().variant().label(), a.images(), 100 * a.clean(), 100 * a.fgsm(), 100 * a.pgd(), a.transferFrom().isEmpty() ? "-" : a.transferFrom(),
                    Double.isNaN(a.transfer()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * a.transfer()), a.seconds()));
        }
        return sb.toString();
    }

    private static void writeCsv(Path file, List<Run> runs) throws IOException {
        StringBuilder sb = new StringBuilder("experiment,variant,file,seed,dataset,test_images,test_accuracy,train_seconds,wall_seconds,"
                + "classical_parameters,quantum_parameters,outcome,run_dir\n");
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "%s,\"%s\",%s,%d,\"%s\",%d,%.4f,%.1f,%.1f,%d,%d,%s,\"%s\"%n", r.experiment().name(),
                    r.variant().label(), r.variant().file(), r.seed(), r.dataset(), r.testImages(), r.accuracy(), r.trainSeconds(),
                    r.wallSeconds(), r.classical(), r.quantum(), r.outcome(), r.dir()));
        }
        Files.writeString(file, sb.toString());
    }

    /** One row per variant: accuracy (mean ± sample standard deviation over seeds), parameters, time per run. */
    static String table(List<Run> runs, List<Experiment> experiments) {
        StringBuilder sb = new StringBuilder();
        for (Experiment e : experiments) {
            for (Variant v : e.variants()) {
                List<Run> mine = runs.stream().filter(r -> r.experiment() == e && r.variant().equals(v)).toList();
                if (mine.isEmpty() || mine.get(0).crossValidation() != null) {
                    continue; // kernel runs have their own table (kernelTable)
                }
                double[] acc = mine.stream().mapToDouble(Run::accuracy).toArray();
                double[] wall = mine.stream().mapToDouble(Run::wallSeconds).toArray();
                String accuracy = acc.length > 1
                        ? String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * mean(acc), 100 * std(acc))
                        : String.format(Locale.ROOT, "%.1f%%", 100 * acc[0]);
                long failed = mine.stream().filter(r -> r.outcome().equals("FAILED")).count();
                Run first = mine.get(0);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s, %,d test images | %s | %d%s | %,d / %,d | %.0f |%n", e.title(), v.label(),
                        first.dataset(), first.testImages(), accuracy, mine.size(), failed > 0 ? " (" + failed + " failed)" : "",
                        first.classical(), first.quantum(), mean(wall)));
            }
        }
        return sb.length() == 0 ? "" : "| sample | variant | data | test accuracy | runs | parameters classical / quantum | seconds per run |\n"
                + "|---|---|---|---:|---:|---:|---:|\n" + sb;
    }

    static double mean(double[] x) {
        return SweepFolder.Stat.of(x).mean();
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    static double std(double[] x) {
        return SweepFolder.Stat.of(x).std();
    }
}

package dev.qanvas.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and mistaken sweep files: each refused before anything runs, with the place named. */
class SweepFileTest {

    private static final String HEAD = "{\"format\": \"qanvas-sweep\", \"version\": 1, ";
    private static final String VARIANT = "\"variants\": [{\"name\": \"a\", \"sample\": \"binary-hypercube-quantum.qanvas\"}]";

    private static String refused(String text) {
        return assertThrows(SweepFileException.class, () -> SweepFile.parse("s.json", text, "s")).getMessage();
    }

    private static void says(String text, String... parts) {
        String m = refused(text);
        for (String p : parts) {
            assertTrue(m.contains(p), "expected \"" + p + "\" in: " + m);
        }
    }

    @Test
    void brokenJsonIsLocatedByLineAndColumn() {
        says(HEAD + "\n" + VARIANT + ",\n \"grid\": {\"seed\": [1, 2,]}}", "s.json at line 3", "not valid JSON");
        says("[1, 2]", "a JSON object");
        says("", "s.json");
        says(HEAD + VARIANT + "} trailing", "not valid JSON");
        says("[".repeat(100_000), "not valid JSON"); // nesting deeper than 16
    }

    @Test
    void wrongTypesAndValuesNameTheirPlace() {
        says("{\"format\": \"qanvas-project\", \"version\": 1}", "format: must be \"qanvas-sweep\"");
        says(HEAD.replace("1, ", "2, ") + VARIANT + "}", "version 2 is from a newer Qanvas");
        says(HEAD.replace("1, ", "\"1\", ") + VARIANT + "}", "version: a whole number");
        says(HEAD + "\"variants\": []}", "variants: a list of 1 to");
        says(HEAD + "\"variants\": [\"x\"]}", "variants[0]: a variant is");
        says(HEAD + "\"variants\": [{\"name\": \"a\"}]}", "variants[0]: give exactly one of \"project\"");
        says(HEAD + "\"variants\": [{\"name\": 5, \"sample\": \"x.qanvas\"}]}", "variants[0].name: a text");
        says(HEAD + "\"variants\": [{\"name\": \"a/b\", \"sample\": \"x.qanvas\"}]}", "variants[0].name: letters");
        says(HEAD + "\"variants\": [{\"name\": \"a\", \"sample\": \"../etc/passwd\"}]}", "variants[0].sample");
        says(HEAD + "\"variants\": [{\"name\": \"a\", \"sample\": \"x.qanvas\"}, {\"name\": \"a\", \"sample\": \"y.qanvas\"}]}", "variants[1].name", "twice");
        says(HEAD + VARIANT + ", \"grid\": {\"learning_rate\": [0.1, -1]}}", "grid.learning_rate[1]: a number above 0");
        says(HEAD + VARIANT + ", \"grid\": {\"learning_rate\": 0.1}}", "grid.learning_rate: a list of 1 to");
        says(HEAD + VARIANT + ", \"grid\": {\"batch_size\": [16.5]}}", "grid.batch_size[0]: a whole number");
        says(HEAD + VARIANT + ", \"grid\": {\"seed\": [1, 1]}}", "grid.seed[1]: 1 is listed twice");
        says(HEAD + VARIANT + ", \"grid\": {\"optimizer\": [\"LBFGS\"]}}", "grid.optimizer[0]: an optimizer is one of");
        says(HEAD + VARIANT + ", \"grid\": {\"label_noise\": [1.5]}}", "grid.label_noise[0]: a number from 0 to 1");
        says(HEAD + VARIANT + ", \"grid\": {\"class_subset\": [[0, \"x\"]]}}", "grid.class_subset[0][1]: a whole number");
        says(HEAD + VARIANT + ", \"grid\": {\"dropout\": [0.1]}}", "grid: unknown parameter \"dropout\"", "learning_rate");
        says(HEAD + VARIANT + ", \"grdi\": {}}", "unknown key \"grdi\"");
        says(HEAD + VARIANT + ", \"random\": {\"count\": 0, \"seed\": 1, \"parameters\": {}}}", "random.count");
        says(HEAD + VARIANT + ", \"random\": {\"count\": 2, \"parameters\": {\"seed\": {\"int\": [1, 9]}}}}", "random.seed: a whole number");
        says(HEAD + VARIANT + ", \"random\": {\"count\": 2, \"seed\": 1, \"parameters\": {\"optimizer\": {\"uniform\": [0, 1]}}}}",
                "random.parameters.optimizer.uniform: optimizer is not a number");
        says(HEAD + VARIANT + ", \"random\": {\"count\": 2, \"seed\": 1, \"parameters\": {\"learning_rate\": {\"log_uniform\": [0.1, 0.01]}}}}",
                "random.parameters.learning_rate.log_uniform: low (0.1) is above high");
        says(HEAD + VARIANT + ", \"grid\": {\"seed\": [1]}, \"random\": {\"count\": 2, \"seed\": 1, \"parameters\": {\"seed\": {\"int\": [1, 9]}}}}",
                "seed is both in grid and in random");
    }

    @Test
    void hugeFilesAndHugeSweepsAreRefusedBeforeAllocating(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[SweepFile.MAX_BYTES + 1]);
        String m = assertThrows(SweepFileException.class, () -> SweepFile.read(big)).getMessage();
        assertTrue(m.contains("big.json") && m.contains("a sweep file is at most"), m);
        // 10,000 x 10,000 grid values: counted, not expanded.
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            values.append(i == 0 ? "" : ",").append(i);
        }
        String many = HEAD + VARIANT + ", \"grid\": {\"seed\": [" + values + "], \"batch_size\": [" + values.toString().replaceFirst("^0,", "") + "]}}";
        says(many, "more than 100000 points");
        Path missing = dir.resolve("nope.json");
        String gone = assertThrows(IllegalArgumentException.class, () -> SweepFile.read(missing)).getMessage();
        assertTrue(gone.contains("nope.json: file not found"), gone);
    }

    @Test
    void aMissingOrBrokenProjectIsNamedByItsVariant(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.qanvas"), "{\"formatVersion\": 2, \"name\": ");
        SweepFile f = SweepFile.parse("s.json", HEAD + "\"variants\": [{\"name\": \"ok\", \"sample\": \"binary-hypercube-quantum.qanvas\"},"
                + " {\"name\": \"broken\", \"project\": \"bad.qanvas\"}]}", "s");
        String m = assertThrows(SweepFileException.class, () -> SweepPlan.expand(f, dir)).getMessage();
        assertTrue(m.startsWith("variants[1] (broken): ") && m.contains("bad.qanvas"), m);
        SweepFile g = SweepFile.parse("s.json", HEAD + "\"variants\": [{\"name\": \"ok\", \"sample\": \"no-such-sample.qanvas\"}]}", "s");
        String n = assertThrows(SweepFileException.class, () -> SweepPlan.expand(g, dir)).getMessage();
        assertTrue(n.contains("variants[0] (ok)") && n.contains("no-such-sample.qanvas"), n);
        SweepFile h = SweepFile.parse("s.json", HEAD + VARIANT + ", \"grid\": {\"class_subset\": [[1, 99]]}}", "s");
        assertEquals(1, SweepPlan.expand(h, dir).points().size(), "a class the data lack fails when the point runs, recorded there");
    }

    @Test
    void aBrokenSweepFolderIsNamedWhereItBreaks(@TempDir Path dir) throws Exception {
        String none = assertThrows(SweepFileException.class, () -> SweepFolder.read(dir)).getMessage();
        assertTrue(none.contains("not a sweep folder"), none);
        Files.writeString(dir.resolve(SweepFolder.POINTS), "{\"format\": \"qanvas-sweep-points\", \"points\": [");
        String broken = assertThrows(SweepFileException.class, () -> SweepFolder.read(dir)).getMessage();
        assertTrue(broken.contains("points.json: not valid JSON"), broken);
        Files.writeString(dir.resolve(SweepFolder.POINTS), "{\"format\": \"qanvas-sweep-points\", \"version\": 1, \"parameters\": [\"seed\"],"
                + " \"points\": [{\"id\": \"p0001\", \"variant\": \"a\", \"params\": {\"seed\": \"1\"}}]}");
        String header = String.join(",", SweepFolder.header(java.util.List.of("seed")));
        Files.writeString(dir.resolve(SweepFolder.RESULTS), "point,variant\n");
        String wrong = assertThrows(SweepFileException.class, () -> SweepFolder.read(dir)).getMessage();
        assertTrue(wrong.contains("results.csv: line 1: expected the header"), wrong);
        Files.writeString(dir.resolve(SweepFolder.RESULTS), header + "\np0001,a,done,1,x,,,,,,,,,1.0,,runs/p0001\n");
        String number = assertThrows(SweepFileException.class, () -> SweepFolder.read(dir)).getMessage();
        assertTrue(number.contains("results.csv: line 2: not a number: x"), number);
        Files.writeString(dir.resolve(SweepFolder.RESULTS), header + "\np0001,a,maybe,1,,,,,,,,,,1.0,,runs/p0001\n");
        String status = assertThrows(SweepFileException.class, () -> SweepFolder.read(dir)).getMessage();
        assertTrue(status.contains("line 2: a point's status is done or failed"), status);
        Files.writeString(dir.resolve(SweepFolder.RESULTS), header + "\np0001,a,done,1,0.5,,,,,,,,,1.0,,runs/p0001\np0002,a,do");
        SweepFolder.Snapshot s = SweepFolder.read(dir);
        assertEquals(1, s.rows().size(), "a half-written last line is ignored while a sweep writes");
        assertEquals(0.5, s.rows().get(0).metric("test_accuracy"));
    }
}

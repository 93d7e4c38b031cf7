package dev.qanvas.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample projects shipped in {@code samples/} (on the class path as {@code /samples/}).
 * {@code samples/index.json} lists them in menu order, in groups: an array of
 * {@code {"group": title, "about": one line, "samples": [file, ...]}}.
 */
public final class Samples {

    private Samples() {
    }

    /** A sample: its file name, the project it holds, and the group it is listed under. */
    public record Sample(String file, Project project, Group group) {
    }

    /** A heading of the sample list (e.g. one research study) and its files in order. */
    public record Group(String title, String about, List<String> files) {
        public Group {
            files = List.copyOf(files);
        }
    }

    public static List<Sample> list() throws ProjectFileException {
        List<Sample> out = new ArrayList<>();
        for (Group g : groups()) {
            for (String file : g.files()) {
                out.add(new Sample(file, load(file), g));
            }
        }
        return out;
    }

    public static Project load(String file) throws ProjectFileException {
        String resource = "/samples/" + file;
        try (InputStream in = Samples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ProjectFileException("sample " + file + " is not in the application");
            }
            return ProjectFiles.read("sample " + file, in);
        } catch (ProjectFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ProjectFileException("sample " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every sample file in menu order. */
    static List<String> index() throws ProjectFileException {
        return groups().stream().flatMap(g -> g.files().stream()).toList();
    }

    static List<Group> groups() throws ProjectFileException {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/index.json")) {
            if (in == null) {
                throw new ProjectFileException("samples/index.json is not in the application");
            }
            List<Group> groups = new ArrayList<>();
            for (JsonNode g : new ObjectMapper().readTree(in)) {
                if (!g.path("group").isTextual() || !g.path("samples").isArray()) {
                    throw new ProjectFileException("samples/index.json: every entry needs \"group\" and \"samples\"");
                }
                List<String> files = new ArrayList<>();
                g.get("samples").forEach(f -> files.add(f.asText()));
                groups.add(new Group(g.get("group").asText(), g.path("about").asText(""), files));
            }
            return groups;
        } catch (IOException e) {
            throw new ProjectFileException("samples/index.json: " + e.getMessage(), e);
        }
    }
}

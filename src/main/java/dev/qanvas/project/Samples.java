package dev.qanvas.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample projects shipped in {@code samples/} (on the class path as {@code /samples/}).
 * {@code samples/index.json} lists them in menu order.
 */
public final class Samples {

    private Samples() {
    }

    /** A sample: its file name and the project it holds. */
    public record Sample(String file, Project project) {
    }

    public static List<Sample> list() throws ProjectFileException {
        List<Sample> out = new ArrayList<>();
        for (String file : index()) {
            out.add(new Sample(file, load(file)));
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

    static List<String> index() throws ProjectFileException {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/index.json")) {
            if (in == null) {
                throw new ProjectFileException("samples/index.json is not in the application");
            }
            List<String> files = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                files.add(n.asText());
            }
            return files;
        } catch (IOException e) {
            throw new ProjectFileException("samples/index.json: " + e.getMessage(), e);
        }
    }
}

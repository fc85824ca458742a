package org.taew.core.logic.evaluation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.util.WorkbenchException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A reproduction spec: a data file, the published score of each model on it and the tolerance, kept
 * as a YAML file next to the datasets (like Anserini's reproduction YAML with its expected
 * results).
 */
public record Reproduction(
        Path file,
        String name,
        Path data,
        String layout,
        String metric,
        double tolerance,
        Map<String, Double> expected) {

    /** One model's outcome. */
    public record Row(String model, double ours, double published) {
        public double difference() {
            return ours - published;
        }
    }

    /** Reads a spec; {@code data} is resolved against {@code workspaceRoot}. */
    public static Reproduction read(Path file, Path workspaceRoot) throws WorkbenchException {
        Map<String, Object> map;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (!(loaded instanceof Map)) {
                throw WorkbenchException.badInput(
                        file + ": expected a mapping with name, data and results");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) loaded;
            map = m;
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        } catch (YAMLException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.BAD_INPUT,
                    file + ": not valid YAML: " + e.getMessage(),
                    e);
        }
        Object results = map.get("results");
        if (!(results instanceof Map) || !(map.get("data") instanceof String)) {
            throw WorkbenchException.badInput(
                    file + ": expected \"data\" (a path) and \"results\" (model: published score)");
        }
        Map<String, Double> expected = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) results).entrySet()) {
            if (!(e.getValue() instanceof Number)) {
                throw WorkbenchException.badInput(
                        file
                                + ": the result of "
                                + e.getKey()
                                + " must be a number, not "
                                + e.getValue());
            }
            expected.put(String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue());
        }
        Object tol = map.getOrDefault("tolerance", 0.0005);
        return new Reproduction(
                file,
                String.valueOf(map.getOrDefault("name", file.getFileName().toString())),
                workspaceRoot.resolve((String) map.get("data")).normalize(),
                String.valueOf(map.getOrDefault("layout", "sts-benchmark")),
                String.valueOf(map.getOrDefault("metric", "cosine_spearman")),
                ((Number) tol).doubleValue(),
                expected);
    }

    /** The reproduction specs in a folder, by name. */
    public static List<Path> list(Path dir) throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return new ArrayList<>(
                    s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList());
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot list " + dir, e);
        }
    }

    public boolean matches(Row row) {
        return Math.abs(row.difference()) <= tolerance + 1e-12;
    }
}

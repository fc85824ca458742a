package org.taew.core.logic.hub;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.taew.core.logic.encoding.FetchedModels;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Folders;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Fetches a model from the Hugging Face Hub into {@code <models>/ORG/NAME@COMMIT}: only the files
 * the workbench runs (ONNX or safetensors weights of the precision asked for, the tokenizer, the
 * config and sentence-transformers' module files, the model card), never pickle files. Files are
 * downloaded into {@code <models>/.partial/ORG__NAME@COMMIT/} (resumed there after an
 * interruption), checked, read as a model, and only then moved into place in one rename, so a
 * half-downloaded folder is never taken for a model. {@value FetchedModels#RECORD} records the
 * repository, the revision asked for, its commit and the files.
 */
public final class ModelFetcher {
    private static final Pattern MODULE_FILE =
            Pattern.compile("\\d+_[A-Za-z]+/(config\\.json|model\\.safetensors)");
    private static final List<String> METADATA =
            List.of(
                    "config.json",
                    "tokenizer.json",
                    "modules.json",
                    "sentence_bert_config.json",
                    "config_sentence_transformers.json",
                    "README.md");

    /** A fetched model: its folder, what the Hub said, the files taken, their bytes. */
    public record Fetched(
            Path dir,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> files,
            long bytes,
            boolean wasThere) {}

    private ModelFetcher() {}

    /**
     * Fetches {@code spec} (unless that commit is there already) with the weights of {@code
     * precision}. {@code progress} counts bytes.
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public static Fetched fetch(
            HubClient hub,
            Path modelsDir,
            FetchedModels.Spec spec,
            Precision precision,
            ProgressListener progress)
            throws WorkbenchException {
        HubClient.RepoInfo info = hub.info(spec.repo(), spec.revision());
        List<HubClient.RepoFile> files = choose(info, precision);
        long bytes = files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
        Path target = FetchedModels.folder(modelsDir, info.repo(), info.commit());
        boolean recorded = Files.isRegularFile(target.resolve(FetchedModels.RECORD));
        List<HubClient.RepoFile> missing =
                recorded
                        ? files.stream()
                                .filter(f -> !Files.isRegularFile(target.resolve(f.path())))
                                .toList()
                        : files;
        if (missing.isEmpty()) {
            return new Fetched(target, info, files, bytes, true);
        }
        Path partial = FetchedModels.partialFolder(modelsDir, info.repo(), info.commit());
        try (FetchLock lock = FetchLock.take(partial, info.repo())) {
            progress.reset(
                    "Fetching " + info.repo() + "@" + FetchedModels.shortCommit(info.commit()),
                    missing.stream().mapToLong(f -> Math.max(0, f.size())).sum());
            for (HubClient.RepoFile f : missing) {
                ProgressListener.checkCancelled();
                hub.download(info, f, partial.resolve(f.path()), progress);
            }
            progress.end();
            if (recorded) {
                // another precision of a commit that is here: its files join the folder, one
                // rename each, and the record lists them; the folder stays usable throughout
                join(partial, target, info, missing, precision);
                return new Fetched(target, info, files, bytes, false);
            }
            writeRecord(partial, info, files, List.of(precision.label()));
            try {
                ModelFolderReader.read(partial, precision);
            } catch (WorkbenchException e) {
                Folders.deleteTreeQuietly(partial);
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        info.repo()
                                + " was downloaded but cannot be used (its files were deleted): "
                                + e.getMessage(),
                        e);
            }
            moveIntoPlace(partial, target);
        }
        return new Fetched(target, info, files, bytes, false);
    }

    private static void join(
            Path partial,
            Path target,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> added,
            Precision precision)
            throws WorkbenchException {
        try {
            JsonObject old =
                    JsonParser.parseString(
                                    Files.readString(
                                            target.resolve(FetchedModels.RECORD),
                                            StandardCharsets.UTF_8))
                            .getAsJsonObject();
            List<HubClient.RepoFile> all = new ArrayList<>();
            for (JsonElement e : old.getAsJsonArray("files")) {
                JsonObject f = e.getAsJsonObject();
                all.add(
                        new HubClient.RepoFile(
                                f.get("path").getAsString(),
                                f.get("size").getAsLong(),
                                f.has("sha256") ? f.get("sha256").getAsString() : null));
            }
            List<String> precisions =
                    new ArrayList<>(List.of(old.get("precision").getAsString().split(",")));
            if (!precisions.contains(precision.label())) {
                precisions.add(precision.label());
            }
            for (HubClient.RepoFile f : added) {
                Path to = target.resolve(f.path());
                Files.createDirectories(to.getParent());
                Files.move(partial.resolve(f.path()), to, StandardCopyOption.REPLACE_EXISTING);
                all.add(f);
            }
            writeRecord(target, info, all, precisions);
            Folders.deleteTreeQuietly(partial);
        } catch (IOException | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot add the "
                            + precision.label()
                            + " files of "
                            + info.repo()
                            + " to "
                            + target
                            + ": "
                            + (e instanceof IOException io
                                    ? FetchFailures.describe(io)
                                    : "its record is unreadable"),
                    e);
        }
    }

    /**
     * The files to fetch: the weights of {@code precision} (ONNX when the repository has it, else
     * {@code model.safetensors}), the tokenizer, configs, module files and the model card; a
     * refusal that says why when the repository has nothing the workbench can run.
     */
    static List<HubClient.RepoFile> choose(HubClient.RepoInfo info, Precision precision)
            throws WorkbenchException {
        Map<String, HubClient.RepoFile> byPath = new LinkedHashMap<>();
        for (HubClient.RepoFile f : info.files()) {
            byPath.put(f.path(), f);
        }
        if (!byPath.containsKey("tokenizer.json")) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    info.repo()
                            + " has no tokenizer.json (Hugging Face's fast-tokenizer file), which the workbench"
                            + " needs; it cannot run this model");
        }
        List<HubClient.RepoFile> out = new ArrayList<>();
        for (HubClient.RepoFile f : info.files()) {
            if (METADATA.contains(f.path()) || MODULE_FILE.matcher(f.path()).matches()) {
                out.add(f);
            }
        }
        String weights = weights(info, byPath, precision);
        out.add(byPath.get(weights));
        // ONNX's external-data file, when the weights are kept beside the graph
        HubClient.RepoFile data = byPath.get(weights + "_data");
        if (data != null) {
            out.add(data);
        }
        return out;
    }

    private static String weights(
            HubClient.RepoInfo info, Map<String, HubClient.RepoFile> byPath, Precision precision)
            throws WorkbenchException {
        if (precision == Precision.FP32) {
            for (String p : List.of("onnx/model.onnx", "model.onnx", "model.safetensors")) {
                if (byPath.containsKey(p)) {
                    return p;
                }
            }
        } else {
            for (String stem : Precision.fileStems(precision)) {
                for (String p : List.of("onnx/" + stem + ".onnx", stem + ".onnx")) {
                    if (byPath.containsKey(p)) {
                        return p;
                    }
                }
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    info.repo()
                            + " has no "
                            + precision.label()
                            + " ONNX file ("
                            + (precision == Precision.Q4
                                    ? "onnx/model_q4.onnx"
                                    : "onnx/model_quantized.onnx, model_int8.onnx, model_qint8_avx2.onnx, …")
                            + "); fetch it in fp32 (--precision fp32)");
        }
        if (byPath.containsKey("model.safetensors.index.json")) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    info.repo()
                            + " keeps its weights in several safetensors files (model.safetensors.index.json),"
                            + " which the workbench does not read yet; it reads one model.safetensors or an ONNX"
                            + " file");
        }
        boolean pickle =
                info.files().stream()
                        .anyMatch(
                                f ->
                                        f.path().endsWith(".bin")
                                                || f.path().endsWith(".pt")
                                                || f.path().endsWith(".pth"));
        throw new WorkbenchException(
                WorkbenchException.Kind.MODEL,
                info.repo()
                        + (pickle
                                ? " has only pickle weights (pytorch_model.bin): loading pickle can run arbitrary"
                                        + " code, so the workbench does not fetch them. Convert them to"
                                        + " model.safetensors on a machine with Python (docs/formats.md), or choose"
                                        + " a repository with safetensors or ONNX weights."
                                : " has neither ONNX nor safetensors weights"));
    }

    private static void writeRecord(
            Path dir,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> files,
            List<String> precisions)
            throws WorkbenchException {
        JsonObject o = new JsonObject();
        o.addProperty("repo", info.repo());
        o.addProperty("revision", info.revision());
        o.addProperty("commit", info.commit());
        o.addProperty("precision", String.join(",", precisions));
        o.addProperty("fetched", Instant.now().toString());
        JsonArray list = new JsonArray();
        for (HubClient.RepoFile f : files) {
            JsonObject e = new JsonObject();
            e.addProperty("path", f.path());
            e.addProperty("size", f.size());
            if (f.sha256() != null) {
                e.addProperty("sha256", f.sha256());
            }
            list.add(e);
        }
        o.add("files", list);
        AtomicFiles.writeString(
                dir.resolve(FetchedModels.RECORD),
                new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
    }

    private static void moveIntoPlace(Path partial, Path target) throws WorkbenchException {
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                // an older incomplete copy of the same commit (no record: never a model) is
                // replaced; a folder with a record is never deleted here
                if (Files.exists(target.resolve(FetchedModels.RECORD))) {
                    throw new IOException(target + " exists and holds a fetched model");
                }
                Folders.deleteTree(target);
            }
            AtomicFiles.rename(partial, target);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot move " + partial + " to " + target + ": " + FetchFailures.describe(e),
                    e);
        }
    }

    /** A byte count for people: {@code 133.1 MB}. */
    public static String size(long bytes) {
        return bytes < 1_000_000
                ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}

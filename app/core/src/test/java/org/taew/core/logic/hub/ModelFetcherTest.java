package org.taew.core.logic.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.FetchedModels;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.model.ModelSpec;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/** Fetching models from a stand-in of the Hub on the loopback address. */
class ModelFetcherTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir Path tmp;
    private HubFixture hub;
    private Path models;
    private Map<String, Path> qwen;

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start();
        models = tmp.resolve("models");
        qwen =
                new LinkedHashMap<>(
                        HubFixture.filesOf(TinyModels.copy("qwen3", tmp.resolve("src"))));
        Path pickle = tmp.resolve("pytorch_model.bin");
        Files.writeString(pickle, "pickle stand-in");
        qwen.put("pytorch_model.bin", pickle);
        hub.serve("org/tiny-qwen3", COMMIT, qwen);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private ModelFetcher.Fetched fetch(String spec, Precision precision, String token)
            throws WorkbenchException {
        return ModelFetcher.fetch(
                new HubClient(hub.endpoint(), token),
                models,
                FetchedModels.Spec.parse(spec),
                precision,
                ProgressListener.NONE);
    }

    private List<Path> everythingUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aSafetensorsModelIsFetchedIntoItsCommitsFolderAndResolvesByName() throws Exception {
        ModelFetcher.Fetched f = fetch("org/tiny-qwen3", Precision.FP32, null);
        Path dir = models.resolve("org/tiny-qwen3@0123456789ab");
        assertThat(f.dir()).isEqualTo(dir);
        assertThat(f.wasThere()).isFalse();
        assertThat(dir.resolve("model.safetensors")).exists();
        assertThat(dir.resolve("1_Pooling/config.json")).exists();
        assertThat(dir.resolve("README.md")).exists();
        assertThat(dir.resolve("pytorch_model.bin")).as("never pickle").doesNotExist();
        assertThat(dir.resolve("reference.json")).as("only what the workbench runs").doesNotExist();
        assertThat(Files.readString(dir.resolve(FetchedModels.RECORD)))
                .contains("\"repo\": \"org/tiny-qwen3\"")
                .contains("\"revision\": \"main\"")
                .contains("\"commit\": \"" + COMMIT + "\"");
        try (Stream<Path> left = Files.list(models.resolve(FetchedModels.PARTIAL))) {
            assertThat(left.filter(Files::isDirectory)).as("no partial folder left").isEmpty();
        }

        ModelCatalog catalog = new ModelCatalog(models);
        ModelSpec spec = catalog.resolve("org/tiny-qwen3");
        assertThat(spec.dir()).isEqualTo(dir);
        assertThat(catalog.resolve("org/tiny-qwen3@01234567").dir()).isEqualTo(dir);
        assertThat(catalog.localFolders()).containsExactly(dir);
        assertThat(catalog.precisions("org/tiny-qwen3")).containsExactly(Precision.FP32);

        int before = hub.requests.size();
        assertThat(fetch("org/tiny-qwen3@" + COMMIT, Precision.FP32, null).wasThere()).isTrue();
        assertThat(hub.requests.subList(before, hub.requests.size()))
                .as("only the file list is asked for again")
                .hasSize(1);
    }

    @Test
    void anInterruptedFetchLeavesNoModelAndResumesWhereItStopped() throws Exception {
        long size = Files.size(qwen.get("model.safetensors"));
        hub.cutOnce.put("model.safetensors", size / 2);
        assertThatThrownBy(() -> fetch("org/tiny-qwen3", Precision.FP32, null))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("the connection was cut")
                .hasMessageContaining("run the fetch again to resume it")
                .hasMessageNotContaining("Exception");
        assertThat(models.resolve("org")).doesNotExist();
        assertThat(new ModelCatalog(models).localFolders()).isEmpty();
        Path partial = FetchedModels.partialFolder(models, "org/tiny-qwen3", COMMIT);
        assertThat(Files.size(partial.resolve("model.safetensors"))).isBetween(1L, size - 1);

        long kept = Files.size(partial.resolve("model.safetensors"));
        fetch("org/tiny-qwen3", Precision.FP32, null);
        assertThat(hub.requests)
                .anyMatch(r -> r.endsWith("/model.safetensors bytes=" + kept + "-"));
        assertThat(new ModelCatalog(models).resolve("org/tiny-qwen3").weights()).exists();
    }

    @Test
    void aCorruptedFileIsDeletedAndRefused() throws Exception {
        hub.corruptOnce.add("model.safetensors");
        assertThatThrownBy(() -> fetch("org/tiny-qwen3", Precision.FP32, null))
                .hasMessageContaining("model.safetensors of org/tiny-qwen3 arrived corrupted")
                .hasMessageContaining("It was deleted");
        assertThat(models.resolve("org")).doesNotExist();
        Path partial = FetchedModels.partialFolder(models, "org/tiny-qwen3", COMMIT);
        assertThat(partial.resolve("model.safetensors")).doesNotExist();
        assertThat(fetch("org/tiny-qwen3", Precision.FP32, null).dir()).isDirectory();
    }

    @Test
    void onnxRepositoriesGiveTheFileOfThePrecisionAsked() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        Path small = tmp.resolve("weights.onnx");
        Files.writeString(small, "onnx stand-in");
        files.put("onnx/model.onnx", small);
        files.put("onnx/model_quantized.onnx", small);
        files.put("onnx/model_fp16.onnx", small);
        files.put("model.safetensors", qwen.get("model.safetensors"));
        files.put("tokenizer.json", qwen.get("tokenizer.json"));
        files.put("config.json", qwen.get("config.json"));
        hub.serve("org/onnx-model", COMMIT, files);
        HubClient.RepoInfo info =
                new HubClient(hub.endpoint(), null).info("org/onnx-model", "main");
        assertThat(ModelFetcher.choose(info, Precision.FP32))
                .extracting(HubClient.RepoFile::path)
                .containsExactly("tokenizer.json", "config.json", "onnx/model.onnx");
        assertThat(ModelFetcher.choose(info, Precision.INT8))
                .extracting(HubClient.RepoFile::path)
                .containsExactly("tokenizer.json", "config.json", "onnx/model_quantized.onnx");
        assertThatThrownBy(() -> ModelFetcher.choose(info, Precision.Q4))
                .hasMessageContaining("has no q4 ONNX file (onnx/model_q4.onnx)");

        // onnx-community's layout: fp32 weights in an external data file, a 4-bit export beside
        files.put("onnx/model.onnx_data", small);
        files.put("onnx/model_q4.onnx", small);
        files.put("onnx/model_q4f16.onnx", small);
        hub.serve("org/onnx-community", COMMIT, files);
        HubClient.RepoInfo community =
                new HubClient(hub.endpoint(), null).info("org/onnx-community", "main");
        assertThat(ModelFetcher.choose(community, Precision.FP32))
                .extracting(HubClient.RepoFile::path)
                .containsExactly(
                        "tokenizer.json", "config.json", "onnx/model.onnx", "onnx/model.onnx_data");
        assertThat(ModelFetcher.choose(community, Precision.Q4))
                .extracting(HubClient.RepoFile::path)
                .containsExactly("tokenizer.json", "config.json", "onnx/model_q4.onnx");
    }

    @Test
    void eachRefusalHasOneClearMessageAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> fetch("org/missing", Precision.FP32, null))
                .hasMessageContaining("No model org/missing at revision main")
                .hasMessageContaining("(404)");
        assertThatThrownBy(() -> fetch("org/tiny-qwen3@v9", Precision.FP32, null))
                .hasMessageContaining("at revision v9");
        hub.status.put("org/tiny-qwen3", 403);
        assertThatThrownBy(() -> fetch("org/tiny-qwen3", Precision.FP32, null))
                .hasMessageContaining("(403)")
                .hasMessageContaining("Gated models");
        hub.status.put("org/tiny-qwen3", 429);
        assertThatThrownBy(() -> fetch("org/tiny-qwen3", Precision.FP32, null))
                .hasMessageContaining("rate-limiting")
                .hasMessageContaining("wait 30 s");
        hub.status.clear();
        hub.requiredToken = "hf_secret";
        assertThatThrownBy(() -> fetch("org/tiny-qwen3", Precision.FP32, null))
                .hasMessageContaining("401")
                .hasMessageContaining("HF_TOKEN")
                .hasMessageContaining("(none is set now)");
        assertThatThrownBy(() -> fetch("org/tiny-qwen3", Precision.FP32, "hf_wrong"))
                .hasMessageContaining("the token given was not accepted");
        assertThatThrownBy(() -> fetch("org/tiny-qwen3", Precision.INT8, "hf_secret"))
                .hasMessageContaining("has no int8 ONNX file");
        hub.requiredToken = null;

        Map<String, Path> pickleOnly = new LinkedHashMap<>();
        pickleOnly.put("pytorch_model.bin", qwen.get("pytorch_model.bin"));
        pickleOnly.put("tokenizer.json", qwen.get("tokenizer.json"));
        pickleOnly.put("config.json", qwen.get("config.json"));
        hub.serve("org/pickle", COMMIT, pickleOnly);
        assertThatThrownBy(() -> fetch("org/pickle", Precision.FP32, null))
                .hasMessageContaining("has only pickle weights")
                .hasMessageContaining("arbitrary code");
        assertThatThrownBy(() -> fetch("not a name", Precision.FP32, null))
                .hasMessageContaining("expected ORG/NAME or ORG/NAME@REVISION");
        assertThat(everythingUnder(models)).isEmpty();

        HubClient offline = new HubClient("http://127.0.0.1:9", null); // discard port: refused
        assertThatThrownBy(
                        () ->
                                ModelFetcher.fetch(
                                        offline,
                                        models,
                                        FetchedModels.Spec.parse("org/tiny-qwen3"),
                                        Precision.FP32,
                                        ProgressListener.NONE))
                .hasMessageContaining("Cannot reach http://127.0.0.1:9")
                .hasMessageContaining("no network");

        ModelFetcher.Fetched ok = fetch("org/tiny-qwen3", Precision.FP32, "hf_secret");
        assertThat(ok.dir()).isDirectory();
    }

    @Test
    void aSecondPrecisionJoinsTheFolderOfTheFirstAndAnEmptyFileIsFetchedToo() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        Path fp32 = tmp.resolve("fp32.onnx");
        Path int8 = tmp.resolve("int8.onnx");
        Path empty = tmp.resolve("empty.md");
        Files.writeString(fp32, "fp32 stand-in");
        Files.writeString(int8, "int8 stand-in");
        Files.writeString(empty, "");
        files.put("onnx/model.onnx", fp32);
        files.put("onnx/model_quantized.onnx", int8);
        for (String f :
                List.of("tokenizer.json", "config.json", "modules.json", "1_Pooling/config.json")) {
            files.put(f, qwen.get(f));
        }
        files.put("README.md", empty);
        hub.serve("org/onnx", COMMIT, files);
        Path dir = fetch("org/onnx", Precision.FP32, null).dir();
        assertThat(dir.resolve("README.md")).exists().isEmptyFile();
        assertThat(dir.resolve("onnx/model_quantized.onnx")).doesNotExist();
        ModelCatalog catalog = new ModelCatalog(models);
        String fp32Identity = catalog.resolve("org/onnx").identity();

        ModelFetcher.Fetched second = fetch("org/onnx", Precision.INT8, null);
        assertThat(second.dir()).isEqualTo(dir);
        assertThat(dir.resolve("onnx/model.onnx")).as("the fp32 files stay").exists();
        assertThat(dir.resolve("onnx/model_quantized.onnx")).exists();
        assertThat(catalog.resolve("org/onnx").identity()).isEqualTo(fp32Identity);
        assertThat(catalog.resolve("org/onnx", Precision.INT8).weights())
                .isEqualTo(dir.resolve("onnx/model_quantized.onnx"));
        assertThat(Files.readString(dir.resolve(FetchedModels.RECORD)))
                .contains("\"precision\": \"fp32,int8\"")
                .contains("onnx/model_quantized.onnx")
                .contains("onnx/model.onnx");
    }

    @Test
    void aListingWhoseCommitIsNotAHashIsRefusedBeforeAnythingIsWritten() throws Exception {
        hub.serve("org/evil", "/../../../..", qwen);
        assertThatThrownBy(() -> fetch("org/evil", Precision.FP32, null))
                .hasMessageContaining("no commit hash")
                .hasMessageNotContaining("Exception");
        assertThat(everythingUnder(tmp.resolve("models"))).isEmpty();
    }

    @Test
    void theTokenGoesToTheHubOnlyNeverToWhereItRedirects() throws Exception {
        try (HubFixture cdn = HubFixture.start()) {
            cdn.plain.put("/blob/weights", qwen.get("model.safetensors"));
            hub.redirect.put(
                    "/org/tiny-qwen3/resolve/" + COMMIT + "/model.safetensors",
                    cdn.endpoint() + "/blob/weights");
            hub.requiredToken = "hf_secret";
            fetch("org/tiny-qwen3", Precision.FP32, "hf_secret");
            assertThat(cdn.requests).containsExactly("GET /blob/weights");
            assertThat(hub.requests).allMatch(r -> r.endsWith("[auth]"));
        }
    }

    @Test
    void aFullDiskIsSaidInOneSentence() throws Exception {
        Path full = Path.of("/dev/full"); // Linux: every write fails with ENOSPC
        Assumptions.assumeTrue(Files.exists(full), "needs /dev/full");
        HubClient client = new HubClient(hub.endpoint(), null);
        HubClient.RepoInfo info = client.info("org/tiny-qwen3", "main");
        HubClient.RepoFile weights =
                info.files().stream()
                        .filter(f -> f.path().equals("model.safetensors"))
                        .findFirst()
                        .orElseThrow();
        assertThatThrownBy(() -> client.download(info, weights, full, ProgressListener.NONE))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("the disk is full")
                .hasMessageNotContaining("Exception");
    }
}

package org.taew.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.hub.HubClient;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.DirectTaskRunner;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;
import org.taew.desktop.heatmap.HeatmapViewModel;
import org.taew.desktop.metrics.MetricsViewModel;
import org.taew.desktop.queries.PerQueryViewModel;
import org.taew.desktop.util.Debouncer;

/** The whole session on the real e5-small-v2 and helpdesk-mini, without the FX toolkit. */
class SessionViewModelTest {
    @TempDir Path dir;
    WorkbenchContext context;
    RecordingDialogs dialogs = new RecordingDialogs();
    DirectTaskRunner runner = new DirectTaskRunner();
    AtomicLong clock = new AtomicLong(1);
    DesktopViewModels vms;
    SessionViewModel session;

    @BeforeEach
    void start() throws Exception {
        context = TestWorkspace.create(dir);
        vms = DesktopViewModels.create(context, runner, dialogs, Debouncer.IMMEDIATE, clock::get);
        session = vms.session();
        session.start("helpdesk-mini", "e5-small-v2");
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void opensTheDefaultsAndEvaluatesBothModes() {
        assertThat(dialogs.errors).isEmpty();
        LiveEvaluation.Snapshot s = session.snapshotProperty().get();
        assertThat(s).isNotNull();
        assertThat(s.result().modes()).containsOnlyKeys(Mode.GENERAL, Mode.TASK_AWARE);
        assertThat(s.result().comparison().mainMetric()).isEqualTo(MetricId.parse("ndcg_cut.10"));
        assertThat(session.engineProperty().get())
                .startsWith("OnnxRuntime 1.21.1 on CPU · similarity search on PyTorch");
        assertThat(session.editor().form().queryCostProperty().get())
                .startsWith("2 instruction tokens · 0 of 40 queries truncated at 512 tokens")
                .endsWith(" · limit from taew-model.json max_length");
        assertThat(session.editor().templateSourceProperty().get())
                .startsWith("Task-aware templates: instruction file ")
                .endsWith("e5.yaml (it lists model \"e5-small-v2\")");
        MetricsViewModel metrics = new MetricsViewModel(session.snapshotProperty());
        assertThat(metrics.rows())
                .extracting(ModeComparison.MetricDelta::label)
                .containsExactly("nDCG@10", "MAP@10", "MRR@10", "Recall@10", "P@10");
    }

    @Test
    void aModelFolderOfEachNewArchitectureOpensEvaluatesAndCutsItsDimensions() throws Exception {
        for (String arch : List.of("t5", "qwen3", "gemma3")) {
            Path folder = TinyModels.copy(arch, dir.resolve("models"));
            session.openModelFolder(folder);
            assertThat(dialogs.errors).as(arch).isEmpty();
            assertThat(session.engineProperty().get())
                    .contains("native")
                    .contains("encoder) on CPU");
            LiveEvaluation.Snapshot s = session.snapshotProperty().get();
            assertThat(s.result().modes()).containsOnlyKeys(Mode.GENERAL, Mode.TASK_AWARE);
            // each fixture's folder has prompts of its own: they win over the family its name
            // suggests (t5 has no family file; qwen3 and gemma have one)
            assertThat(session.editor().templateSourceProperty().get())
                    .as(arch)
                    .isEqualTo(
                            "Task-aware templates: model prompts "
                                    + folder.resolve("config_sentence_transformers.json")
                                    + " (the model folder's own"
                                    + (arch.equals("t5")
                                            ? ""
                                            : "; "
                                                    + (arch.equals("qwen3") ? "qwen3" : "gemma")
                                                    + ".yaml matches the folder's name but applies"
                                                    + " only when chosen")
                                    + ")");
            assertThat(session.selectedDimensionProperty().get()).isZero();
            assertThat(session.dimensions()).startsWith(0, 16);

            session.selectedDimensionProperty().set(16);
            assertThat(dialogs.errors).as(arch).isEmpty();
            assertThat(session.engineProperty().get()).contains("first 16 dimensions");
            assertThat(session.snapshotProperty().get()).isNotSameAs(s);
            assertThat(session.dimensionCautionProperty().get().contains("Matryoshka"))
                    .as("only the EmbeddingGemma fixture's card claims Matryoshka training")
                    .isEqualTo(!arch.equals("gemma3"));
        }
    }

    @Test
    void aFolderThatCutsItsVectorsOpensCutAndAllReadsItWhole() throws Exception {
        // sentence-transformers reads truncate_dim from config_sentence_transformers.json
        Path folder = TinyModels.copy("qwen3", dir.resolve("models"));
        Path cfg = folder.resolve("config_sentence_transformers.json");
        Files.writeString(cfg, Files.readString(cfg).replaceFirst("\\{", "{\"truncate_dim\": 12,"));
        session.openModelFolder(folder);
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.engineProperty().get()).contains("first 12 dimensions");
        // the folder's own cut is shown, among the usual sizes
        assertThat(session.selectedDimensionProperty().get()).isEqualTo(12);
        assertThat(session.dimensions()).startsWith(0, 16, 12);

        session.selectedDimensionProperty().set(0);
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.setupProperty().get().dimension()).isEqualTo(32);
        assertThat(session.engineProperty().get()).doesNotContain("first");
        assertThat(session.selectedDimensionProperty().get()).isZero();
        // the folder's own cut stays on the list to go back to
        assertThat(session.dimensions()).contains(12);
        session.selectedDimensionProperty().set(16);
        assertThat(session.dimensions()).contains(12);
        session.selectedDimensionProperty().set(12);
        assertThat(session.engineProperty().get()).contains("first 12 dimensions");
    }

    @Test
    void int8IsADraftUntilConfirmedInFp32() throws Exception {
        assertThat(session.devices()).containsExactly(DeviceChoice.CPU, DeviceChoice.CPU_INT8);
        assertThat(session.draftProperty().get()).isEmpty();
        LiveEvaluation.Snapshot fp32 = session.snapshotProperty().get();
        String fp32Identity = session.setupProperty().get().model().identity();
        Path e5 = session.setupProperty().get().model().dir();

        session.selectedDeviceProperty().set(DeviceChoice.CPU_INT8);
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.engineProperty().get()).contains(", int8 weights");
        assertThat(session.draftProperty().get())
                .startsWith("DRAFT: made with int8 weights (onnx/model_quantized.onnx)");
        LiveEvaluation.Snapshot draft = session.snapshotProperty().get();
        assertThat(draft).isNotSameAs(fp32);
        assertThat(session.setupProperty().get().model().identity()).isNotEqualTo(fp32Identity);

        session.confirmInFp32();
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.selectedDeviceProperty().get()).isEqualTo(DeviceChoice.CPU);
        assertThat(session.draftProperty().get()).isEmpty();
        assertThat(session.engineProperty().get()).doesNotContain("int8");
        assertThat(session.snapshotProperty().get().result().comparison().mainMetric())
                .isEqualTo(fp32.result().comparison().mainMetric());

        // a model without int8 weights, opened while the draft device is chosen: said, then fp32
        session.selectedDeviceProperty().set(DeviceChoice.CPU_INT8);
        assertThat(session.draftProperty().get()).isNotEmpty();
        session.openModelFolder(TinyModels.copy("qwen3", dir.resolve("models")));
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.infos)
                .singleElement()
                .asString()
                .contains("has no int8 weights: it opens with its fp32 weights");
        assertThat(session.selectedDeviceProperty().get()).isEqualTo(DeviceChoice.CPU);
        assertThat(session.draftProperty().get()).isEmpty();
        assertThat(session.engineProperty().get()).contains("native");
        assertThat(session.devices()).doesNotContain(DeviceChoice.CPU_INT8);

        // a folder with only int8 weights opens as a draft, and says so
        Path int8Only = dir.resolve("models/e5-int8-only");
        Files.createDirectories(int8Only.resolve("onnx"));
        Files.copy(
                e5.resolve("onnx/model_quantized.onnx"),
                int8Only.resolve("onnx/model_quantized.onnx"));
        Files.copy(e5.resolve("tokenizer.json"), int8Only.resolve("tokenizer.json"));
        Files.writeString(
                int8Only.resolve("taew-model.json"), "{\"pooling\": \"mean\", \"family\": \"e5\"}");
        session.openModelFolder(int8Only);
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.infos).last().asString().contains("has only int8 weights");
        assertThat(session.selectedDeviceProperty().get()).isEqualTo(DeviceChoice.CPU_INT8);
        assertThat(session.draftProperty().get()).startsWith("DRAFT");
        assertThat(session.snapshotProperty().get().result().modes()).hasSize(2);

        // an onnx-community-style decoder folder with only its 4-bit export opens as a q4 draft
        Path q4Only =
                TinyModels.withOnnx(
                        "qwen3",
                        dir.resolve("models-q4"),
                        Map.of("model_q4.onnx", "model_q4.onnx"));
        Files.delete(q4Only.resolve("model.safetensors"));
        session.openModelFolder(q4Only);
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.infos).last().asString().contains("has only q4 weights");
        assertThat(session.selectedDeviceProperty().get()).isEqualTo(DeviceChoice.CPU_Q4);
        assertThat(session.devices()).containsExactly(DeviceChoice.CPU, DeviceChoice.CPU_Q4);
        assertThat(session.engineProperty().get()).contains("OnnxRuntime").contains(", q4 weights");
        assertThat(session.draftProperty().get())
                .startsWith("DRAFT: made with q4 weights (onnx/model_q4.onnx)");
        assertThat(session.snapshotProperty().get().result().modes()).hasSize(2);

        // the same folder named at start (taew-workbench --model FOLDER)
        session.close();
        dialogs.infos.clear();
        session =
                DesktopViewModels.create(context, runner, dialogs, Debouncer.IMMEDIATE, clock::get)
                        .session();
        session.start("helpdesk-mini", q4Only.toString());
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.selectedDeviceProperty().get()).isEqualTo(DeviceChoice.CPU_Q4);
        assertThat(session.draftProperty().get()).startsWith("DRAFT: made with q4 weights");
    }

    @Test
    void aModelAndADatasetDownloadedFromTheirSitesOpenAndEvaluate() throws Exception {
        try (HubFixture hub = HubFixture.start()) {
            hub.serve(
                    "org/tiny-qwen3",
                    "0123456789abcdef0123456789abcdef01234567",
                    HubFixture.filesOf(TinyModels.copy("qwen3", dir.resolve("hub"))));
            vms.downloads().downloadModel("org/tiny-qwen3", new HubClient(hub.endpoint(), null));
            assertThat(dialogs.errors).isEmpty();
            assertThat(session.selectedModelProperty().get().nameOrPath())
                    .isEqualTo("org/tiny-qwen3@0123456789ab");
            assertThat(session.engineProperty().get()).contains("native qwen3 encoder");
            assertThat(session.snapshotProperty().get().result().modes()).hasSize(2);

            vms.downloads().downloadModel("org/absent", new HubClient(hub.endpoint(), null));
            assertThat(dialogs.errors)
                    .singleElement()
                    .asString()
                    .contains("No model org/absent at revision main");
            dialogs.errors.clear();

            Path zip =
                    HubFixture.beirZip(
                            context.workspace().datasets().resolve("helpdesk-mini"),
                            "scifact",
                            dir.resolve("scifact.zip"));
            hub.plain.put("/beir/scifact.zip", zip);
            vms.downloads()
                    .downloadDataset(
                            "scifact",
                            new HubClient(hub.endpoint(), null),
                            hub.endpoint() + "/beir");
            assertThat(dialogs.errors).isEmpty();
            assertThat(session.selectedDatasetProperty().get().name()).isEqualTo("scifact");
            assertThat(context.workspace().datasets().resolve("scifact/README.md")).exists();
            assertThat(session.snapshotProperty().get().result().dataset().name())
                    .isEqualTo("scifact");

            // a Hub repository in MTEB's parquet layout: fetched, converted, opened, evaluated
            Map<String, Path> parquet = HubFixture.mtebRetrievalParquet();
            hub.serveDataset("mteb/fiqa", "0123456789abcdef0123456789abcdef01234567", parquet);
            vms.downloads().downloadHubDataset("mteb/fiqa", new HubClient(hub.endpoint(), null));
            assertThat(dialogs.errors).isEmpty();
            assertThat(session.selectedDatasetProperty().get().name()).isEqualTo("fiqa");
            assertThat(session.snapshotProperty().get().result().dataset().documents()).hasSize(64);
        }
    }

    @Test
    void aQueryEditReencodesOnlyTheQueriesAndUpdatesEveryView() {
        MetricsViewModel metrics = new MetricsViewModel(session.snapshotProperty());
        PerQueryViewModel perQuery =
                new PerQueryViewModel(session.snapshotProperty(), session.cutoffProperty());
        HeatmapViewModel heat = new HeatmapViewModel(session.snapshotProperty(), 50, 2);
        LiveEvaluation.Snapshot before = session.snapshotProperty().get();
        double ndcgBefore = metrics.rows().get(0).taskAware();

        clock.set(5_000_000_000L);
        session.editor().form().queryTemplateProperty().set("{text}");
        clock.set(5_400_000_000L);

        LiveEvaluation.Snapshot after = session.snapshotProperty().get();
        assertThat(after).isNotSameAs(before);
        assertThat(after.queries().get(Mode.TASK_AWARE).reused()).isTrue(); // same as general's
        assertThat(after.documents().get(Mode.TASK_AWARE).reused()).isTrue();
        assertThat(session.lastUpdateProperty().get())
                .startsWith("Updated ")
                .contains("s after the edit")
                .contains("nothing re-encoded");
        assertThat(metrics.rows().get(0).taskAware()).isNotEqualTo(ndcgBefore);

        session.editor().form().queryTemplateProperty().set("query: question: {text}");
        assertThat(session.lastUpdateProperty().get())
                .contains("encoded task-aware queries 40")
                .doesNotContain("documents");
        assertThat(perQuery.rows()).hasSize(40);
        assertThat(perQuery.selectedProperty().get()).isNotNull();
        assertThat(perQuery.rightHits()).hasSize(10);
        assertThat(heat.mapProperty().get().rows()).isEqualTo(40);
        heat.select(2, 0);
        assertThat(heat.selectedQueryProperty().get()).isEqualTo("Q003");
        assertThat(heat.detailsProperty().get())
                .startsWith("Q003 × ")
                .contains("how many vacation days do new employees get");
        perQuery.select("Q003");
        assertThat(perQuery.queryTextProperty().get()).startsWith("Q003: ");
    }

    @Test
    void aDatasetsOwnSettingsChooseTheTaskAndIdenticalIds() throws Exception {
        Path d = dir.resolve("dups");
        Files.createDirectories(d.resolve("qrels"));
        Files.writeString(
                d.resolve("corpus.jsonl"),
                "{\"_id\": \"a\", \"text\": \"How do I reset my VPN password?\"}\n"
                        + "{\"_id\": \"b\", \"text\": \"Forgot the VPN password, how to change"
                        + " it?\"}\n"
                        + "{\"_id\": \"c\", \"text\": \"How many vacation days do I get?\"}\n");
        Files.writeString(
                d.resolve("queries.jsonl"),
                "{\"_id\": \"a\", \"text\": \"How do I reset my VPN password?\"}\n");
        // a split of another name than test: the desktop opens test, or the only split there is
        Files.writeString(d.resolve("qrels/dev.tsv"), "query-id\tcorpus-id\tscore\na\tb\t2\n");
        Files.writeString(
                d.resolve("dataset.yaml"), "task: similarity\nignore-identical-ids: true\n");
        assertThat(session.editor().selectedTaskProperty().get()).isEqualTo("retrieval");
        assertThat(session.ignoreIdenticalIdsProperty().get()).isFalse();

        session.openDataset(d);
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.editor().selectedTaskProperty().get()).isEqualTo("similarity");
        assertThat(session.ignoreIdenticalIdsProperty().get()).isTrue();
        LiveEvaluation.Snapshot s = session.snapshotProperty().get();
        assertThat(s.result().dataset().split()).isEqualTo("dev");
        assertThat(s.result().settings().ignoreIdenticalIds()).isTrue();
        // its own id left out, the query's duplicate comes first
        assertThat(s.result().modes().get(Mode.TASK_AWARE).scores().mean(MetricId.parse("RR@10")))
                .isEqualTo(1.0);

        // helpdesk-mini's dataset.yaml asks for retrieval with identical ids counted
        session.selectedDatasetProperty().set(session.datasets().get(0));
        assertThat(session.selectedDatasetProperty().get().name()).isEqualTo("helpdesk-mini");
        assertThat(session.editor().selectedTaskProperty().get()).isEqualTo("retrieval");
        assertThat(session.ignoreIdenticalIdsProperty().get()).isFalse();

        // without a dataset.yaml the task stays and the box follows whether queries are documents
        Files.delete(d.resolve("dataset.yaml"));
        session.openDataset(d);
        assertThat(session.editor().selectedTaskProperty().get()).isEqualTo("retrieval");
        assertThat(session.ignoreIdenticalIdsProperty().get()).isTrue();
    }

    @Test
    void idsThatMerelyCoincideAreNotIgnoredAndIgnoringThemWarnsWithTheQuery() throws Exception {
        // numbered from 1 on both sides, as classic collections are: query 2 is not document 2
        Path d = dir.resolve("numbered");
        Files.createDirectories(d.resolve("qrels"));
        Files.writeString(
                d.resolve("corpus.jsonl"),
                "{\"_id\": \"1\", \"text\": \"Reset the VPN password in the portal.\"}\n"
                        + "{\"_id\": \"2\", \"text\": \"Printer jams: open tray 2.\"}\n"
                        + "{\"_id\": \"3\", \"text\": \"New staff get 25 days of leave.\"}\n");
        Files.writeString(
                d.resolve("queries.jsonl"),
                "{\"_id\": \"1\", \"text\": \"how many leave days\"}\n"
                        + "{\"_id\": \"2\", \"text\": \"printer jammed\"}\n");
        Files.writeString(d.resolve("qrels/test.tsv"), "1\t3\t1\n2\t2\t1\n");
        session.openDataset(d);
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.ignoreIdenticalIdsProperty().get()).isFalse();
        assertThat(session.identicalIdsNoteProperty().get())
                .contains("the ids coincide, the queries are not documents");
        assertThat(session.identicalIdsWarningProperty().get()).isEmpty();
        assertThat(
                        session.snapshotProperty()
                                .get()
                                .result()
                                .modes()
                                .get(Mode.GENERAL)
                                .scores()
                                .mean(MetricId.parse("RR@10")))
                .isGreaterThan(0.5);
        session.ignoreIdenticalIdsProperty().set(true);
        assertThat(session.identicalIdsNoteProperty().get())
                .isEqualTo("ignore identical ids: yes (as chosen)");
        assertThat(session.identicalIdsWarningProperty().get())
                .endsWith("removes from their rankings: 2");
    }

    @Test
    void foldersGivenAtStartOpenAndAnUnknownNameIsSaidNotSkipped() throws Exception {
        // a model folder with prompts and no instruction file gets its prompts, as in the CLI
        Path folder = SameNumbersTest.promptedModel(dir);
        Path dataset = dir.resolve("copy-of-helpdesk");
        ShippedWorkspace.copy("datasets/helpdesk-mini", dataset);
        SessionViewModel fresh =
                DesktopViewModels.create(
                                context,
                                new DirectTaskRunner(),
                                dialogs,
                                Debouncer.IMMEDIATE,
                                new AtomicLong()::incrementAndGet)
                        .session();
        fresh.start(dataset.toString(), folder.toString());
        assertThat(dialogs.errors).isEmpty();
        assertThat(fresh.selectedDatasetProperty().get().path()).isEqualTo(dataset);
        assertThat(fresh.selectedModelProperty().get().nameOrPath()).isEqualTo(folder.toString());
        assertThat(fresh.editor().selectedSetProperty().get().origin())
                .isEqualTo(InstructionSet.Origin.MODEL_PROMPTS);
        assertThat(fresh.editor().form().queryTemplateProperty().get()).isEqualTo("query: {text}");
        assertThat(fresh.editor().canSaveProperty().get()).isFalse();
        fresh.close();

        SessionViewModel wrong =
                DesktopViewModels.create(
                                context,
                                new DirectTaskRunner(),
                                dialogs,
                                Debouncer.IMMEDIATE,
                                new AtomicLong()::incrementAndGet)
                        .session();
        wrong.start(null, "no-such-model");
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .contains("Cannot open the model no-such-model");
        assertThat(wrong.selectedModelProperty().get().nameOrPath()).isEqualTo("e5-small-v2");
        wrong.close();
    }

    @Test
    void severalSplitsWithoutTestAreOfferedAndTheChosenOneIsEvaluated() throws Exception {
        Path d = dir.resolve("two-splits");
        ShippedWorkspace.copy("datasets/helpdesk-mini", d);
        Path qrels = d.resolve("qrels");
        List<String> lines = Files.readAllLines(qrels.resolve("test.tsv"));
        Files.delete(qrels.resolve("test.tsv"));
        // the first 20 judgments in dev, the rest in train (TREC format, as collections ship it)
        StringBuilder dev = new StringBuilder();
        StringBuilder train = new StringBuilder();
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split("\t");
            (i <= 20 ? dev : train).append(c[0] + " 0 " + c[1] + " " + c[2] + "\n");
        }
        Files.writeString(qrels.resolve("dev.txt"), dev);
        Files.writeString(qrels.resolve("train.txt"), train);
        LiveEvaluation.Snapshot before = session.snapshotProperty().get();

        session.openDataset(d);
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.splits()).containsExactly("dev", "train");
        assertThat(session.selectedSplitProperty().get()).isNull();
        assertThat(vms.work().statusProperty().get())
                .isEqualTo(
                        "two-splits has the splits dev, train and none is called test: choose one");
        assertThat(session.snapshotProperty().get()).isSameAs(before);

        session.selectedSplitProperty().set("train");
        assertThat(dialogs.errors).isEmpty();
        LiveEvaluation.Snapshot s = session.snapshotProperty().get();
        assertThat(s.result().dataset().split()).isEqualTo("train");
        assertThat(s.result().dataset().name()).isEqualTo("two-splits");
    }

    @Test
    void stsPairsOpenInTheirOwnViewAndAnEditReevaluatesThem() throws Exception {
        Path pairs = dir.resolve("pairs.tsv");
        StringBuilder sb = new StringBuilder("sentence1\tsentence2\tscore\n");
        String[][] rows = {
            {"A man is playing a guitar.", "A man plays the guitar.", "4.8"},
            {"A cat sleeps on the sofa.", "The stock market fell sharply.", "0.1"},
            {"Children are playing football.", "Kids play soccer in the park.", "4.0"},
            {"The train was late again.", "Delays hit the morning train.", "3.6"},
            {"She is cooking pasta.", "A woman prepares a meal.", "3.1"},
            {"The sky is clear today.", "He repaired the old bicycle.", "0.2"},
            {"A dog runs on the beach.", "A dog is running along the shore.", "4.6"},
            {"Prices rose last month.", "Inflation increased in May.", "3.4"}
        };
        for (String[] r : rows) {
            sb.append(String.join("\t", r)).append('\n');
        }
        Files.writeString(pairs, sb.toString());
        session.openDataset(pairs);
        assertThat(dialogs.errors).isEmpty();
        assertThat(session.stsProperty().get()).isTrue();
        assertThat(session.editor().selectedTaskProperty().get()).isEqualTo("similarity");
        StsSnapshot first = session.stsSnapshotProperty().get();
        assertThat(first.result().dataset().pairs()).hasSize(8);
        assertThat(first.comparison().modes().get(Mode.GENERAL).spearman()).isGreaterThan(0.5);
        assertThat(first.comparison().spearman()).isNotNull();
        assertThat(vms.work().statusProperty().get()).isEqualTo("Ready");

        session.editor().form().queryTemplateProperty().set("a sentence: {text}");
        StsSnapshot second = session.stsSnapshotProperty().get();
        assertThat(second).isNotSameAs(first);
        assertThat(second.result().modes().get(Mode.TASK_AWARE).instructions().query().source())
                .isEqualTo("a sentence: {text}");
        assertThat(session.lastUpdateProperty().get()).contains("8 pairs");

        Path out = dir.resolve("sts-out");
        assertThat(ResultsWriter.write(out, session.report()))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("results.json", "per-pair.csv");
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"kind\": \"sts\"");

        // back to a retrieval dataset: its views again
        session.selectedDatasetProperty().set(session.datasets().get(0));
        assertThat(session.stsProperty().get()).isFalse();
        assertThat(session.snapshotProperty().get().result().dataset().name())
                .isEqualTo("helpdesk-mini");
    }

    @Test
    void changingTheCutOffMeasuresAtTheNewK() {
        MetricsViewModel metrics = new MetricsViewModel(session.snapshotProperty());
        session.cutoffProperty().set(3);
        assertThat(metrics.rows())
                .extracting(ModeComparison.MetricDelta::label)
                .containsExactly("nDCG@3", "MAP@3", "MRR@3", "Recall@3", "P@3");
        assertThat(session.lastUpdateProperty().get()).contains("nothing re-encoded");
    }

    @Test
    void exportWritesTheClisFiles() throws Exception {
        Path out = dir.resolve("export");
        List<Path> files = ResultsWriter.write(out, session.report());
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "results.json", "per-query.csv", "run-general.trec", "run-task-aware.trec");
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"e5-small-v2\"");

        // a second export replaces the first whole; nothing is left beside it
        Files.writeString(out.resolve("run-earlier.trec"), "an earlier export's run\n");
        ResultsWriter.write(out, session.report());
        assertThat(out.resolve("run-earlier.trec")).doesNotExist();
        assertThat(out.resolve("results.json")).exists();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(".export"));
        }
    }

    @Test
    void exportIntoAFolderOfOtherFilesIsRefusedAndTheFolderKept() throws Exception {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> ResultsWriter.write(mine, session.report()))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(mine + " holds notes.txt, which no earlier run");
        try (Stream<Path> s = Files.list(mine)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void aBrokenDatasetIsReportedWithItsLineAndTheSessionKeepsWorking() throws Exception {
        Path broken = dir.resolve("broken");
        TestWorkspace.create(dir.resolve("copy"));
        Files.createDirectories(broken.resolve("qrels"));
        Files.writeString(
                broken.resolve("corpus.jsonl"), "{\"_id\": \"D1\", \"text\": \"a\"}\n{oops\n");
        Files.writeString(broken.resolve("queries.jsonl"), "{\"_id\": \"Q1\", \"text\": \"q\"}\n");
        Files.writeString(
                broken.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nQ1\tD1\t1\n");
        session.openDataset(broken);
        assertThat(dialogs.errors).singleElement().asString().contains("corpus.jsonl:2");
        // back to a good dataset: everything works again
        session.selectedDatasetProperty().set(session.datasets().get(0));
        assertThat(session.snapshotProperty().get().result().dataset().name())
                .isEqualTo("helpdesk-mini");
    }

    @Test
    void aModelFolderWithoutTokenizerIsReportedClearly() throws Exception {
        Path folder = dir.resolve("no-tokenizer");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("model.onnx"), "not really");
        session.openModelFolder(folder);
        assertThat(dialogs.errors).singleElement().asString().contains("tokenizer");
    }
}

package org.taew.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.taew.desktop.metrics.ArmMeans;
import org.taew.desktop.session.WorkbenchContext;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main flow on the real window (headless Monocle): open → evaluate → edit a query instruction →
 * numbers change → save → the file on disk changed.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchSmokeTest {
    private Workbench workbench;
    private WorkbenchContext context;
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @Start
    void start(Stage stage) throws Exception {
        context = TestWorkspace.create(Files.createTempDirectory("taew-smoke"));
        writeLargeDataset(context.workspace().datasets().resolve("large"));
        workbench = Workbench.show(stage, context, w -> dialogs, "helpdesk-mini", "e5-small-v2");
    }

    /**
     * 10,000 distinct documents: a minute of encoding, so Cancel always lands while documents are
     * being encoded (with 2,000 the click could arrive after the last batch, under load).
     */
    private static void writeLargeDataset(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("qrels"));
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 10000; i++) {
            corpus.append("{\"_id\": \"d")
                    .append(i)
                    .append("\", \"text\": \"Article ")
                    .append(i)
                    .append(": how to reset the password of account ")
                    .append(i)
                    .append(" when the VPN client asks for it again after an update.\"}\n");
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus.toString());
        Files.writeString(
                dir.resolve("queries.jsonl"),
                "{\"_id\": \"q1\", \"text\": \"reset vpn password\"}\n");
        Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
    }

    @Test
    void cancelStopsEncodingAndTheWindowKeepsWorking(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> workbench.session().snapshotProperty().get() != null);
        robot.interact(
                () ->
                        workbench
                                .session()
                                .selectedDatasetProperty()
                                .set(
                                        workbench.session().datasets().stream()
                                                .filter(d -> d.name().equals("large"))
                                                .findFirst()
                                                .orElseThrow()));
        // wait until the documents of the large set are being encoded, then press Cancel
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () ->
                        workbench.viewModels().work().busyProperty().get()
                                && workbench
                                        .viewModels()
                                        .work()
                                        .progress()
                                        .textProperty()
                                        .get()
                                        .contains("documents"));
        robot.clickOn("#cancel");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !workbench.viewModels().work().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workbench.viewModels().work().statusProperty().get()).isEqualTo("Cancelled");
        assertThat(dialogs.errors).isEmpty();

        // back to the small set: it evaluates as before
        robot.interact(
                () ->
                        workbench
                                .session()
                                .selectedDatasetProperty()
                                .set(workbench.session().datasets().get(0)));
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () ->
                        !workbench.viewModels().work().busyProperty().get()
                                && workbench
                                        .viewModels()
                                        .work()
                                        .statusProperty()
                                        .get()
                                        .equals("Ready"));
        assertThat(workbench.session().snapshotProperty().get().result().dataset().name())
                .isEqualTo("helpdesk-mini");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void openEvaluateEditSeeTheNumbersChangeAndSave(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> workbench.session().snapshotProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        TableView<ArmMeans> table = robot.lookup("#metrics-table").queryTableView();
        assertThat(table.getItems()).hasSize(5);
        double before = table.getItems().get(0).vsGeneral().taskAware();
        double general = table.getItems().get(0).vsGeneral().general();

        TextArea query = robot.lookup("#query-template").queryAs(TextArea.class);
        assertThat(query.getText()).isEqualTo("query: {text}");
        robot.clickOn(query);
        robot.interact(query::selectAll);
        robot.write("{text}");
        assertThat(query.getText()).isEqualTo("{text}");
        Label dirty = robot.lookup("#dirty-marker").queryAs(Label.class);
        assertThat(dirty.getText()).isEqualTo("● unsaved edits");

        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () ->
                        workbench.session().lastUpdateProperty().get().contains("after the edit")
                                && !workbench.viewModels().work().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        double after = table.getItems().get(0).vsGeneral().taskAware();
        assertThat(after).isNotEqualTo(before);
        assertThat(table.getItems().get(0).vsGeneral().general()).isEqualTo(general);

        robot.clickOn("#save-instructions");
        WaitForAsyncUtils.waitForFxEvents();
        String saved = Files.readString(context.workspace().instructions().resolve("e5.yaml"));
        assertThat(saved).contains("    query: \"{text}\"\n    document: \"passage: {text}\"");
        assertThat(dirty.getText()).isEqualTo("saved");
        assertThat(dialogs.errors).isEmpty();

        // the heatmap tab's three charts export as PNG files
        robot.clickOn("Heatmaps");
        WaitForAsyncUtils.waitForFxEvents();
        Path base = Files.createTempDirectory("taew-charts").resolve("maps.png");
        List<Path> pngs = WaitForAsyncUtils.asyncFx(() -> workbench.view().writeCharts(base)).get();
        assertThat(pngs)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("maps-general.png", "maps-task-aware.png", "maps-difference.png");
        for (Path p : pngs) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(p), 8);
            assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
    }
}

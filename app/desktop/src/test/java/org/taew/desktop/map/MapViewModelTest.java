package org.taew.desktop.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.evaluation.EmbeddingMap;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.DirectTaskRunner;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;
import org.taew.desktop.util.Debouncer;

/** The map on the real e5-small-v2 and helpdesk-mini, without the FX toolkit. */
class MapViewModelTest {
    @TempDir Path dir;
    DesktopViewModels vms;

    @AfterEach
    void close() {
        vms.session().close();
    }

    @Test
    void theMapIsComputedWhileShownAndAClickedQueryOpensInPerQuery() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        AtomicLong clock = new AtomicLong(1);
        vms =
                DesktopViewModels.create(
                        TestWorkspace.create(dir),
                        new DirectTaskRunner(),
                        dialogs,
                        Debouncer.IMMEDIATE,
                        clock::get);
        vms.session().start("helpdesk-mini", "e5-small-v2");
        assertThat(dialogs.errors).isEmpty();
        MapViewModel map = vms.map();
        assertThat(map.mapProperty().get()).as("not computed while hidden").isNull();

        map.activeProperty().set(true);
        EmbeddingMap m = map.mapProperty().get();
        assertThat(m).isNotNull();
        assertThat(m.queries()).hasSize(40);
        assertThat(map.descriptionProperty().get())
                .startsWith("PCA fitted once on both modes' vectors: axis 1 keeps ")
                .endsWith("all 40 queries; all 64 documents");

        map.hoverQuery(2);
        assertThat(map.hoverProperty().get()).startsWith("Query " + m.queries().get(2).id() + ": ");
        map.hoverDocument(0);
        assertThat(map.hoverProperty().get()).startsWith("Document ");

        map.select(3);
        assertThat(map.selectedProperty().get()).isEqualTo(3);
        assertThat(vms.perQuery().selectedProperty().get().id()).isEqualTo(m.queries().get(3).id());

        // an edit re-evaluates: the map follows while shown and keeps the selected query
        vms.session().editor().form().queryTemplateProperty().set("query: {text} ");
        assertThat(map.mapProperty().get()).isNotSameAs(m);
        assertThat(map.selectedProperty().get()).isEqualTo(3);
        map.select(99);
        assertThat(map.selectedProperty().get()).as("no such query: unchanged").isEqualTo(3);
    }
}

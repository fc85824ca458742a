package org.taew.desktop.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.logic.instructions.InstructionSources;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.model.TaskTemplates;
import org.taew.core.model.TemplateSource;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.util.Debouncer;

class InstructionEditorViewModelTest {
    static final ModelSpec E5 =
            new ModelSpec(
                    "e5-small-v2",
                    Path.of("."),
                    Path.of("m.onnx"),
                    Path.of("t.json"),
                    Pooling.MEAN,
                    true,
                    512,
                    "e5",
                    Map.of(),
                    "ab".repeat(32));

    @TempDir Path dir;
    Path instructions;
    Path e5;
    RecordingDialogs dialogs;
    AtomicLong clock;

    @BeforeEach
    void copyInstructions() throws Exception {
        instructions = dir.resolve("instructions");
        ShippedWorkspace.copy("instructions", instructions);
        e5 = instructions.resolve("e5.yaml");
        dialogs = new RecordingDialogs();
        clock = new AtomicLong(1_000_000_000L);
    }

    InstructionEditorViewModel newViewModel() {
        return new InstructionEditorViewModel(
                instructions,
                dir.resolve("home/autosave"),
                dialogs,
                Debouncer.IMMEDIATE,
                clock::get);
    }

    InstructionEditorViewModel open() {
        InstructionEditorViewModel vm = newViewModel();
        // core's rule picks the set (the file listing the model), the editor opens it
        try {
            vm.load(
                    InstructionSources.forModel(
                            E5, null, InstructionLibrary.load(instructions), List.of()),
                    null);
        } catch (WorkbenchException e) {
            throw new IllegalStateException(e);
        }
        return vm;
    }

    @Test
    void theStatusSaysWhereTheTemplatesComeFromAsTheyChange() throws Exception {
        InstructionEditorViewModel vm = newViewModel();
        InstructionSources.Chosen chosen =
                InstructionSources.choose(
                        E5, null, InstructionLibrary.load(instructions), List.of());
        vm.load(chosen.set(), chosen.source(), null);
        String core =
                "Task-aware templates: instruction file " + e5 + " (it lists model \"e5-small-v2\"";
        assertThat(vm.templateSourceProperty().get()).isEqualTo(core + ")");

        vm.form().queryTemplateProperty().set("query: zq {text}");
        assertThat(vm.templateSourceProperty().get()).isEqualTo(core + "; with unsaved edits)");
        vm.revert();
        assertThat(vm.templateSourceProperty().get()).isEqualTo(core + ")");

        InstructionSet bge =
                vm.sets().stream()
                        .filter(x -> x.source().getFileName().toString().equals("bge.yaml"))
                        .findFirst()
                        .orElseThrow();
        vm.selectedSetProperty().set(bge);
        String chosenInBox = "instruction file " + bge.source() + " (chosen in the Set box)";
        assertThat(vm.templateSourceProperty().get())
                .isEqualTo("Task-aware templates: " + chosenInBox);

        assertThat(vm.apply(new TaskTemplates("query: v {text}", "{text}", "", false), "variant v"))
                .isTrue();
        assertThat(vm.templateSource().kind()).isEqualTo(TemplateSource.Kind.EXPERIMENT_VARIANT);
        assertThat(vm.templateSourceProperty().get())
                .isEqualTo(
                        "Task-aware templates: experiment variant v (loaded into the editor, unsaved;"
                                + " over instruction file instructions/bge.yaml (chosen in the Set"
                                + " box))");
        assertThat(vm.templateSourceBriefProperty().get())
                .isEqualTo(vm.templateSourceProperty().get());
        vm.revert();
        assertThat(vm.templateSourceBriefProperty().get())
                .isEqualTo(
                        "Task-aware templates: instruction file instructions/bge.yaml (chosen in"
                                + " the Set box)");
    }

    @Test
    void opensTheModelsFileAndItsFirstTask() {
        InstructionEditorViewModel vm = open();
        assertThat(vm.selectedSetProperty().get().source()).isEqualTo(e5);
        assertThat(vm.selectedTaskProperty().get()).isEqualTo("retrieval");
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: {text}");
        assertThat(vm.form().documentTemplateProperty().get()).isEqualTo("passage: {text}");
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.form().compiledProperty().get().query().prefix()).isEqualTo("query: ");
    }

    @Test
    void reloadingTheSameSetSurvivesAComboBoxThatClearsItsValueWhenItsItemsAreReplaced()
            throws Exception {
        InstructionEditorViewModel vm = open();
        vm.form().queryTemplateProperty().set("query: kept {text}");
        // what the toolbar's ComboBox does: replacing its items clears its value, which is bound
        // to the selected set (seen in the GUI when switching datasets quickly: the Set box went
        // blank and the next step failed on a null set)
        vm.sets()
                .addListener(
                        (ListChangeListener<InstructionSet>)
                                c -> vm.selectedSetProperty().set(null));
        InstructionSet same = vm.selectedSetProperty().get();
        vm.load(same, "similar-questions");
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.selectedSetProperty().get()).isEqualTo(same);
        assertThat(vm.selectedTaskProperty().get()).isEqualTo("similar-questions");
        vm.selectedTaskProperty().set("retrieval");
        assertThat(vm.form().queryTemplateProperty().get())
                .as("the drafts of the same set stay")
                .isEqualTo("query: kept {text}");
    }

    @Test
    void anEditIsDirtyCompiledAutosavedAndUndoable() throws Exception {
        InstructionEditorViewModel vm = open();
        vm.form().queryTemplateProperty().set("query: zqfind {text}");
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.taskDirtyProperty().get()).isTrue();
        assertThat(vm.form().compiledProperty().get().query().prefix()).isEqualTo("query: zqfind ");
        assertThat(vm.editedAtProperty().get()).isEqualTo(clock.get());
        Path autosave = instructions.resolve(".e5.yaml.autosave");
        assertThat(autosave).exists();
        assertThat(Files.readString(autosave)).contains("query: zqfind {text}");
        // the file itself is untouched until Save
        assertThat(Files.readString(e5)).doesNotContain("zqfind");

        vm.undo();
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: {text}");
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(autosave).doesNotExist();
        vm.redo();
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: zqfind {text}");
        assertThat(vm.dirtyProperty().get()).isTrue();
    }

    @Test
    void typingInOneBurstIsOneUndoStep() {
        InstructionEditorViewModel vm = open();
        vm.form().queryTemplateProperty().set("query: f{text}");
        clock.addAndGet(200_000_000L);
        vm.form().queryTemplateProperty().set("query: fi{text}");
        clock.addAndGet(200_000_000L);
        vm.form().queryTemplateProperty().set("query: fin{text}");
        clock.addAndGet(3_000_000_000L);
        vm.form().queryTemplateProperty().set("query: find{text}");
        vm.undo();
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: fin{text}");
        vm.undo();
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: {text}");
        assertThat(vm.canUndoProperty().get()).isFalse();
    }

    @Test
    void anInvalidTemplateIsExplainedAndNotEvaluated() {
        InstructionEditorViewModel vm = open();
        vm.form().documentTemplateProperty().set("passage: {txt}");
        assertThat(vm.form().documentErrorProperty().get())
                .contains("document template")
                .contains("unknown placeholder '{txt}'");
        assertThat(vm.form().compiledProperty().get()).isNull();
        vm.form().documentTemplateProperty().set("passage: {text}");
        assertThat(vm.form().documentErrorProperty().get()).isEmpty();
        assertThat(vm.form().compiledProperty().get()).isNotNull();
    }

    @Test
    void saveRewritesOnlyTheEditedValueKeepsCommentsAndClearsTheAutosave() throws Exception {
        String before = Files.readString(e5);
        InstructionEditorViewModel vm = open();
        vm.form().queryTemplateProperty().set("query: how do I {text}");
        assertThat(vm.save()).isTrue();
        String after = Files.readString(e5);
        assertThat(after)
                .isEqualTo(
                        // only the selected task (retrieval, the first) changes
                        before.replaceFirst(
                                "query: \"query: \\{text}\"\n    document: \"passage",
                                "query: \"query: how do I {text}\"\n    document: \"passage"));
        assertThat(after).startsWith("# E5 family");
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(instructions.resolve(".e5.yaml.autosave")).doesNotExist();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void unsavedEditsAreOfferedBackAfterACrash() throws Exception {
        InstructionEditorViewModel first = open();
        first.selectedTaskProperty().set("similarity");
        first.form().documentTemplateProperty().set("query: a zqdup of {text}");
        // the process dies here: no save, no close

        dialogs.confirmReplies.push(true);
        InstructionEditorViewModel second = open();
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(dialogs.confirmations.get(0)).contains("e5.yaml").contains("similarity");
        assertThat(second.dirtyProperty().get()).isTrue();
        second.selectedTaskProperty().set("similarity");
        assertThat(second.form().documentTemplateProperty().get())
                .isEqualTo("query: a zqdup of {text}");
        assertThat(Files.readString(e5)).doesNotContain("zqdup");
    }

    @Test
    void discardingRecoveredEditsDeletesTheAutosave() throws Exception {
        open().form().queryTemplateProperty().set("query: x {text}");
        dialogs.confirmReplies.push(false);
        InstructionEditorViewModel second = open();
        assertThat(second.dirtyProperty().get()).isFalse();
        assertThat(instructions.resolve(".e5.yaml.autosave")).doesNotExist();
    }

    @Test
    void aReadOnlyFolderKeepsTheEditsAndSaysWhySavingFailed() throws Exception {
        Assumptions.assumeFalse(
                "root".equals(System.getProperty("user.name")),
                "root can write into read-only folders");
        InstructionEditorViewModel vm = open();
        instructions.toFile().setWritable(false);
        try {
            vm.form().queryTemplateProperty().set("query: q {text}");
            assertThat(dir.resolve("home/autosave")).isNotEmptyDirectory();
            assertThat(vm.save()).isFalse();
            assertThat(dialogs.errors).singleElement().asString().contains("Could not write");
            assertThat(vm.dirtyProperty().get()).isTrue();
        } finally {
            instructions.toFile().setWritable(true);
        }
    }

    @Test
    void aSaveThatCannotWriteKeepsTheEditsAndSaysWhy() throws Exception {
        InstructionEditorViewModel vm = open();
        vm.form().queryTemplateProperty().set("query: kept {text}");
        // something else replaced the file by a non-empty folder: the rename must fail
        Files.delete(e5);
        Files.createDirectories(e5.resolve("in-the-way"));
        assertThat(vm.save()).isFalse();
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .contains("Cannot save e5.yaml")
                .contains("Your edits are kept");
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(Files.readString(instructions.resolve(".e5.yaml.autosave")))
                .contains("query: kept {text}");
    }

    @Test
    void saveAsNewWritesAnotherFileAndLeavesTheOriginal() throws Exception {
        String before = Files.readString(e5);
        InstructionEditorViewModel vm = open();
        vm.form().queryTemplateProperty().set("query: tuned {text}");
        dialogs.textReplies.push("e5-tuned");
        assertThat(vm.saveAsNew()).isTrue();
        Path tuned = instructions.resolve("e5-tuned.yaml");
        assertThat(Files.readString(tuned))
                .contains("query: tuned {text}")
                .contains("family: \"e5-tuned\"");
        assertThat(Files.readString(e5)).isEqualTo(before);
        assertThat(vm.selectedSetProperty().get().source()).isEqualTo(tuned);
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: tuned {text}");

        dialogs.textReplies.push("e5-tuned");
        vm.form().queryTemplateProperty().set("query: again {text}");
        assertThat(vm.saveAsNew()).isFalse();
        assertThat(dialogs.errors).singleElement().asString().contains("exists already");
    }

    @Test
    void revertDropsEveryEditAndCanBeUndone() {
        InstructionEditorViewModel vm = open();
        vm.form().queryTemplateProperty().set("query: r {text}");
        vm.selectedTaskProperty().set("similarity");
        vm.form().queryTemplateProperty().set("query: s {text}");
        vm.revert();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: {text}");
        vm.undo();
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.form().queryTemplateProperty().get()).isEqualTo("query: s {text}");
    }
}

package org.taew.core.logic.instructions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;

/** The instruction files of a folder (normally {@code instructions/}), one per model family. */
public final class InstructionLibrary {
    private final Path dir;
    private final List<InstructionSet> sets;

    private InstructionLibrary(Path dir, List<InstructionSet> sets) {
        this.dir = dir;
        this.sets = List.copyOf(sets);
    }

    /** The {@code .yaml}/{@code .yml} files of {@code dir}, in name order. */
    public static List<Path> files(Path dir) throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            throw WorkbenchException.badInput(dir + " is not a folder of instruction files");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(
                            p -> {
                                String n = p.getFileName().toString();
                                return Files.isRegularFile(p)
                                        && (n.endsWith(".yaml") || n.endsWith(".yml"));
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads every instruction file of {@code dir}; the first malformed one stops the load with its
     * message.
     */
    public static InstructionLibrary load(Path dir) throws WorkbenchException {
        List<InstructionSet> sets = new ArrayList<>();
        for (Path f : files(dir)) {
            sets.add(InstructionFileReader.read(f));
        }
        return new InstructionLibrary(dir, sets);
    }

    public Path dir() {
        return dir;
    }

    public List<InstructionSet> sets() {
        return sets;
    }

    /** The set that lists the model by name. */
    public Optional<InstructionSet> listing(ModelSpec model) {
        for (InstructionSet s : sets) {
            if (s.models().contains(model.name())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The set of a family. */
    public Optional<InstructionSet> ofFamily(String family) {
        for (InstructionSet s : sets) {
            if (s.family().equals(family)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

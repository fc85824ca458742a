package org.taew.cli;

import java.util.EnumSet;
import java.util.Set;
import org.taew.core.model.Mode;
import picocli.CommandLine;

/** {@code --mode}: both, general or task-aware. */
@SuppressWarnings("ImmutableEnumChecker") // the sets are made here and never changed
enum ModeChoice {
    BOTH("both", EnumSet.allOf(Mode.class)),
    GENERAL("general", EnumSet.of(Mode.GENERAL)),
    TASK_AWARE("task-aware", EnumSet.of(Mode.TASK_AWARE));

    final String label;
    final Set<Mode> modes;

    ModeChoice(String label, Set<Mode> modes) {
        this.label = label;
        this.modes = Set.copyOf(modes);
    }

    @Override
    public String toString() {
        return label;
    }

    /** Reads the labels (picocli's enum names cannot hold the hyphen). */
    static final class Converter implements CommandLine.ITypeConverter<ModeChoice> {
        @Override
        public ModeChoice convert(String value) {
            for (ModeChoice c : values()) {
                if (c.label.equalsIgnoreCase(value)) {
                    return c;
                }
            }
            throw new CommandLine.TypeConversionException(
                    "--mode must be both, general or task-aware, not '" + value + "'");
        }
    }
}

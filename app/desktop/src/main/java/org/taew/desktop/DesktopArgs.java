package org.taew.desktop;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop's command line: {@code --dataset NAME|FOLDER}, {@code --model NAME|FOLDER}, {@code
 * --workspace DIR}, {@code --home DIR} and {@code --screenshots DIR}, each as {@code --x VALUE} or
 * {@code --x=VALUE}. A dataset or model left out is the default the command line takes too (core's
 * SessionDefaults); anything else is an error with the usage.
 */
public record DesktopArgs(
        String dataset, String model, Path workspace, Path home, Path screenshots) {
    public static final String USAGE =
            "Usage: taew-workbench [--dataset NAME|FOLDER] [--model NAME|FOLDER] [--workspace DIR]"
                    + " [--home DIR] [--screenshots DIR]";

    private static final List<String> OPTIONS =
            List.of("--dataset", "--model", "--workspace", "--home", "--screenshots");

    /** A command line the desktop cannot take. */
    public static final class BadArgs extends Exception {
        private static final long serialVersionUID = 1L;

        BadArgs(String message) {
            super(message + "\n" + USAGE);
        }
    }

    public static DesktopArgs parse(List<String> args) throws BadArgs {
        String[] values = new String[OPTIONS.size()];
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            int o = OPTIONS.indexOf(name);
            if (o < 0) {
                throw new BadArgs("Unknown argument \"" + a + "\"");
            }
            String value;
            if (a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new BadArgs(name + " needs a value");
            }
            if (value.isBlank()) {
                throw new BadArgs(name + " needs a value");
            }
            if (values[o] != null) {
                throw new BadArgs(name + " is given twice");
            }
            values[o] = value;
        }
        return new DesktopArgs(
                values[0], values[1], path(values[2]), path(values[3]), path(values[4]));
    }

    private static Path path(String v) {
        return v == null ? null : Path.of(v);
    }
}

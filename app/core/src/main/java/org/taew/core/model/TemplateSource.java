package org.taew.core.model;

/**
 * Where the templates of task-aware mode came from, and why those: printed as one line in every
 * report, results.json and the desktop's status.
 *
 * @param kind instruction file, the model folder's prompts, an experiment variant, or none yet
 * @param where the file (or the variant's name and its experiment file)
 * @param why why it applies, e.g. "named with --instructions", "the family \"e5\" of the bundled
 *     model"
 */
public record TemplateSource(Kind kind, String where, String why) {
    /** The kinds of source. */
    public enum Kind {
        INSTRUCTION_FILE("instruction file"),
        MODEL_PROMPTS("model prompts"),
        EXPERIMENT_VARIANT("experiment variant"),
        NONE("no instruction");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** E.g. "instruction file instructions/e5.yaml (the family \"e5\" of the bundled model)". */
    public String describe() {
        return kind.label()
                + (where == null || where.isEmpty() ? "" : " " + where)
                + (why == null || why.isEmpty() ? "" : " (" + why + ")");
    }

    /** The report line: "Task-aware templates: …". */
    public String line() {
        return "Task-aware templates: " + describe();
    }

    /** The same source with another reason (e.g. chosen in the desktop's Set box). */
    public TemplateSource because(String reason) {
        return new TemplateSource(kind, where, reason);
    }
}

package org.taew.core.logic.session;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.model.Mode;

/**
 * What a user asked for, from either front end; null means "the default" ({@link SessionResolver}
 * decides it, the same way for both).
 *
 * @param dataset a dataset name under the workspace's datasets/, a BEIR folder or an STS file
 * @param split the qrels split (retrieval)
 * @param model a bundled model name or a model folder
 * @param task a task of the instruction set
 * @param instructions an instruction file to use instead of the workspace's
 * @param ignoreIdenticalIds the user's choice about identical ids
 * @param stsColumns FIRST,SECOND,SCORE columns of an STS file with a header
 * @param modes the modes to evaluate
 * @param compute device and engine
 * @param encoder batching options
 * @param dimension Matryoshka: keep the first this many dimensions of each vector (0: all)
 * @param precision the precision of the model's weights file (null: fp32); int8 results are drafts
 * @param cache whether to use the embedding cache
 * @param emptyWhenNoInstructions when the model has neither an instruction file nor prompts, start
 *     task-aware mode from an empty set (the desktop's editor) instead of stopping
 * @param recordAs record every evaluation in the run history as coming from this source ({@code
 *     eval}, {@code desktop}, …), or null not to record
 * @param lexical the lexical arms (BM25, hybrid) beside the dense modes; a hybrid's dense mode is
 *     evaluated too
 */
public record SessionRequest(
        String dataset,
        String split,
        String model,
        String task,
        Path instructions,
        Boolean ignoreIdenticalIds,
        String stsColumns,
        Set<Mode> modes,
        ComputeChoice compute,
        EncoderOptions encoder,
        int dimension,
        Precision precision,
        boolean cache,
        boolean emptyWhenNoInstructions,
        String recordAs,
        LexicalSettings lexical) {
    public SessionRequest {
        lexical = lexical == null ? LexicalSettings.NONE : lexical;
        modes =
                modes == null || modes.isEmpty()
                        ? EnumSet.allOf(Mode.class)
                        : EnumSet.copyOf(modes);
        compute = compute == null ? ComputeChoice.CPU : compute;
        encoder = encoder == null ? EncoderOptions.DEFAULT : encoder;
        precision = precision == null ? Precision.FP32 : precision;
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be 0 (all) or positive");
        }
    }

    /** Everything by default: both modes, on the CPU, with the cache. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataset = dataset;
        b.split = split;
        b.model = model;
        b.task = task;
        b.instructions = instructions;
        b.ignoreIdenticalIds = ignoreIdenticalIds;
        b.stsColumns = stsColumns;
        b.modes = modes;
        b.compute = compute;
        b.encoder = encoder;
        b.dimension = dimension;
        b.precision = precision;
        b.cache = cache;
        b.emptyWhenNoInstructions = emptyWhenNoInstructions;
        b.recordAs = recordAs;
        b.lexical = lexical;
        return b;
    }

    /** Builds a request; every setting is optional. */
    public static final class Builder {
        private String dataset;
        private String split;
        private String model;
        private String task;
        private Path instructions;
        private Boolean ignoreIdenticalIds;
        private String stsColumns;
        private Set<Mode> modes;
        private ComputeChoice compute;
        private EncoderOptions encoder;
        private int dimension;
        private Precision precision;
        private boolean cache = true;
        private boolean emptyWhenNoInstructions;
        private String recordAs;
        private LexicalSettings lexical;

        private Builder() {}

        public Builder optDataset(String v) {
            dataset = v;
            return this;
        }

        public Builder optSplit(String v) {
            split = v;
            return this;
        }

        public Builder optModel(String v) {
            model = v;
            return this;
        }

        public Builder optTask(String v) {
            task = v;
            return this;
        }

        public Builder optInstructions(Path v) {
            instructions = v;
            return this;
        }

        public Builder optIgnoreIdenticalIds(Boolean v) {
            ignoreIdenticalIds = v;
            return this;
        }

        public Builder optStsColumns(String v) {
            stsColumns = v;
            return this;
        }

        public Builder optModes(Set<Mode> v) {
            modes = v;
            return this;
        }

        public Builder optCompute(ComputeChoice v) {
            compute = v;
            return this;
        }

        public Builder optEncoder(EncoderOptions v) {
            encoder = v;
            return this;
        }

        /** Keep the first {@code v} dimensions of each vector (0: all). */
        public Builder optDimension(int v) {
            dimension = v;
            return this;
        }

        /** The precision of the weights file (fp32 by default). */
        public Builder optPrecision(Precision v) {
            precision = v;
            return this;
        }

        public Builder optCache(boolean v) {
            cache = v;
            return this;
        }

        public Builder optEmptyWhenNoInstructions(boolean v) {
            emptyWhenNoInstructions = v;
            return this;
        }

        public Builder optRecordAs(String v) {
            recordAs = v;
            return this;
        }

        /** The lexical arms beside the dense modes (none by default). */
        public Builder optLexical(LexicalSettings v) {
            lexical = v;
            return this;
        }

        public SessionRequest build() {
            return new SessionRequest(
                    dataset,
                    split,
                    model,
                    task,
                    instructions,
                    ignoreIdenticalIds,
                    stsColumns,
                    modes,
                    compute,
                    encoder,
                    dimension,
                    precision,
                    cache,
                    emptyWhenNoInstructions,
                    recordAs,
                    lexical);
        }
    }
}

package org.taew.core.logic.session;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.StsDataset;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.TemplateSource;

/**
 * A request resolved completely, before any model is loaded: every default applied, every input
 * read and checked. Immutable.
 *
 * @param dataset the dataset entry (retrieval folder or STS file), or null for texts that are no
 *     dataset
 * @param settings its dataset.yaml ({@link DatasetSettings#NONE} for STS files)
 * @param retrieval the loaded split, or null for an STS file
 * @param sts the loaded pairs, or null for a retrieval dataset
 * @param task the task evaluated
 * @param model the model
 * @param instructionSet the instruction set of task-aware mode, or null when only general mode runs
 * @param taskInstructions its task, or null likewise
 * @param templateSource where task-aware mode's templates come from and why, or null likewise
 * @param modes the modes with their instructions, general first
 * @param identicalIds whether to ignore identical ids and why (null without a retrieval dataset)
 * @param compute device and engine
 * @param encoder batching options
 * @param dimension Matryoshka: the first this many dimensions of each vector (0: all)
 * @param cacheDir the embedding cache folder, or null without a cache
 * @param recording where and as what evaluations are recorded, or null when they are not
 * @param lexical the lexical arms beside the dense modes
 * @param lexicalIndexes the folder of BM25 indexes (under the home)
 */
public record SessionSetup(
        DatasetCatalog.Entry dataset,
        DatasetSettings settings,
        RetrievalDataset retrieval,
        StsDataset sts,
        String task,
        ModelSpec model,
        InstructionSet instructionSet,
        TaskInstructions taskInstructions,
        TemplateSource templateSource,
        Map<Mode, InstructionPair> modes,
        IdenticalIds.Decision identicalIds,
        ComputeChoice compute,
        EncoderOptions encoder,
        int dimension,
        Path cacheDir,
        Recording recording,
        LexicalSettings lexical,
        Path lexicalIndexes) {
    /**
     * Evaluations are recorded in the run history.
     *
     * @param file the history database
     * @param source what they are recorded as coming from ({@code eval}, {@code desktop}, …)
     */
    public record Recording(Path file, String source) {}

    public SessionSetup {
        modes = Collections.unmodifiableMap(new EnumMap<>(modes));
        lexical = lexical == null ? LexicalSettings.NONE : lexical;
    }

    public boolean isSts() {
        return sts != null;
    }

    /** The instruction file or prompts file of task-aware mode, or null. */
    public Path instructionSource() {
        return instructionSet == null ? null : instructionSet.source();
    }

    /** E.g. "helpdesk-mini: 40 queries, 64 documents; model e5-small-v2". */
    public String describe() {
        String size =
                isSts()
                        ? sts.pairs().size() + " sentence pairs"
                        : retrieval == null
                                ? "texts"
                                : retrieval.queries().size()
                                        + " queries, "
                                        + retrieval.documents().size()
                                        + " documents";
        return (dataset == null ? "" : dataset.name() + ": ")
                + size
                + "; model "
                + Precision.displayName(model);
    }
}

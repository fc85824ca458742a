package org.taew.core.logic.export;

import java.util.List;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TemplateSource;

/**
 * A retrieval evaluation with everything its reports say about it: results.json and the HTML report
 * are written from the same record.
 *
 * @param model the model, null for BM25 alone
 * @param engine the engine and device, e.g. {@code OnnxRuntime 1.21.1 on CPU}; null with no model
 * @param templates where task-aware mode's templates came from, or null
 * @param identicalIds why identical ids were (not) ignored, or null
 * @param warnings what the report warned about, each a sentence without the stop (a draft's note
 *     starts {@code DRAFT:})
 */
public record RetrievalReport(
        RetrievalEvaluation.Result result,
        ModelSpec model,
        String engine,
        int dimension,
        TemplateSource templates,
        String identicalIds,
        List<String> warnings)
        implements EvaluationReport {
    public RetrievalReport {
        warnings = List.copyOf(warnings);
    }
}

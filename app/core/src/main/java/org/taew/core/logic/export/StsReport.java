package org.taew.core.logic.export;

import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TemplateSource;

/**
 * An STS evaluation with what its reports say about it: results.json and the HTML report are
 * written from the same record.
 *
 * @param engine the engine and device, e.g. {@code OnnxRuntime 1.21.1 on CPU}
 * @param templates where task-aware mode's templates came from, or null
 */
public record StsReport(
        StsEvaluation.Result result,
        ModelSpec model,
        String engine,
        int dimension,
        TemplateSource templates)
        implements EvaluationReport {}

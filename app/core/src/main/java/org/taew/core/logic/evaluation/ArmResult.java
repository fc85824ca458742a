package org.taew.core.logic.evaluation;

import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.Arm;
import org.taew.core.model.Run;

/**
 * One arm's ranking and measures: what any two arms are compared on.
 *
 * @param arm the arm
 * @param describe how it ranked, e.g. {@code BM25 (k1 = 0.9, b = 0.4; …)}, a sentence fragment
 * @param run its ranking
 * @param scores its measures per query
 * @param seconds the time its ranking took (search or fusion; encoding not counted)
 */
public record ArmResult(Arm arm, String describe, Run run, QueryScores scores, double seconds) {}

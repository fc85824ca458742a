package org.taew.core.logic.session;

import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;

/**
 * A lexical arm to record in the run history: BM25 (its own "model", no templates) or a hybrid (the
 * session's model fused with BM25, with the dense arm's templates).
 *
 * @param label bm25, hybrid, or an experiment's row name
 * @param experiment the experiment's name, or null
 * @param result the arm's ranking and measures
 * @param index BM25's settings
 * @param hybrid the fusion of a hybrid, null for BM25
 * @param dense the templates of a hybrid's dense arm, null for BM25
 */
public record LexicalRecord(
        String label,
        String experiment,
        ArmResult result,
        Bm25Settings index,
        HybridSettings hybrid,
        InstructionPair dense) {
    public LexicalRecord {
        if ((result.arm() == Arm.HYBRID) != (hybrid != null && dense != null)) {
            throw new IllegalArgumentException(
                    "a hybrid is recorded with its fusion and dense templates, BM25 with neither");
        }
    }
}

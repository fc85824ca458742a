package org.taew.desktop.session;

import org.taew.core.logic.compare.StsComparison;
import org.taew.core.logic.evaluation.StsEvaluation;

/** One evaluation of sentence pairs in both modes, and their comparison. */
public record StsSnapshot(StsEvaluation.Result result, StsComparison comparison) {}

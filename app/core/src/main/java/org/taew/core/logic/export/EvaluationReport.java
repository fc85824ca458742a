package org.taew.core.logic.export;

/**
 * An evaluation with what its reports say about it, retrieval or STS: what results.json and the
 * HTML report are written from.
 */
public sealed interface EvaluationReport permits RetrievalReport, StsReport {}

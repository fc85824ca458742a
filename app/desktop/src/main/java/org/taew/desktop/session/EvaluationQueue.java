package org.taew.desktop.session;

import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.model.InstructionPair;

/**
 * Coalesces evaluation requests, without the toolkit: one piece of work runs at a time; a request
 * made meanwhile runs after it, and only when it differs from the one that runs (the newest wins,
 * since the view model asks again with what is current); a request equal to the last evaluated one
 * is skipped.
 */
final class EvaluationQueue {
    /** What an evaluation is asked for. */
    record Request(
            EvaluationSession target,
            InstructionPair taskAware,
            RetrievalEvaluation.Settings settings) {}

    /** What to do with a request. */
    enum Decision {
        RUN,
        LATER,
        SKIP
    }

    private Request last;
    private boolean pending;

    /**
     * @param busy whether work is running now
     * @param evaluated whether a result of the last request is on screen
     */
    Decision offer(Request r, boolean busy, boolean evaluated) {
        if (busy) {
            pending = !r.equals(last);
            return Decision.LATER;
        }
        if (r.equals(last) && evaluated) {
            return Decision.SKIP;
        }
        last = r;
        return Decision.RUN;
    }

    /** The evaluation of the last request failed: the same request may run again. */
    void failed() {
        last = null;
    }

    /** Whether a request waits; it is taken (the caller asks again with what is current). */
    boolean takePending() {
        boolean p = pending;
        pending = false;
        return p;
    }

    /** Drops the waiting request (Cancel). */
    void dropPending() {
        pending = false;
    }
}

package org.taew.desktop.experiments;

import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;

/** What the Experiments tab's actions need before they start: an idle retrieval session. */
final class SessionWork {
    private SessionWork() {}

    /**
     * The open retrieval session, or null after the status bar says why not (none open, STS pairs,
     * other work running).
     *
     * @param what the action, e.g. {@code run the experiment}
     */
    static SessionViewModel.Open retrieval(SessionViewModel session, WorkStatus work, String what) {
        SessionViewModel.Open open = session.openProperty().get();
        if (open == null || open.session().setup().isSts()) {
            work.say("Open a retrieval dataset to " + what);
            return null;
        }
        if (work.isRunning()) {
            work.say("Busy: wait for the running work, or cancel it, then " + what);
            return null;
        }
        return open;
    }
}

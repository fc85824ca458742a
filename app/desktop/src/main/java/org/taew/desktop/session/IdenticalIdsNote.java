package org.taew.desktop.session;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.taew.core.logic.datasets.IdenticalIds;

/**
 * What the check box "Ignore identical ids" says: core's decision when the dataset was opened, or
 * the user's choice, with the warning when ignoring them drops judged-relevant documents.
 */
final class IdenticalIdsNote {
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private IdenticalIds.Decision opened;

    ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** The decision of a newly opened dataset; returns whether to ignore them. */
    boolean opened(IdenticalIds.Decision decision) {
        opened = decision;
        show(decision.ignore());
        return decision.ignore();
    }

    /** The check box is now {@code ignore}: the decision's, or the user's choice. */
    void show(boolean ignore) {
        IdenticalIds.Decision d = opened;
        if (d == null) {
            return;
        }
        if (ignore != d.ignore()) {
            d =
                    new IdenticalIds.Decision(
                            ignore,
                            IdenticalIds.Basis.CHOSEN,
                            d.evidence(),
                            d.relevantToThemselves());
        }
        note.set(d.describe());
        warning.set(d.warning() == null ? "" : d.warning());
    }
}

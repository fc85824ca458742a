package org.taew.desktop.instructions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Undo and redo over whole states. Edits of the same field that follow each other within {@code
 * coalesceNanos} are one step, so undo takes back a burst of typing rather than one character.
 */
final class EditHistory<T> {
    static final int LIMIT = 500;

    private record Entry<T>(T state, String field, long at) {}

    private final Deque<Entry<T>> undo = new ArrayDeque<>();
    private final Deque<T> redo = new ArrayDeque<>();
    private final LongSupplier clock;
    private final long coalesceNanos;

    EditHistory(LongSupplier clock, long coalesceNanos) {
        this.clock = clock;
        this.coalesceNanos = coalesceNanos;
    }

    /**
     * Records {@code before}, the state an edit of {@code field} is about to replace; a follow-up
     * edit of the same field within the coalescing window keeps the earlier record.
     */
    void record(T before, String field) {
        long now = clock.getAsLong();
        Entry<T> last = undo.peekLast();
        redo.clear();
        if (last != null
                && field != null
                && field.equals(last.field())
                && now - last.at() < coalesceNanos) {
            undo.removeLast();
            undo.addLast(new Entry<>(last.state(), field, now));
            return;
        }
        undo.addLast(new Entry<>(before, field, now));
        if (undo.size() > LIMIT) {
            undo.removeFirst();
        }
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    /** The state to go back to; {@code current} becomes redoable. */
    T undo(T current) {
        Entry<T> e = undo.removeLast();
        redo.addLast(current);
        return e.state();
    }

    T redo(T current) {
        T next = redo.removeLast();
        undo.addLast(new Entry<>(current, null, clock.getAsLong()));
        return next;
    }

    void clear() {
        undo.clear();
        redo.clear();
    }
}

package org.taew.core.logic.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.taew.core.util.WorkbenchException;

/** A fetch's I/O failures in words, and a cancel told apart from a failure. */
class FetchFailuresTest {
    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted();
    }

    @Test
    void failuresAreSaidWithoutJavasClassNames() {
        assertThat(FetchFailures.describe(new IOException("No space left on device")))
                .isEqualTo("the disk is full");
        assertThat(FetchFailures.describe(new NoSuchFileException("/x/y")))
                .isEqualTo("no such file or folder: /x/y");
        assertThat(FetchFailures.describe(new IOException("Connection reset")))
                .isEqualTo("the connection was cut");
        assertThat(FetchFailures.describe(new IOException())).isEqualTo("an input/output error");
    }

    @Test
    void aFailureIsAnIoFailureBetweenItsWords() {
        WorkbenchException e =
                FetchFailures.failed(new IOException("Connection reset"), "Fetching x: ", ".");
        assertThat(e.kind()).isEqualTo(WorkbenchException.Kind.IO);
        assertThat(e.getMessage()).isEqualTo("Fetching x: the connection was cut.");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anInterruptedReadIsACancelAndKeepsTheInterrupt() {
        WorkbenchException e =
                FetchFailures.failed(new ClosedByInterruptException(), "Fetching x: ", ".");
        assertThat(e.kind()).isEqualTo(WorkbenchException.Kind.CANCELLED);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}

package org.taew.desktop.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.taew.core.util.WorkbenchException;

class ErrorMessagesTest {
    @Test
    void aWorkbenchMessageIsShownAsItIsEvenWhenWrapped() {
        WorkbenchException e = WorkbenchException.badInput("corpus.jsonl:2: is not valid JSON");
        assertThat(ErrorMessages.message(new RuntimeException(e)))
                .isEqualTo("corpus.jsonl:2: is not valid JSON");
    }

    @Test
    void runningOutOfMemorySaysHowMuchWasAllowedAndWhatToDo() {
        assertThat(ErrorMessages.message(new OutOfMemoryError("Java heap space")))
                .startsWith("The workbench ran out of memory (")
                .contains("MiB allowed")
                .contains("-Xmx");
    }

    @Test
    void anUnexpectedErrorNamesItsTypeAndPointsToTheDetails() {
        assertThat(ErrorMessages.message(new IllegalStateException("boom")))
                .isEqualTo(
                        "Unexpected error (IllegalStateException: boom). The workbench keeps running;"
                                + " the details below help a bug report.");
        assertThat(ErrorMessages.details(new IllegalStateException("boom")))
                .contains("IllegalStateException: boom")
                .contains("anUnexpectedErrorNamesItsTypeAndPointsToTheDetails");
    }

    @Test
    void cancellationIsRecognisedInEveryForm() {
        assertThat(ErrorMessages.isCancellation(new CancellationException())).isTrue();
        assertThat(ErrorMessages.isCancellation(WorkbenchException.cancelled())).isTrue();
        assertThat(ErrorMessages.isCancellation(new InterruptedException())).isTrue();
        assertThat(ErrorMessages.isCancellation(new RuntimeException("x"))).isFalse();
    }
}

package org.taew.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesktopArgsTest {
    @Test
    void takesNamesFoldersAndBothSpellings() throws Exception {
        DesktopArgs a =
                DesktopArgs.parse(
                        List.of(
                                "--dataset",
                                "/data/my-beir",
                                "--model=/models/acme-embed",
                                "--workspace",
                                "ws",
                                "--home=h"));
        assertThat(a.dataset()).isEqualTo("/data/my-beir");
        assertThat(a.model()).isEqualTo("/models/acme-embed");
        assertThat(a.workspace()).isEqualTo(Path.of("ws"));
        assertThat(a.home()).isEqualTo(Path.of("h"));
        assertThat(a.screenshots()).isNull();
        assertThat(DesktopArgs.parse(List.of()).dataset()).isNull();
    }

    @Test
    void anUnknownOrIncompleteArgumentIsAnErrorWithTheUsage() {
        assertThatThrownBy(() -> DesktopArgs.parse(List.of("--datset", "x")))
                .hasMessageStartingWith("Unknown argument \"--datset\"")
                .hasMessageContaining(DesktopArgs.USAGE);
        assertThatThrownBy(() -> DesktopArgs.parse(List.of("helpdesk-mini")))
                .hasMessageStartingWith("Unknown argument \"helpdesk-mini\"");
        assertThatThrownBy(() -> DesktopArgs.parse(List.of("--model")))
                .hasMessageStartingWith("--model needs a value");
        assertThatThrownBy(() -> DesktopArgs.parse(List.of("--model", "a", "--model", "b")))
                .hasMessageStartingWith("--model is given twice");
    }
}

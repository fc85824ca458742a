package org.taew.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgFilesTest {
    @Test
    void splitsOnWhiteSpaceKeepsQuotedValuesAndSkipsComments() throws Exception {
        String text =
                "# a comment line\n"
                        + "--name taew-workbench   # trailing comment\n"
                        + "--description \"Measure whether # instructions help\"\n"
                        + "--java-options '-Dtaew.installation=$APPDIR'\n"
                        + "--vendor \"\"\n";
        assertThat(ArgFiles.parse(text, "app.args"))
                .containsExactly(
                        "--name",
                        "taew-workbench",
                        "--description",
                        "Measure whether # instructions help",
                        "--java-options",
                        "-Dtaew.installation=$APPDIR",
                        "--vendor",
                        "");
    }

    @Test
    void anUnclosedQuoteNamesFileAndLine() {
        assertThatThrownBy(() -> ArgFiles.parse("--name x\n--description \"open\n", "app.args"))
                .isInstanceOf(BuildException.class)
                .hasMessage("app.args:2: the quote \" is not closed");
    }

    @Test
    void theShippedOptionFilesParseAndNameTheLaunchers() throws Exception {
        Path jlink = Path.of("../../jlink");
        List<String> app = ArgFiles.read(jlink.resolve("app.args"));
        assertThat(app).containsSequence("--name", "taew-workbench");
        List<String> image = ArgFiles.read(jlink.resolve("app-image.args"));
        assertThat(image).contains("org.taew.desktop.Launcher", "-Dtaew.installation=$APPDIR");
        int launcher = image.indexOf("--add-launcher");
        String file = image.get(launcher + 1).substring("taew=".length());
        assertThat(Files.readString(Path.of("../..", file)))
                .contains("main-class=org.taew.cli.Main");
    }
}

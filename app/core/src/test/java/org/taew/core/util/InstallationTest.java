package org.taew.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationTest {
    @TempDir Path dir;

    private Path installed(String e5, String corpus) throws Exception {
        Path app = dir.resolve("app-" + Integer.toHexString((e5 + corpus).hashCode()));
        Files.createDirectories(app.resolve("instructions"));
        Files.createDirectories(app.resolve("datasets/mini"));
        Files.writeString(app.resolve("instructions/e5.yaml"), e5);
        Files.writeString(app.resolve("instructions/.e5.yaml.autosave"), "{}");
        Files.writeString(app.resolve("datasets/mini/corpus.jsonl"), corpus);
        return app;
    }

    @Test
    void firstStartCopiesTheShippedFilesButNoHiddenOnes() throws Exception {
        Path user = dir.resolve("home/workspace");
        Installation.Update u = Installation.updateUserWorkspace(installed("v1", "c1"), user);

        assertThat(u.copied())
                .containsExactly("instructions/e5.yaml", "datasets/mini/corpus.jsonl");
        assertThat(Files.readString(user.resolve("instructions/e5.yaml"))).isEqualTo("v1");
        assertThat(user.resolve("instructions/.e5.yaml.autosave")).doesNotExist();
        assertThat(Files.readString(user.resolve(Installation.MANIFEST)))
                .contains("instructions/e5.yaml=" + Hashing.sha256Hex("v1"));
    }

    @Test
    void aNewInstalledVersionReplacesUneditedFilesAndKeepsEditedOnes() throws Exception {
        Path user = dir.resolve("ws");
        Installation.updateUserWorkspace(installed("v1", "c1"), user);
        Files.writeString(user.resolve("instructions/e5.yaml"), "my edit");

        Installation.Update u = Installation.updateUserWorkspace(installed("v2", "c2"), user);

        assertThat(u.updated()).containsExactly("datasets/mini/corpus.jsonl");
        assertThat(u.keptEdited()).containsExactly("instructions/e5.yaml");
        assertThat(Files.readString(user.resolve("instructions/e5.yaml"))).isEqualTo("my edit");
        assertThat(Files.readString(user.resolve("datasets/mini/corpus.jsonl"))).isEqualTo("c2");
        // the edit stays the user's on later starts too
        Installation.Update again = Installation.updateUserWorkspace(installed("v2", "c2"), user);
        assertThat(again.updated()).isEmpty();
        assertThat(again.copied()).isEmpty();
    }

    @Test
    void aFileTheUserDeletedIsNotBroughtBackUntilANewVersionShips() throws Exception {
        Path user = dir.resolve("ws");
        Path app = installed("v1", "c1");
        Installation.updateUserWorkspace(app, user);
        Files.delete(user.resolve("instructions/e5.yaml"));

        Installation.Update u = Installation.updateUserWorkspace(app, user);

        assertThat(u.copied()).isEmpty();
        assertThat(user.resolve("instructions/e5.yaml")).doesNotExist();
    }

    @Test
    void aBrokenRecordIsReportedWithItsPath() throws Exception {
        Path user = dir.resolve("ws");
        Files.createDirectories(user);
        Files.writeString(user.resolve(Installation.MANIFEST), "bad=\\uZZZZ\n");
        assertThatThrownBy(() -> Installation.updateUserWorkspace(installed("v1", "c1"), user))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining(user.resolve(Installation.MANIFEST).toString());
    }

    @Test
    void anInstalledWorkbenchKeepsDjlsCacheInItsHomeUnlessTheUserChoseOne() {
        String before = System.getProperty(Installation.PROPERTY);
        String cacheBefore = System.getProperty("DJL_CACHE_DIR");
        String homeBefore = System.getProperty("taew.home");
        try {
            System.clearProperty("DJL_CACHE_DIR");
            System.setProperty("taew.home", dir.resolve("h1").toString());
            System.clearProperty(Installation.PROPERTY);
            Installation.configureDjl(WorkbenchHome.resolve(), null);
            assertThat(System.getProperty("DJL_CACHE_DIR"))
                    .isNull(); // not installed: DJL's default

            System.setProperty(Installation.PROPERTY, dir.toString());
            Installation.configureDjl(
                    WorkbenchHome.resolve(), "/from/environment"); // DJL reads the variable itself
            assertThat(System.getProperty("DJL_CACHE_DIR")).isNull();
            Installation.configureDjl(WorkbenchHome.resolve(), null);
            assertThat(System.getProperty("DJL_CACHE_DIR"))
                    .isEqualTo(dir.resolve("h1/djl").toString());
            System.setProperty("taew.home", dir.resolve("h2").toString());
            Installation.configureDjl(
                    WorkbenchHome.resolve(), null); // --home given after start: follows it
            assertThat(System.getProperty("DJL_CACHE_DIR"))
                    .isEqualTo(dir.resolve("h2/djl").toString());

            System.setProperty("DJL_CACHE_DIR", "/chosen");
            Installation.configureDjl(WorkbenchHome.resolve(), null);
            assertThat(System.getProperty("DJL_CACHE_DIR")).isEqualTo("/chosen");
        } finally {
            restore(Installation.PROPERTY, before);
            restore("DJL_CACHE_DIR", cacheBefore);
            restore("taew.home", homeBefore);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}

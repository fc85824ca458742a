package org.taew.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeStripperTest {
    @TempDir Path dir;

    private Path jar(String name, String... entries) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(jar);
                ZipOutputStream out = new ZipOutputStream(os)) {
            for (String e : entries) {
                out.putNextEntry(new ZipEntry(e));
                out.write(("content of " + e).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> entries(Path jar) throws Exception {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            List<String> names = new ArrayList<>();
            z.stream().forEach(e -> names.add(e.getName()));
            return names;
        }
    }

    @Test
    void removesOtherPlatformsButNeverJavaPackages() throws Exception {
        Path in =
                jar(
                        "jna.jar",
                        "META-INF/MANIFEST.MF",
                        "com/sun/jna/Native.class",
                        "com/sun/jna/win32/W32APIOptions.class",
                        "com/sun/jna/linux-x86-64/libjnidispatch.so",
                        "com/sun/jna/darwin-aarch64/libjnidispatch.jnilib",
                        "com/sun/jna/win32-x86-64/jnidispatch.dll");
        NativeStripper s = new NativeStripper(Map.of("com/sun/jna/", Set.of("linux-x86-64")));
        Path out = dir.resolve("out.jar");

        NativeStripper.Result r = s.strip(in, out);

        assertThat(entries(out))
                .containsExactly(
                        "META-INF/MANIFEST.MF",
                        "com/sun/jna/Native.class",
                        "com/sun/jna/win32/W32APIOptions.class",
                        "com/sun/jna/linux-x86-64/libjnidispatch.so");
        assertThat(r.entriesRemoved()).isEqualTo(2);
        assertThat(r.removed())
                .containsExactly("com/sun/jna/darwin-aarch64/", "com/sun/jna/win32-x86-64/");
        try (ZipFile z = new ZipFile(out.toFile())) {
            ZipEntry kept = z.getEntry("com/sun/jna/linux-x86-64/libjnidispatch.so");
            assertThat(new String(z.getInputStream(kept).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("content of com/sun/jna/linux-x86-64/libjnidispatch.so");
        }
    }

    @Test
    void aJarNoRuleMatchesIsCopiedUnchanged() throws Exception {
        Path in = jar("gson.jar", "com/google/gson/Gson.class");
        NativeStripper s = new NativeStripper(Map.of("native/lib/", Set.of("linux-x86_64")));
        Path out = dir.resolve("gson-out.jar");
        NativeStripper.Result r = s.strip(in, out);
        assertThat(r.changed()).isFalse();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
    }

    @Test
    void refusesToStripAJarThatWouldLoseThisPlatformsLibrary() throws Exception {
        Path in =
                jar(
                        "tokenizers.jar",
                        "native/lib/osx-aarch64/cpu/libtokenizers.dylib",
                        "native/lib/win-x86_64/cpu/tokenizers.dll");
        NativeStripper s = new NativeStripper(Map.of("native/lib/", Set.of("linux-x86_64")));
        assertThatThrownBy(() -> s.strip(in, dir.resolve("t.jar")))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("tokenizers.jar has native folders [osx-aarch64, win-x86_64]")
                .hasMessageContaining("none of the kept ones [linux-x86_64]");
    }

    @Test
    void refusesToModifyASignedJar() throws Exception {
        Path in =
                jar(
                        "signed.jar",
                        "META-INF/CERT.SF",
                        "native/lib/linux-x86_64/a.so",
                        "native/lib/win-x86_64/a.dll");
        NativeStripper s = new NativeStripper(Map.of("native/lib/", Set.of("linux-x86_64")));
        assertThatThrownBy(() -> s.strip(in, dir.resolve("s.jar")))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("is signed");
    }

    @Test
    void aBadRuleLineNamesFileAndLine() throws Exception {
        Path rules = dir.resolve("natives-linux-x64.properties");
        Files.writeString(
                rules, "# rules\nai/onnxruntime/native/ = linux-x64\nnative/lib = linux\n");
        assertThatThrownBy(() -> NativeStripper.fromFile(rules))
                .isInstanceOf(BuildException.class)
                .hasMessageStartingWith(rules + ":3: expected");
    }

    @Test
    void theShippedLinuxRulesKeepThisPlatformsFolders() throws Exception {
        NativeStripper s =
                NativeStripper.fromFile(Path.of("../../jlink/natives-linux-x64.properties"));
        assertThat(s.describe())
                .contains(
                        "ai/onnxruntime/native/ keeps linux-x64",
                        "native/lib/ keeps linux-x86_64",
                        "com/sun/jna/ keeps linux-x86-64",
                        "jnilib/ keeps linux-x86_64",
                        "org/sqlite/native/ keeps Linux",
                        "org/sqlite/native/Linux/ keeps x86_64");
    }

    @Test
    void sqliteKeepsLinuxOnThisCpuOnly() throws Exception {
        // sqlite-jdbc's layout: one folder per OS, in it one per CPU
        Path in =
                jar(
                        "sqlite-jdbc.jar",
                        "org/sqlite/JDBC.class",
                        "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                        "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
                        "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so",
                        "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib",
                        "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll");
        NativeStripper s =
                NativeStripper.fromFile(Path.of("../../jlink/natives-linux-x64.properties"));
        Path out = dir.resolve("out.jar");
        s.strip(in, out);
        assertThat(entries(out))
                .containsExactly(
                        "org/sqlite/JDBC.class", "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
    }
}

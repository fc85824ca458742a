package org.taew.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The tiny random model folders of core's tests ({@code tools/tiny-models}, {@code
 * tools/tiny-bert}) copied out of the class path — a folder in core's build or, for the other
 * modules, core's test jar — so a test can load them as a user's model folder.
 */
public final class TinyModels {
    private TinyModels() {}

    /**
     * Copies {@code tiny-<arch>} ({@code bert}, {@code t5}, {@code qwen3}, {@code gemma3}) into
     * {@code parent} and returns the copy.
     */
    public static Path copy(String arch, Path parent) throws IOException {
        String name = "tiny-" + arch;
        URL url = TinyModels.class.getResource("/org/taew/core/" + name + "/config.json");
        if (url == null) {
            throw new IllegalArgumentException("no tiny model " + name + " on the class path");
        }
        try {
            URI uri = url.toURI();
            Path target = parent.resolve(name);
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    ShippedWorkspace.copyTree(fs.provider().getPath(uri).getParent(), target);
                }
            } else {
                ShippedWorkspace.copyTree(Path.of(uri).getParent(), target);
            }
            return target;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /**
     * {@link #copy} with ONNX exports of {@code tools/tiny-models/export_onnx.py} ({@code
     * tiny-<arch>-onnx}) laid out as a Hub repository keeps them, under {@code onnx/}.
     *
     * @param files fixture file → its name under {@code onnx/} (e.g. {@code model_fused.onnx →
     *     model.onnx})
     */
    public static Path withOnnx(String arch, Path parent, Map<String, String> files)
            throws IOException {
        Path dir = copy(arch, parent);
        Files.createDirectories(dir.resolve("onnx"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            String resource = "/org/taew/core/tiny-" + arch + "-onnx/" + f.getKey();
            try (InputStream in = TinyModels.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no " + resource + " on the class path");
                }
                Files.copy(in, dir.resolve("onnx").resolve(f.getValue()));
            }
        }
        return dir;
    }
}

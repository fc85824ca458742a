package org.taew.desktop.util;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/** PNG files of what is on screen (call on the FX thread). */
public final class Images {
    private Images() {}

    public static void writePng(Node node, Path file) throws WorkbenchException {
        WritableImage image = node.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        AtomicFiles.write(
                file,
                s -> {
                    if (!ImageIO.write(out, "png", s)) {
                        throw new IOException("no PNG writer available");
                    }
                });
    }
}

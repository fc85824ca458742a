package org.taew.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.taew.core.util.WorkbenchException;

/** Paths as Spark sees them (any file system Hadoop reads), and local lines for messages. */
final class Outputs {
    private Outputs() {}

    /** An output that exists is refused before anything runs: never merged, never overwritten. */
    static void refuseExisting(SparkSession spark, String output) throws WorkbenchException {
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            Path p = new Path(output);
            FileSystem fs = p.getFileSystem(conf);
            if (fs.exists(p)) {
                throw WorkbenchException.badInput(
                        output + " exists already; give a new output path (nothing was written)");
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot check " + output + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * A finished output of {@code encode}: Spark writes {@code _SUCCESS} after committing every
     * part. An unfinished one (a failed job, one still running) is refused: read, it would look
     * complete.
     */
    static void requireFinished(SparkSession spark, String dir) throws WorkbenchException {
        try {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(new Path(p, "_SUCCESS"))) {
                throw WorkbenchException.badInput(
                        dir
                                + " has no _SUCCESS marker: the encode that wrote it did not finish (or it is not"
                                + " an encode output)");
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot check " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file a Spark path names on this machine's file system, or null when it is on another
     * (HDFS, S3, …). Read as Hadoop reads paths, so spaces and {@code %} need no escaping.
     */
    static File localFile(String path) {
        try {
            URI uri = new Path(path).toUri();
            if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
                return new File(uri.getPath());
            }
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The line number of byte {@code offset} in a local file, or -1 when it cannot be read. */
    static long lineOf(String file, long offset) {
        try {
            File local = localFile(file);
            var p = local == null ? null : local.toPath();
            if (p == null) {
                return -1;
            }
            long line = 1;
            try (InputStream in =
                    file.endsWith(".gz")
                            ? new GZIPInputStream(Files.newInputStream(p))
                            : Files.newInputStream(p)) {
                byte[] buf = new byte[1 << 16];
                long read = 0;
                while (read < offset) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, offset - read));
                    if (n < 0) {
                        return -1;
                    }
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            line++;
                        }
                    }
                    read += n;
                }
            }
            return line;
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }
}

package org.taew.spark;

import org.apache.spark.sql.SparkSession;
import org.taew.core.util.WorkbenchException;

/** A failed Spark job as one sentence for the user: the task's own reason where it gave one. */
final class Failures {
    private Failures() {}

    static WorkbenchException of(Exception e, SparkSession spark) {
        if (e instanceof WorkbenchException we) {
            return we;
        }
        JobFailure f = JobFailure.in(e);
        if (f != null) {
            String where = "";
            if (f.file() != null) {
                long line = f.offset() < 0 ? -1 : Outputs.lineOf(f.file(), f.offset());
                where =
                        f.file()
                                + (line > 0
                                        ? ", line " + line
                                        : f.offset() >= 0 ? ", byte " + f.offset() : "")
                                + ": ";
            }
            return new WorkbenchException(
                    f.kind() == JobFailure.Kind.MODEL
                            ? WorkbenchException.Kind.MODEL
                            : WorkbenchException.Kind.BAD_INPUT,
                    where + f.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new WorkbenchException(
                WorkbenchException.Kind.IO,
                "The Spark job failed"
                        + (spark == null
                                ? ""
                                : " (application " + spark.sparkContext().applicationId() + ")")
                        + ": "
                        + firstLine(m),
                e);
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

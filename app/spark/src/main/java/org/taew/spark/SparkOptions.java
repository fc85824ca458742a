package org.taew.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options both of the Spark job's commands share, and the Spark session and executor cores they
 * give: the base class of {@link EncodeCommand} and {@link SearchCommand}.
 */
class SparkOptions {
    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "Spark master when not run through spark-submit (e.g. local[2]); spark-submit's --master"
                            + " otherwise.")
    String master;

    /**
     * The cores of one executor, which its encoder's workers use: {@code spark.executor.cores} when
     * set, else the thread count of a {@code local[N]} master, else Spark's default (every core of
     * a standalone worker: 0; one on YARN and Kubernetes).
     */
    static int executorCores(SparkSession spark) {
        String cores = spark.conf().get("spark.executor.cores", "");
        if (!cores.isBlank()) {
            return Integer.parseInt(cores.trim());
        }
        if (spark.sparkContext().isLocal()) {
            return localThreads(spark.sparkContext().master());
        }
        // Spark's own defaults: all of a standalone worker's cores, one on YARN and Kubernetes
        return spark.sparkContext().master().startsWith("spark://") ? 0 : 1;
    }

    /**
     * N of {@code local[N]} or {@code local[N,F]}; every core for {@code local[*]}; 1 for {@code
     * local}.
     */
    static int localThreads(String master) {
        Matcher m = Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]").matcher(master);
        if (!m.matches()) {
            return 1;
        }
        return m.group(1).equals("*")
                ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(m.group(1));
    }

    SparkSession session(String name) {
        SparkSession.Builder b = SparkSession.builder().appName(name);
        if (master != null) {
            b.master(master);
        }
        return b.getOrCreate();
    }
}

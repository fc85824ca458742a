#!/usr/bin/env bash
# spark-submit for taew-spark in local mode, from the Spark jars Maven downloaded (no Spark distribution is
# needed on this machine): the java command Spark's bin/spark-submit builds, with SparkSubmit as the main
# class and the job jar. In local mode the driver is the only executor, so Spark's jars and the workbench's
# libraries (app/spark/target/lib) are on one class path; on a cluster they go with --jars (docs/spark.md).
#
#   ./mvnw -q -pl app/spark -am package -DskipTests     # once: builds app/spark/target/{taew-spark.jar,lib/}
#   tools/spark-submit.sh --master 'local[2]' encode --input datasets/helpdesk-mini/corpus.jsonl \
#       --side document --model e5-small-v2 -o /tmp/helpdesk-docs
#
# On a real cluster use the cluster's spark-submit instead (docs/spark.md). TAEW_SPARK_MEMORY sets the heap
# (default 4g); in local mode the driver JVM is also the executor. TAEW_SPARK_CLASS runs another main class of
# the job jar (org.taew.spark.SparkBenchmark: docs/benchmarks.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/app/spark/target"
if [ ! -f "$target/taew-spark.jar" ] || [ ! -f "$target/spark-classpath.txt" ]; then
  echo "tools/spark-submit.sh: build the job first: ./mvnw -q -pl app/spark -am package -DskipTests" >&2
  exit 2
fi
master='local[*]'
if [ "${1:-}" = "--master" ]; then
  master=$2
  shift 2
fi
# what Spark's launcher opens on Java 17 (JavaModuleOptions)
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
exec java "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -Xmx"${TAEW_SPARK_MEMORY:-4g}" -Dai.djl.offline=true -Dlog4j2.configurationFile="$root/tools/spark-log4j2.properties" \
  -cp "$(cat "$target/spark-classpath.txt"):$(cat "$target/job-classpath.txt")" org.apache.spark.deploy.SparkSubmit \
  --master "$master" --conf spark.ui.enabled=false --class "${TAEW_SPARK_CLASS:-org.taew.spark.TaewSpark}" \
  "$target/taew-spark.jar" "$@"

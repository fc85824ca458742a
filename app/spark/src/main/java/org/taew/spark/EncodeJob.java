package org.taew.spark;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.BeirRecord;
import org.taew.core.logic.encoding.EmbeddingCache;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import scala.Tuple2;

/**
 * {@code encode}: texts in, vectors out, on Spark. Reads a BEIR file ({@code corpus.jsonl}, {@code
 * queries.jsonl}; any path Spark reads) or parquet with id and text columns, applies the side's
 * template exactly as the workbench does, encodes each partition with core's encoder (one model per
 * executor JVM, core's length-sorted batches and threads), and writes parquet in the format {@code
 * taew cache import} takes ({@link VectorExchange}).
 */
public final class EncodeJob {
    private static final int CHUNK = 2048;

    private EncodeJob() {}

    /**
     * What to encode and how.
     *
     * @param input the file or folder (any path Spark reads)
     * @param parquet the input is parquet (else BEIR JSON lines)
     * @param idColumn the id's column in parquet ({@code _id} or {@code id} when null)
     * @param textColumn the text's column in parquet
     * @param titleColumn a title column in parquet, or null
     * @param side which side's template, and whether BEIR titles count
     * @param pair the instructions of the asked mode
     * @param model what executors open, and the identity they must find
     * @param output the output folder (must not exist)
     * @param failPartition a fault to inject for tests: the first attempt of this partition fails
     *     half-way (-1: none)
     */
    public record Spec(
            String input,
            boolean parquet,
            String idColumn,
            String textColumn,
            String titleColumn,
            Side side,
            InstructionPair pair,
            ExecutorModels.Wanted model,
            String output,
            int failPartition)
            implements Serializable {}

    /** What the job did. */
    public record Summary(long texts, long tokens, int partitions, double seconds) {}

    /** One text to encode, and where it came from (for messages). */
    record Item(String id, String text, String file, long offset) implements Serializable {}

    public static Summary run(SparkSession spark, Spec spec) throws WorkbenchException {
        long start = System.nanoTime();
        Outputs.refuseExisting(spark, spec.output());
        JavaRDD<Item> items = spec.parquet() ? parquet(spark, spec) : jsonLines(spark, spec);
        refuseRepeatedIds(spark, spec, items);
        LongAccumulator texts = spark.sparkContext().longAccumulator("texts");
        LongAccumulator tokens = spark.sparkContext().longAccumulator("tokens");
        JavaRDD<Row> rows = items.mapPartitions(part -> encode(part, spec, texts, tokens));
        Dataset<Row> frame = spark.createDataFrame(rows, schema());
        try {
            frame.write().parquet(spec.output());
        } catch (Exception e) { // Spark (Scala) throws SparkException undeclared
            throw Failures.of(e, spark);
        }
        return new Summary(
                texts.value(),
                tokens.value(),
                items.getNumPartitions(),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Each id once, as BeirReader reads a dataset: checked over the whole input before anything is
     * encoded (one pass that parses the input; encoding costs far more), so that no output holds a
     * query or document twice.
     */
    private static void refuseRepeatedIds(SparkSession spark, Spec spec, JavaRDD<Item> items)
            throws WorkbenchException {
        List<String> twice;
        try {
            twice =
                    items.mapToPair(i -> new Tuple2<>(i.id(), 1))
                            .reduceByKey(Integer::sum)
                            .filter(t -> t._2() > 1)
                            .keys()
                            .take(1);
        } catch (Exception e) { // Spark (Scala) throws SparkException undeclared
            throw Failures.of(e, spark);
        }
        if (!twice.isEmpty()) {
            throw WorkbenchException.badInput(
                    spec.input()
                            + ": the id \""
                            + twice.get(0)
                            + "\" is there more than once (each query or document once, as a dataset is"
                            + " read); nothing was written");
        }
    }

    static StructType schema() {
        return new StructType()
                .add(VectorExchange.KEY, DataTypes.BinaryType, false)
                .add(VectorExchange.ID, DataTypes.StringType, false)
                .add(VectorExchange.TEMPLATE, DataTypes.StringType, false)
                .add(VectorExchange.SIDE, DataTypes.StringType, false)
                .add(VectorExchange.MODEL, DataTypes.StringType, false)
                .add(VectorExchange.TOKENS, DataTypes.IntegerType, false)
                .add(VectorExchange.TRUNCATED, DataTypes.BooleanType, false)
                .add(VectorExchange.VECTOR, DataTypes.BinaryType, false);
    }

    private static JavaRDD<Item> jsonLines(SparkSession spark, Spec spec) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        boolean withTitle = spec.side() == Side.DOCUMENT;
        JavaHadoopRDD<LongWritable, Text> lines =
                (JavaHadoopRDD<LongWritable, Text>)
                        sc.hadoopFile(
                                spec.input(),
                                TextInputFormat.class,
                                LongWritable.class,
                                Text.class);
        return lines.mapPartitionsWithInputSplit(
                (split, records) -> {
                    String file = ((FileSplit) split).getPath().toString();
                    return new Lines(records, withTitle, file);
                },
                false);
    }

    /** A partition's BEIR records, parsed one line at a time as Spark pulls them. */
    private static final class Lines implements Iterator<Item> {
        private final Iterator<Tuple2<LongWritable, Text>> records;
        private final boolean withTitle;
        private final String file;
        private final CharsetDecoder utf8 =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        private Item next;

        Lines(Iterator<Tuple2<LongWritable, Text>> records, boolean withTitle, String file) {
            this.records = records;
            this.withTitle = withTitle;
            this.file = file;
        }

        @Override
        public boolean hasNext() {
            while (next == null && records.hasNext()) {
                Tuple2<LongWritable, Text> t = records.next();
                long offset = t._1().get();
                String line;
                try {
                    line =
                            utf8.decode(ByteBuffer.wrap(t._2().getBytes(), 0, t._2().getLength()))
                                    .toString();
                } catch (CharacterCodingException e) {
                    throw new JobFailure("is not UTF-8 text", file, offset);
                }
                if (!line.isBlank()) {
                    next = parseLine(line, withTitle, file, offset);
                }
            }
            return next != null;
        }

        @Override
        public Item next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Item i = next;
            next = null;
            return i;
        }
    }

    /**
     * One BEIR record, by core's rules ({@link BeirRecord}); a line that is not one fails the job
     * naming the file and line.
     */
    static Item parseLine(String line, boolean withTitle, String file, long offset) {
        try {
            TextItem t = BeirRecord.parse(line, withTitle);
            return new Item(t.id(), t.text(), file, offset);
        } catch (BeirRecord.Malformed e) {
            throw new JobFailure(e.getMessage(), file, offset);
        }
    }

    private static JavaRDD<Item> parquet(SparkSession spark, Spec spec) throws WorkbenchException {
        Dataset<Row> frame;
        try {
            frame = spark.read().parquet(spec.input());
        } catch (Exception e) { // Spark (Scala) throws SparkException undeclared
            throw Failures.of(e, spark);
        }
        List<String> columns = List.of(frame.columns());
        String id =
                spec.idColumn() != null ? spec.idColumn() : columns.contains("_id") ? "_id" : "id";
        String text = spec.textColumn() == null ? "text" : spec.textColumn();
        String title =
                spec.titleColumn() != null
                        ? spec.titleColumn()
                        : spec.side() == Side.DOCUMENT && columns.contains("title")
                                ? "title"
                                : null;
        for (String c : title == null ? List.of(id, text) : List.of(id, text, title)) {
            if (!columns.contains(c)) {
                throw WorkbenchException.badInput(
                        spec.input()
                                + ": no column "
                                + c
                                + "; it has "
                                + String.join(", ", columns)
                                + " (name them with --id-column, --text-column, --title-column)");
            }
        }
        List<Column> picked = new ArrayList<>();
        for (String c : title == null ? List.of(id, text) : List.of(id, text, title)) {
            DataType type = frame.schema().apply(c).dataType();
            boolean textual =
                    type.equals(DataTypes.StringType)
                            || type.equals(DataTypes.BinaryType)
                            || (!c.equals(text)
                                    && (type.equals(DataTypes.IntegerType)
                                            || type.equals(DataTypes.LongType)));
            if (!textual) {
                throw WorkbenchException.badInput(
                        spec.input()
                                + ": column "
                                + c
                                + " is "
                                + type.simpleString()
                                + "; expected text"
                                + (c.equals(text) ? "" : " or whole numbers")
                                + " (its columns: "
                                + frame.schema().simpleString()
                                + ")");
            }
            // binary strings (older Hive/Spark writers) and integer ids become text, as core reads
            // them
            picked.add(functions.col(c).cast(DataTypes.StringType));
        }
        String shown = spec.input();
        return frame.select(picked.toArray(Column[]::new))
                .javaRDD()
                .map(
                        r -> {
                            String rowId = r.isNullAt(0) ? "" : r.getString(0);
                            String t =
                                    BeirReader.documentText(
                                            r.size() > 2 && !r.isNullAt(2) ? r.getString(2) : "",
                                            r.isNullAt(1) ? "" : r.getString(1));
                            if (rowId.isBlank() || t.isEmpty()) {
                                throw new JobFailure(
                                        shown
                                                + ": a row with "
                                                + (rowId.isBlank()
                                                        ? "no " + id
                                                        : "no text (id " + rowId + ")"));
                            }
                            return new Item(rowId, t, shown, -1);
                        });
    }

    /** Encodes one partition in chunks, each text once (a repeat reuses its vector), lazily. */
    private static Iterator<Row> encode(
            Iterator<Item> part, Spec spec, LongAccumulator texts, LongAccumulator tokens) {
        Encoder encoder = ExecutorModels.encoder(spec.model());
        TaskContext ctx = TaskContext.get();
        boolean fail =
                ctx != null
                        && spec.failPartition() == ctx.partitionId()
                        && ctx.attemptNumber() == 0;
        return new Chunks(part, spec, encoder, texts, tokens, fail);
    }

    /** The rows of a partition, one encoded chunk of {@value #CHUNK} texts held at a time. */
    private static final class Chunks implements Iterator<Row> {
        private final Iterator<Item> part;
        private final Spec spec;
        private final Encoder encoder;
        private final String identity;
        private final String template;
        private final LongAccumulator texts;
        private final LongAccumulator tokens;
        private final boolean fail;
        private final List<Row> rows = new ArrayList<>();
        private int at;
        private int handed;

        Chunks(
                Iterator<Item> part,
                Spec spec,
                Encoder encoder,
                LongAccumulator texts,
                LongAccumulator tokens,
                boolean fail) {
            this.part = part;
            this.spec = spec;
            this.encoder = encoder;
            this.identity = VectorExchange.cacheIdentity(encoder);
            this.template = spec.pair().template(spec.side()).source();
            this.texts = texts;
            this.tokens = tokens;
            this.fail = fail;
        }

        @Override
        public boolean hasNext() {
            if (fail && handed > 0 && handed >= rows.size() / 2) {
                // the fault test: this attempt dies after some rows have been handed on
                throw new IllegalStateException("injected fault (first attempt of a task)");
            }
            if (at < rows.size()) {
                return true;
            }
            rows.clear();
            at = 0;
            List<Item> chunk = new ArrayList<>(CHUNK);
            while (chunk.size() < CHUNK && part.hasNext()) {
                chunk.add(part.next());
            }
            if (chunk.isEmpty()) {
                return false;
            }
            try {
                encodeChunk(chunk, spec, encoder, identity, template, rows, tokens);
            } catch (WorkbenchException e) {
                throw new JobFailure(e.getMessage(), JobFailure.Kind.of(e));
            }
            texts.add(chunk.size());
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            handed++;
            return rows.get(at++);
        }
    }

    private static void encodeChunk(
            List<Item> chunk,
            Spec spec,
            Encoder encoder,
            String identity,
            String template,
            List<Row> out,
            LongAccumulator tokens)
            throws WorkbenchException {
        List<PreparedText> distinct = new ArrayList<>();
        Map<EmbeddingCache.Key, Integer> at = new HashMap<>();
        int[] slot = new int[chunk.size()];
        EmbeddingCache.Key[] keys = new EmbeddingCache.Key[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            PreparedText p = spec.pair().prepare(spec.side(), chunk.get(i).text());
            keys[i] = EmbeddingCache.key(p);
            Integer j = at.get(keys[i]);
            if (j == null) {
                j = distinct.size();
                at.put(keys[i], j);
                distinct.add(p);
            }
            slot[i] = j;
        }
        Encoder.Encoded encoded;
        synchronized (encoder) {
            encoded = encoder.encode(distinct, ProgressListener.NONE);
        }
        int dim = encoded.vectors().dim();
        float[] v = encoded.vectors().data();
        for (Encoder.TokenCount tc : encoded.tokens()) {
            tokens.add(tc.tokens());
        }
        for (int i = 0; i < chunk.size(); i++) {
            int j = slot[i];
            Encoder.TokenCount tc = encoded.tokens().get(j);
            out.add(
                    RowFactory.create(
                            keys[i].bytes(),
                            chunk.get(i).id(),
                            template,
                            spec.side() == Side.QUERY ? "query" : "document",
                            identity,
                            tc.tokens(),
                            tc.truncated(),
                            VectorExchange.toBytes(v, j * dim, dim)));
        }
    }
}

package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.weights.DenseLayer;
import org.taew.core.logic.weights.MalformedWeightsException;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.ThreadPriority;
import org.taew.core.util.WorkbenchException;

/**
 * A transformer encoder run by DJL: ONNX Runtime for {@code .onnx}, PyTorch for TorchScript {@code
 * .pt}. The tokenizer, batching, pooling and normalisation are ours, so that:
 *
 * <ul>
 *   <li>texts are sorted by token length and packed into batches under a padded-token budget:
 *       padding to the longest text of an unsorted batch can cost ten times the useful work;
 *   <li>truncation is counted, never silent;
 *   <li>instruction tokens can be left out of mean pooling (INSTRUCTOR, sentence-transformers
 *       {@code include_prompt=false}): the tokens of {@code [CLS] + instruction}, as
 *       sentence-transformers counts them.
 * </ul>
 */
final class DjlEncoder implements Encoder {
    private final ModelSpec spec;
    private final EncoderOptions options;
    private final HuggingFaceTokenizer tokenizer;
    private final Runner runner;
    private final List<Forward> forwards = new ArrayList<>();
    private final ExecutorService workers;
    private final int dimension;
    private final List<DenseLayer> dense;

    /** Runs the transformer on one padded batch (a worker's own, not shared between threads). */
    private interface Forward {
        /** The last hidden state {@code [b, len, h]} or a pooled output {@code [b, h]}. */
        Hidden run(long[] ids, long[] mask, long[] types, int b, int len) throws TranslateException;
    }

    private record Hidden(float[] values, Shape shape) {}

    /** The loaded model behind the forwards: makes one per worker, and closes the model. */
    private interface Runner extends AutoCloseable {
        Forward newForward();

        /** Whether batches are padded on the left (causal decoders). */
        default boolean leftPadding() {
            return false;
        }

        String engine();

        String cacheTag();

        @Override
        void close();
    }

    private DjlEncoder(
            ModelSpec spec, EncoderOptions options, HuggingFaceTokenizer tokenizer, Runner runner)
            throws WorkbenchException {
        this.spec = spec;
        this.options = options;
        this.tokenizer = tokenizer;
        this.runner = runner;
        this.dense = denseLayers(spec);
        int n = options.effectiveWorkers();
        for (int i = 0; i < n; i++) {
            forwards.add(runner.newForward());
        }
        this.workers =
                n == 1
                        ? null
                        : Executors.newFixedThreadPool(
                                n,
                                ThreadPriority.daemonThreads(
                                        "taew-encoder", options.belowNormalPriority()));
        this.dimension = probeDimension();
    }

    /** The model's Dense modules, each reading the previous one's output. */
    private static List<DenseLayer> denseLayers(ModelSpec spec) throws WorkbenchException {
        List<DenseLayer> layers = new ArrayList<>();
        for (String folder : spec.dense()) {
            Path dir = spec.dir().resolve(folder);
            try {
                DenseLayer d = DenseLayer.read(dir);
                if (!layers.isEmpty()
                        && layers.get(layers.size() - 1).outFeatures() != d.inFeatures()) {
                    throw new MalformedWeightsException(
                            dir
                                    + " takes "
                                    + d.inFeatures()
                                    + " features, but the module before it gives "
                                    + layers.get(layers.size() - 1).outFeatures());
                }
                layers.add(d);
            } catch (MalformedWeightsException e) {
                throw new WorkbenchException(WorkbenchException.Kind.MODEL, e.getMessage(), e);
            } catch (IOException e) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        "Cannot read " + dir + ": " + e.getMessage(),
                        e);
            }
        }
        return layers;
    }

    static DjlEncoder open(ModelSpec spec, EncoderOptions options, Device device)
            throws WorkbenchException {
        HuggingFaceTokenizer tokenizer = tokenizer(spec);
        Runner runner;
        try {
            runner = ortOrTorchScript(spec, options, device);
        } catch (WorkbenchException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        return create(spec, options, tokenizer, runner);
    }

    /**
     * A native encoder on DJL's PyTorch engine, from the weights of the model folder (see {@link
     * NativeModel}).
     */
    static DjlEncoder openNative(ModelSpec spec, EncoderOptions options, NativeModel model)
            throws WorkbenchException {
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = tokenizer(spec);
        } catch (WorkbenchException | RuntimeException e) {
            model.close();
            throw e;
        }
        Runner runner =
                new Runner() {
                    @Override
                    public Forward newForward() {
                        return (ids, mask, types, b, len) -> {
                            try (NDManager m = model.newBatchManager()) {
                                NDArray hidden = model.forward(m, ids, mask, types, b, len);
                                return new Hidden(hidden.toFloatArray(), hidden.getShape());
                            }
                        };
                    }

                    @Override
                    public boolean leftPadding() {
                        return model.leftPadding();
                    }

                    @Override
                    public String engine() {
                        return Engines.describe("PyTorch")
                                + " (native "
                                + model.architecture()
                                + " encoder) on "
                                + label(model.device())
                                + (model.half() ? ", " + model.precision() : "");
                    }

                    @Override
                    public String cacheTag() {
                        return ComputeChoice.cacheTag(true, model.precision());
                    }

                    @Override
                    public void close() {
                        model.close();
                    }
                };
        return create(spec, options, tokenizer, runner);
    }

    private static DjlEncoder create(
            ModelSpec spec, EncoderOptions options, HuggingFaceTokenizer tokenizer, Runner runner)
            throws WorkbenchException {
        try {
            return new DjlEncoder(spec, options, tokenizer, runner);
        } catch (WorkbenchException | RuntimeException e) {
            runner.close();
            tokenizer.close();
            throw e;
        }
    }

    static String label(Device device) {
        return device.isGpu() ? "GPU " + device.getDeviceId() : "CPU";
    }

    private static HuggingFaceTokenizer tokenizer(ModelSpec spec) throws WorkbenchException {
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(spec.tokenizer())
                    .optAddSpecialTokens(true)
                    .optPadding(false)
                    .optTruncation(true)
                    .optMaxLength(spec.maxLength())
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    spec.tokenizer()
                            + " could not be loaded as a Hugging Face tokenizer: "
                            + e.getMessage(),
                    e);
        }
    }

    /** ONNX Runtime for {@code .onnx}, PyTorch for TorchScript, through DJL's model zoo. */
    private static Runner ortOrTorchScript(ModelSpec spec, EncoderOptions options, Device device)
            throws WorkbenchException {
        boolean onnx = spec.format().equals("onnx");
        String fileName = spec.weights().getFileName().toString();
        String stem = fileName.substring(0, fileName.lastIndexOf('.'));
        Criteria.Builder<NDList, NDList> builder =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(spec.weights().getParent())
                        .optModelName(stem)
                        .optEngine(onnx ? "OnnxRuntime" : "PyTorch")
                        .optDevice(device)
                        .optTranslator(new NoopTranslator());
        if (onnx) {
            builder.optOption("optLevel", "ALL_OPT");
            if (options.intraOpThreads() > 0) {
                builder.optOption("intraOpNumThreads", Integer.toString(options.intraOpThreads()));
            }
            builder.optOption("interOpNumThreads", "1");
        }
        ZooModel<NDList, NDList> model;
        try {
            model = builder.build().loadModel();
        } catch (ModelNotFoundException
                | MalformedModelException
                | IOException
                | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    spec.weights()
                            + " could not be loaded by "
                            + (onnx ? "ONNX Runtime" : "PyTorch")
                            + ": "
                            + e.getMessage(),
                    e);
        }
        boolean tokenTypes = true;
        PairList<String, Shape> inputs = model.describeInput();
        if (inputs != null && !inputs.isEmpty()) {
            tokenTypes = inputs.keys().contains("token_type_ids");
        }
        boolean takesTokenTypes = tokenTypes;
        return new Runner() {
            private final List<Predictor<NDList, NDList>> predictors = new ArrayList<>();

            @Override
            public synchronized Forward newForward() {
                Predictor<NDList, NDList> predictor = model.newPredictor();
                predictors.add(predictor);
                return (ids, mask, types, b, len) -> {
                    try (NDManager manager = model.getNDManager().newSubManager()) {
                        Shape shape = new Shape(b, len);
                        NDArray idArray = manager.create(ids, shape);
                        idArray.setName("input_ids");
                        NDArray maskArray = manager.create(mask, shape);
                        maskArray.setName("attention_mask");
                        NDList input = new NDList(idArray, maskArray);
                        if (takesTokenTypes) {
                            NDArray typeArray = manager.create(types, shape);
                            typeArray.setName("token_type_ids");
                            input.add(typeArray);
                        }
                        NDList output = predictor.predict(input);
                        NDArray hidden = output.get(0);
                        Hidden h = new Hidden(hidden.toFloatArray(), hidden.getShape());
                        output.close();
                        return h;
                    }
                };
            }

            @Override
            public String engine() {
                Precision precision = Precision.of(spec);
                return Engines.describe(onnx ? "OnnxRuntime" : "PyTorch")
                        + " on "
                        + label(device)
                        + (precision == Precision.FP32
                                ? ""
                                : ", " + precision.label() + " weights");
            }

            @Override
            public String cacheTag() {
                return onnx ? "" : ";engine=torchscript";
            }

            @Override
            public synchronized void close() {
                for (Predictor<NDList, NDList> p : predictors) {
                    p.close();
                }
                model.close();
            }
        };
    }

    private int probeDimension() throws WorkbenchException {
        float[][] probe = new float[1][];
        runBatch(
                forwards.get(0),
                List.of(tokenizer.encode("dimension probe")),
                new int[] {0},
                probe);
        return probe[0].length;
    }

    @Override
    public ModelSpec model() {
        return spec;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String engine() {
        return runner.engine();
    }

    @Override
    public String cacheTag() {
        return runner.cacheTag();
    }

    @Override
    public List<TokenCount> countTokens(List<String> texts) throws WorkbenchException {
        List<TokenCount> counts = new ArrayList<>(texts.size());
        for (Encoding e : tokenize(texts)) {
            counts.add(new TokenCount(e.getIds().length, e.exceedMaxLength()));
        }
        return counts;
    }

    private Encoding[] tokenize(List<String> texts) throws WorkbenchException {
        try {
            return tokenizer.batchEncode(texts);
        } catch (RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL, "Tokenizing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Encoded encode(List<PreparedText> texts, ProgressListener progress)
            throws WorkbenchException {
        return encode(texts, progress, BatchSink.NONE);
    }

    @Override
    public Encoded encode(List<PreparedText> texts, ProgressListener progress, BatchSink sink)
            throws WorkbenchException {
        List<String> strings = new ArrayList<>(texts.size());
        for (PreparedText t : texts) {
            strings.add(t.text());
        }
        Encoding[] encodings = tokenize(strings);
        int[] excluded = excludedPrefixTokens(texts);
        List<TokenCount> counts = new ArrayList<>(texts.size());
        for (Encoding e : encodings) {
            counts.add(new TokenCount(e.getIds().length, e.exceedMaxLength()));
        }
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (a, b) ->
                        Integer.compare(
                                encodings[a].getIds().length, encodings[b].getIds().length));
        List<int[]> batches = new ArrayList<>(); // [from, to) over the sorted order
        int i = 0;
        while (i < order.length) {
            int j = i;
            int longest = 0;
            while (j < order.length && j - i < options.maxBatchSize()) {
                int len = encodings[order[j]].getIds().length;
                int padded = Math.max(longest, len) * (j - i + 1);
                if (j > i && padded > options.batchTokenBudget()) {
                    break;
                }
                longest = Math.max(longest, len);
                j++;
            }
            batches.add(new int[] {i, j});
            i = j;
        }
        float[][] vectors = new float[texts.size()][];
        Job job = new Job(order, encodings, excluded, vectors, progress, sink, counts);
        if (workers == null) {
            for (int[] b : batches) {
                ProgressListener.checkCancelled();
                runSorted(forwards.get(0), b, job);
            }
        } else {
            runParallel(batches, job);
        }
        float[] flat = new float[texts.size() * dimension];
        for (int r = 0; r < vectors.length; r++) {
            System.arraycopy(vectors[r], 0, flat, r * dimension, dimension);
        }
        return new Encoded(new Embeddings(flat, texts.size(), dimension), counts);
    }

    /**
     * One encode request, shared by the workers: texts in length order ({@code order} indexes the
     * inputs), their tokens, how many leading tokens each leaves out of pooling, and where the
     * vectors go.
     */
    private record Job(
            Integer[] order,
            Encoding[] encodings,
            int[] excluded,
            float[][] vectors,
            ProgressListener progress,
            BatchSink sink,
            List<TokenCount> counts) {}

    /** Encodes the texts at positions [range[0], range[1]) of the length order. */
    private void runSorted(Forward forward, int[] range, Job job) throws WorkbenchException {
        int n = range[1] - range[0];
        List<Encoding> batch = new ArrayList<>(n);
        int[] batchExcluded = new int[n];
        for (int t = range[0]; t < range[1]; t++) {
            batch.add(job.encodings()[job.order()[t]]);
            batchExcluded[t - range[0]] = job.excluded()[job.order()[t]];
        }
        float[][] out = new float[n][];
        runBatch(forward, batch, batchExcluded, out);
        for (int t = range[0]; t < range[1]; t++) {
            job.vectors()[job.order()[t]] = out[t - range[0]];
        }
        if (job.sink() != BatchSink.NONE) {
            int[] positions = new int[n];
            float[] rows = new float[n * dimension];
            List<TokenCount> tokens = new ArrayList<>(n);
            for (int t = range[0]; t < range[1]; t++) {
                int position = job.order()[t];
                positions[t - range[0]] = position;
                System.arraycopy(out[t - range[0]], 0, rows, (t - range[0]) * dimension, dimension);
                tokens.add(job.counts().get(position));
            }
            job.sink().accept(positions, rows, tokens);
        }
        job.progress().increment(n);
    }

    /**
     * Each worker takes the next batch, longest first so that the last ones to finish are short; a
     * worker stops when the caller is interrupted (cancel) or another worker failed.
     */
    private void runParallel(List<int[]> batches, Job job) throws WorkbenchException {
        AtomicInteger next = new AtomicInteger(batches.size() - 1);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Void>> running = new ArrayList<>();
        for (Forward forward : forwards) {
            running.add(
                    workers.submit(
                            () -> {
                                int b;
                                while (!stop.get() && (b = next.getAndDecrement()) >= 0) {
                                    runSorted(forward, batches.get(b), job);
                                }
                                return null;
                            }));
        }
        try {
            for (Future<Void> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            waitQuietly(running);
            throw WorkbenchException.cancelled();
        } catch (ExecutionException e) {
            stop.set(true);
            waitQuietly(running);
            if (e.getCause() instanceof WorkbenchException) {
                throw (WorkbenchException) e.getCause();
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "Encoding failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Waits until every worker has stopped (each finishes the batch it is in), even when the caller
     * is interrupted: a worker still inside the native session must not outlive the request, or a
     * close that follows would free the session under it. The interrupt is kept.
     */
    private static void waitQuietly(List<Future<Void>> running) {
        boolean interrupted = Thread.interrupted();
        for (Future<Void> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException ignored) {
                    // the first failure is the one reported
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For each text, how many leading tokens ([CLS] + instruction) mean pooling leaves out; 0 when
     * nothing is excluded. sentence-transformers counts them as the prompt's tokens without the
     * final [SEP].
     */
    private int[] excludedPrefixTokens(List<PreparedText> texts) throws WorkbenchException {
        int[] result = new int[texts.size()];
        Map<String, Integer> known = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String prefix = texts.get(i).pooledOutPrefix();
            if (prefix.isEmpty()) {
                continue;
            }
            Integer n = known.get(prefix);
            if (n == null) {
                n = Math.max(0, tokenize(List.of(prefix))[0].getIds().length - 1);
                known.put(prefix, n);
            }
            result[i] = n;
        }
        return result;
    }

    /** Runs one padded batch and pools each row. */
    private void runBatch(Forward forward, List<Encoding> batch, int[] excluded, float[][] out)
            throws WorkbenchException {
        int b = batch.size();
        int len = 0;
        for (Encoding e : batch) {
            len = Math.max(len, e.getIds().length);
        }
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        long[] types = new long[b * len];
        boolean left = runner.leftPadding();
        for (int r = 0; r < b; r++) {
            long[] tokenIds = batch.get(r).getIds();
            long[] tokenTypes = batch.get(r).getTypeIds();
            int at = r * len + (left ? len - tokenIds.length : 0);
            System.arraycopy(tokenIds, 0, ids, at, tokenIds.length);
            System.arraycopy(tokenTypes, 0, types, at, tokenTypes.length);
            Arrays.fill(mask, at, at + tokenIds.length, 1L);
        }
        try {
            Hidden hidden = forward.run(ids, mask, types, b, len);
            Shape s = hidden.shape();
            float[] h = hidden.values();
            if (s.dimension() == 2) {
                int dim = (int) s.get(1);
                for (int r = 0; r < b; r++) {
                    out[r] = finish(Arrays.copyOfRange(h, r * dim, (r + 1) * dim));
                }
                return;
            }
            int dim = (int) s.get(2);
            for (int r = 0; r < b; r++) {
                int n = batch.get(r).getIds().length;
                out[r] = finish(pool(h, r, len, dim, left ? len - n : 0, n, excluded[r]));
            }
        } catch (TranslateException | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "The model failed on a batch of " + b + " texts: " + e.getMessage(),
                    e);
        }
    }

    /**
     * One row's sentence vector from its token vectors.
     *
     * @param start where the row's first token is (after left padding)
     * @param tokens how many tokens the row has
     * @param excluded how many leading tokens mean pooling leaves out
     */
    private float[] pool(
            float[] h, int row, int len, int dim, int start, int tokens, int excluded) {
        float[] v = new float[dim];
        int base = (row * len + start) * dim;
        if (spec.pooling() == Pooling.CLS || spec.pooling() == Pooling.LASTTOKEN) {
            int at = spec.pooling() == Pooling.CLS ? 0 : tokens - 1;
            System.arraycopy(h, base + at * dim, v, 0, dim);
            return v;
        }
        int from = excluded < tokens ? excluded : 0; // never pool over nothing
        for (int t = from; t < tokens; t++) {
            int off = base + t * dim;
            for (int d = 0; d < dim; d++) {
                v[d] += h[off + d];
            }
        }
        float inv = 1f / (tokens - from);
        for (int d = 0; d < dim; d++) {
            v[d] *= inv;
        }
        return v;
    }

    /** The sentence-transformers modules after pooling: the Dense layers, then Normalize. */
    private float[] finish(float[] pooled) {
        float[] v = pooled;
        for (DenseLayer d : dense) {
            v = d.apply(v);
        }
        if (!spec.normalize()) {
            return v;
        }
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int d = 0; d < v.length; d++) {
                v[d] *= inv;
            }
        }
        return v;
    }

    @Override
    public void close() {
        if (workers != null) {
            // workers stop between batches; wait for one in a batch before freeing the session
            workers.shutdownNow();
            try {
                workers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runner.close();
        tokenizer.close();
    }
}

package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.engine.EncoderRunner.Forward;
import org.taew.core.logic.engine.EncoderRunner.Hidden;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * A transformer encoder run by DJL: ONNX Runtime for {@code .onnx}, PyTorch for TorchScript {@code
 * .pt} ({@link ZooModelRunner}) or the native encoder ({@link NativeModelRunner}). The tokenizer,
 * batching, pooling and normalisation are ours, each in its own class, so that:
 *
 * <ul>
 *   <li>texts are sorted by token length and packed into batches under a padded-token budget
 *       ({@link TokenBudgetBatcher}): padding to the longest text of an unsorted batch can cost ten
 *       times the useful work;
 *   <li>truncation is counted, never silent ({@link EncoderTokenizer});
 *   <li>instruction tokens can be left out of mean pooling (INSTRUCTOR, sentence-transformers
 *       {@code include_prompt=false}): the tokens of {@code [CLS] + instruction}, as
 *       sentence-transformers counts them ({@link SentenceHead}).
 * </ul>
 *
 * This class joins them into one request; {@link EncoderWorkers} runs its batches.
 */
final class DjlEncoder implements Encoder {
    private final ModelSpec spec;
    private final EncoderOptions options;
    private final EncoderTokenizer tokenizer;
    private final EncoderRunner runner;
    private final SentenceHead head;
    private final EncoderWorkers workers;
    private final int dimension;

    /** Vectors a graph pooled itself, taken as they are: no Dense, no Normalize after them. */
    private static final SentenceHead AS_IS = new SentenceHead(Pooling.MEAN, List.of(), false);

    /** Whether the graph gives its own sentence vectors ({@code sentence_embedding}). */
    private volatile boolean pooledInGraph;

    private DjlEncoder(
            ModelSpec spec,
            EncoderOptions options,
            EncoderTokenizer tokenizer,
            EncoderRunner runner)
            throws WorkbenchException {
        this.spec = spec;
        this.options = options;
        this.tokenizer = tokenizer;
        this.runner = runner;
        this.head = SentenceHead.of(spec);
        this.workers = new EncoderWorkers(runner, options);
        this.dimension = probeDimension();
    }

    static DjlEncoder open(ModelSpec spec, EncoderOptions options, Device device)
            throws WorkbenchException {
        EncoderTokenizer tokenizer = EncoderTokenizer.open(spec);
        EncoderRunner runner;
        try {
            runner = ZooModelRunner.load(spec, options, device);
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
        EncoderTokenizer tokenizer;
        try {
            tokenizer = EncoderTokenizer.open(spec);
        } catch (WorkbenchException | RuntimeException e) {
            model.close();
            throw e;
        }
        return create(spec, options, tokenizer, new NativeModelRunner(model));
    }

    private static DjlEncoder create(
            ModelSpec spec,
            EncoderOptions options,
            EncoderTokenizer tokenizer,
            EncoderRunner runner)
            throws WorkbenchException {
        try {
            return new DjlEncoder(spec, options, tokenizer, runner);
        } catch (WorkbenchException | RuntimeException e) {
            runner.close();
            tokenizer.close();
            throw e;
        }
    }

    private int probeDimension() throws WorkbenchException {
        float[][] probe =
                runBatch(workers.first(), List.of(tokenizer.encode("dimension probe")), new int[1]);
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
        return runner.engine() + (pooledInGraph ? ", pooling in the graph" : "");
    }

    @Override
    public String cacheTag() {
        return runner.cacheTag();
    }

    @Override
    public List<TokenCount> countTokens(List<String> texts) throws WorkbenchException {
        return EncoderTokenizer.counts(tokenizer.tokenize(texts));
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
        Encoding[] encodings = tokenizer.tokenize(strings);
        int[] excluded = tokenizer.excludedPrefixTokens(texts);
        refuseExclusionInGraph(excluded);
        List<TokenCount> counts = EncoderTokenizer.counts(encodings);
        int[] lengths = new int[encodings.length];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = encodings[i].getIds().length;
        }
        TokenBudgetBatcher.Plan plan =
                TokenBudgetBatcher.plan(
                        lengths, options.maxBatchSize(), options.batchTokenBudget());
        float[][] vectors = new float[texts.size()][];
        Job job = new Job(plan.order(), encodings, excluded, vectors, progress, sink, counts);
        workers.run(plan.batches(), (forward, range) -> runSorted(forward, range, job));
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
        float[][] out = runBatch(forward, batch, batchExcluded);
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
     * A graph that pools inside gives no token states, so it cannot leave an instruction's tokens
     * out of mean pooling (sentence-transformers' {@code include_prompt=false}): refused before
     * anything is encoded, with what to use instead.
     */
    private void refuseExclusionInGraph(int[] excluded) throws WorkbenchException {
        if (!pooledInGraph) {
            return;
        }
        for (int e : excluded) {
            if (e > 0) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        spec.weights()
                                + " pools inside its graph (its output is "
                                + ZooModelRunner.SENTENCE_EMBEDDING
                                + "), so it cannot leave the instruction's tokens out of mean"
                                + " pooling as this model's Pooling asks (include_prompt false):"
                                + " that needs the token states. Use an export whose output is"
                                + " last_hidden_state (optimum-cli export onnx --task"
                                + " feature-extraction).");
            }
        }
    }

    /** Runs one padded batch and turns its output into sentence vectors. */
    private float[][] runBatch(Forward forward, List<Encoding> batch, int[] excluded)
            throws WorkbenchException {
        boolean left = runner.leftPadding();
        EncoderTokenizer.Padded p = EncoderTokenizer.pad(batch, left);
        int[] tokens = new int[p.rows()];
        for (int r = 0; r < tokens.length; r++) {
            tokens[r] = batch.get(r).getIds().length;
        }
        try {
            Hidden hidden = forward.run(p.ids(), p.mask(), p.types(), p.rows(), p.len());
            long[] shape = hidden.shape().getShape();
            if (shape.length == 3 && shape[1] != p.len()) {
                // token vectors are pooled by position: a model that returns other positions
                // than it was given tokens cannot be pooled
                throw new IllegalStateException(
                        "its output has " + shape[1] + " positions for " + p.len() + " tokens");
            }
            if (hidden.pooledInGraph()) {
                pooledInGraph = true;
                return AS_IS.vectors(hidden.values(), shape, left, tokens, excluded);
            }
            return head.vectors(hidden.values(), shape, left, tokens, excluded);
        } catch (TranslateException | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "The model failed on a batch of " + p.rows() + " texts: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        workers.close();
        runner.close();
        tokenizer.close();
    }
}

package org.taew.core.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.encoding.*;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.metrics.Correlation;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.*;
import org.taew.core.util.*;

class ProbeTest {
    @Test
    void probe() throws Exception {
        ModelCatalog cat = new ModelCatalog(WorkbenchHome.models());
        StsDataset sts = StsReader.readStsBenchmark(Path.of("/work/shared/reference-data/stsbenchmark/sts-test.csv"));
        for (String name : List.of("all-MiniLM-L6-v2", "bge-small-en-v1.5", "e5-small-v2")) {
            long t0 = System.nanoTime();
            ModelSpec spec = cat.resolve(name);
            try (Encoder enc = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
                long t1 = System.nanoTime();
                List<PreparedText> a = new ArrayList<>(), b = new ArrayList<>();
                for (StsPair p : sts.pairs()) { a.add(PreparedText.plain(p.first())); b.add(PreparedText.plain(p.second())); }
                Encoder.Encoded ea = enc.encode(a, ProgressListener.NONE);
                Encoder.Encoded eb = enc.encode(b, ProgressListener.NONE);
                long t2 = System.nanoTime();
                double[] cos = Vectors.pairwiseCosine(ea.vectors(), eb.vectors());
                double[] gold = sts.pairs().stream().mapToDouble(StsPair::gold).toArray();
                long tok = ea.tokens().stream().mapToLong(Encoder.TokenCount::tokens).sum() + eb.tokens().stream().mapToLong(Encoder.TokenCount::tokens).sum();
                System.out.printf("%s spearman=%.5f pearson=%.5f load=%.2fs encode=%.2fs tokens=%d tok/s=%.0f dim=%d%n", name,
                    Correlation.spearman(cos, gold), Correlation.pearson(cos, gold), (t1-t0)/1e9, (t2-t1)/1e9, tok, tok/((t2-t1)/1e9), enc.dimension());
            }
        }
    }
}

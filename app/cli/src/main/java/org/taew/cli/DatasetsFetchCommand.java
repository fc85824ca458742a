package org.taew.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taew.core.logic.hub.BeirCollections;
import org.taew.core.logic.hub.BeirFetcher;
import org.taew.core.logic.hub.HubClient;
import org.taew.core.logic.hub.HubDatasetFetcher;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew datasets fetch NAME}: a BEIR collection from the BEIR benchmark's download site. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch a BEIR collection (scifact, nfcorpus, fiqa, arguana, scidocs, trec-covid, quora, …) into the"
                    + " workspace's datasets/ as a dataset: its zip from the BEIR benchmark's site, resumed after"
                    + " an interruption, unpacked, read once as a check, with a dataset.yaml and a provenance"
                    + " card (source, SHA-256, sizes). `--list` shows the names and their published sizes.",
            "Nothing is fetched unless asked."
        })
final class DatasetsFetchCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "NAME",
            arity = "0..1",
            description =
                    "A BEIR name (e.g. scifact), or a Hub dataset ORG/NAME[@REVISION] (e.g. mteb/scifact):"
                            + " BEIR's jsonl layout, MTEB's parquet configurations, or MTEB's STS layout"
                            + " (jsonl or parquet).")
    String name;

    @Option(names = "--list", description = "List the collections that can be fetched.")
    boolean list;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description =
                    "Where the BEIR zips are (default: "
                            + BeirFetcher.DEFAULT_ENDPOINT
                            + "), or for ORG/NAME the Hub's address (default: $HF_ENDPOINT, else "
                            + HubClient.DEFAULT_ENDPOINT
                            + ").")
    String endpoint;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        if (list || name == null) {
            w.printf(
                    Locale.ROOT,
                    "%-18s %12s %12s  %s%n",
                    "name",
                    "documents",
                    "test queries",
                    "collection");
            for (BeirCollections.Known k : BeirCollections.KNOWN) {
                w.printf(
                        Locale.ROOT,
                        "%-18s %,12d %,12d  %s%s%n",
                        k.name(),
                        k.documents(),
                        k.testQueries(),
                        k.title(),
                        k.refusal() == null ? "" : " (not fetched: " + k.refusal() + ")");
            }
            w.println("(sizes as the BEIR paper gives them; taew datasets fetch NAME)");
            w.flush();
            return name == null && !list ? ExitCodes.USAGE : ExitCodes.OK;
        }
        if (HubDatasetFetcher.isHubName(name)) {
            HubClient hub =
                    endpoint == null
                            ? HubClient.fromEnvironment(System.getenv())
                            : new HubClient(endpoint, System.getenv("HF_TOKEN"));
            HubDatasetFetcher.Fetched f =
                    HubDatasetFetcher.fetch(hub, common.datasets().dir(), name, common.progress());
            if (f.check() == null) {
                w.printf(
                        Locale.ROOT,
                        "Fetched %s@%s into %s: %,d sentence pairs in %d split(s)%n",
                        f.info().repo(),
                        f.info().revision(),
                        f.dir(),
                        f.pairs(),
                        f.pairFiles().size());
                w.println("Evaluate a split with: taew eval -d " + f.opens());
                w.flush();
                return ExitCodes.OK;
            }
            w.printf(
                    Locale.ROOT,
                    "Fetched %s@%s into %s: %,d documents, %,d queries (%s split)%n",
                    f.info().repo(),
                    f.info().revision(),
                    f.dir(),
                    f.check().documents().size(),
                    f.check().queries().size(),
                    f.check().split());
            w.println("Evaluate it with: taew eval -d " + f.dir().getFileName());
            w.flush();
            return ExitCodes.OK;
        }
        String site = endpoint == null ? BeirFetcher.DEFAULT_ENDPOINT : endpoint;
        BeirFetcher.Fetched f =
                BeirFetcher.fetch(
                        new HubClient(site, null),
                        site,
                        common.datasets().dir(),
                        name,
                        common.progress());
        w.printf(
                Locale.ROOT,
                "Fetched %s into %s: %,d documents, %,d queries (%s split); zip SHA-256 %s%n",
                f.known().name(),
                f.dir(),
                f.check().documents().size(),
                f.check().queries().size(),
                f.check().split(),
                f.zipSha256());
        w.println("Evaluate it with: taew eval -d " + f.known().name());
        w.flush();
        return ExitCodes.OK;
    }
}

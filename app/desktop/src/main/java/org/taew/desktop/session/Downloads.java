package org.taew.desktop.session;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.taew.core.logic.encoding.FetchedModels;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.hub.BeirFetcher;
import org.taew.core.logic.hub.HubClient;
import org.taew.core.logic.hub.HubDatasetFetcher;
import org.taew.core.logic.hub.ModelFetcher;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.TaskRunner;

/**
 * The File menu's downloads: a model from the Hugging Face Hub, a BEIR collection by name or a Hub
 * dataset repository, fetched in the window's {@link WorkStatus} (progress and Cancel), then opened
 * in the session. Which names mean the Hub and which file of an STS set opens are core's rules
 * ({@link HubDatasetFetcher#isHubName}, {@link HubDatasetFetcher.Fetched#opens}).
 */
public final class Downloads {
    private final SessionViewModel session;
    private final WorkStatus work;
    private final DialogService dialogs;
    private final Path models;
    private final Path datasets;

    public Downloads(
            SessionViewModel session,
            WorkStatus work,
            DialogService dialogs,
            Path models,
            Path datasets) {
        this.session = session;
        this.work = work;
        this.dialogs = dialogs;
        this.models = models;
        this.datasets = datasets;
    }

    /**
     * Fetches a model from the Hugging Face Hub ({@code ORG/NAME[@REVISION]}, {@code HF_TOKEN} and
     * {@code HF_ENDPOINT} honoured) in the background, then opens it.
     */
    public void downloadModel(String name) {
        downloadModel(name, HubClient.fromEnvironment(System.getenv()));
    }

    /** {@link #downloadModel(String)} from the Hub {@code hub} talks to. */
    public void downloadModel(String name, HubClient hub) {
        FetchedModels.Spec spec;
        try {
            spec = FetchedModels.Spec.parse(name);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot download the model", e.getMessage(), null);
            return;
        }
        fetch(
                spec.repo(),
                hub.endpoint(),
                p -> ModelFetcher.fetch(hub, models, spec, Precision.FP32, p),
                f -> {
                    String exact = spec.repo() + "@" + FetchedModels.shortCommit(f.info().commit());
                    session.openModel(new ModelChoice(exact + " (Hub)", exact));
                });
    }

    /**
     * Fetches a BEIR collection by name from the BEIR benchmark's site, or with a slash ({@code
     * ORG/NAME[@REVISION]}) a dataset repository of the Hugging Face Hub (BEIR jsonl, MTEB's
     * parquet or STS layout; {@code HF_TOKEN} and {@code HF_ENDPOINT} honoured), then opens it.
     */
    public void downloadDataset(String name) {
        if (HubDatasetFetcher.isHubName(name)) {
            downloadHubDataset(name, HubClient.fromEnvironment(System.getenv()));
            return;
        }
        downloadDataset(
                name,
                new HubClient(BeirFetcher.DEFAULT_ENDPOINT, null),
                BeirFetcher.DEFAULT_ENDPOINT);
    }

    /**
     * {@link #downloadDataset(String)} for a Hub repository, from the Hub {@code hub} talks to: a
     * retrieval set opens as a dataset, an STS set as its test pairs (else its first split).
     */
    public void downloadHubDataset(String name, HubClient hub) {
        fetch(
                name,
                hub.endpoint(),
                p -> HubDatasetFetcher.fetch(hub, datasets, name, p),
                f -> session.openDataset(f.opens()));
    }

    /** {@link #downloadDataset(String)} from {@code endpoint}. */
    public void downloadDataset(String name, HubClient http, String endpoint) {
        fetch(
                name,
                endpoint,
                p -> BeirFetcher.fetch(http, endpoint, datasets, name, p),
                f -> session.openDataset(f.dir()));
    }

    /** Stops the running work, fetches {@code name} from {@code from}, then opens what came. */
    private <T> void fetch(String name, String from, TaskRunner.Work<T> fetch, Consumer<T> open) {
        work.cancel();
        work.begin(SessionState.OPENING, "Downloading " + name + " from " + from);
        work.run(
                BackgroundTask.of(fetch)
                        .showingProgressIn(work.progress())
                        .onSuccess(
                                f -> {
                                    work.idle();
                                    open.accept(f);
                                })
                        .onFailure(e -> work.fail("Cannot download " + name, e)));
    }
}

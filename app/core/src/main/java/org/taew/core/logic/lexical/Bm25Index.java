package org.taew.core.logic.lexical;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.ThreadInterruptedException;
import org.taew.core.model.TextItem;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Folders;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * The Lucene index of one dataset's documents for BM25: built once, on disk under the home, in a
 * folder named after the dataset's fingerprint and the {@link Bm25Settings}, and reused until
 * either changes. A build writes into a folder of its own and is moved into place only when it is
 * complete (a record of what it holds written last), so a killed build leaves nothing that is
 * trusted; an index that is unfinished, made for something else, or cannot be read is rebuilt and
 * {@link #note()} says why.
 */
public final class Bm25Index implements AutoCloseable {
    /** The flat field of title and text. */
    static final String CONTENTS = "contents";

    static final String ID = "id";
    static final String RECORD = "taew-bm25.properties";

    private static final FieldType CONTENTS_TYPE = contentsType();

    private final Path dir;
    private final Bm25Settings settings;
    private final DirectoryReader reader;
    private final String[] ids;
    private final String note;
    private final boolean built;

    private Bm25Index(
            Path dir, Bm25Settings settings, DirectoryReader reader, String note, boolean built)
            throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.reader = reader;
        this.note = note;
        this.built = built;
        this.ids = new String[reader.maxDoc()];
        StoredFields stored = reader.storedFields();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = stored.document(i).get(ID);
        }
    }

    /**
     * The index of {@code documents} (whose dataset has {@code fingerprint}) under {@code root},
     * built if there is none that can be trusted. Reports its progress; stops when the thread is
     * interrupted (nothing half-built is kept).
     */
    public static Bm25Index open(
            Path root,
            String fingerprint,
            List<TextItem> documents,
            Bm25Settings settings,
            ProgressListener progress)
            throws WorkbenchException {
        Path dir = root.resolve(folderName(fingerprint, settings));
        String why = null;
        if (Files.isDirectory(dir)) {
            why = problem(dir, fingerprint, settings, documents.size());
            if (why == null) {
                try {
                    return new Bm25Index(dir, settings, open(dir), null, false);
                } catch (IOException e) {
                    why = "it could not be read (" + e.getMessage() + ")";
                }
            }
        }
        try {
            if (why != null) {
                Folders.deleteTree(dir);
            }
            removeAbandonedBuilds(dir);
            build(dir, fingerprint, documents, settings, progress);
            String note = why == null ? null : "The BM25 index was rebuilt: " + why + ".";
            return new Bm25Index(dir, settings, open(dir), note, true);
        } catch (IOException | ThreadInterruptedException e) {
            if (e instanceof ClosedByInterruptException
                    || e instanceof ThreadInterruptedException
                    || Thread.currentThread().isInterrupted()) {
                throw WorkbenchException.cancelled();
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot build the BM25 index in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    /** The folder the index lives in. */
    public Path dir() {
        return dir;
    }

    public Bm25Settings settings() {
        return settings;
    }

    /** Why an index found on disk was rebuilt, or null. */
    public String note() {
        return note;
    }

    /** Whether this open built the index (else it was reused). */
    public boolean built() {
        return built;
    }

    public int size() {
        return ids.length;
    }

    DirectoryReader reader() {
        return reader;
    }

    /** The document id of Lucene's document number {@code doc}. */
    String id(int doc) {
        return ids[doc];
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            reader.directory().close();
        }
    }

    // ---- building ----

    private static void build(
            Path dir,
            String fingerprint,
            List<TextItem> documents,
            Bm25Settings settings,
            ProgressListener progress)
            throws IOException, WorkbenchException {
        Path building = dir.resolveSibling(dir.getFileName() + ".building-" + UUID.randomUUID());
        ProgressListener.checkCancelled();
        try {
            progress.reset(
                    "Indexing " + documents.size() + " documents for BM25", documents.size());
            IndexWriterConfig config =
                    new IndexWriterConfig(new EnglishAnalysis())
                            .setSimilarity(similarity(settings))
                            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                            .setRAMBufferSizeMB(64);
            try (FSDirectory fs = FSDirectory.open(building);
                    IndexWriter writer = new IndexWriter(fs, config)) {
                int n = 0;
                for (TextItem d : documents) {
                    Document doc = new Document();
                    doc.add(new StoredField(ID, d.id()));
                    doc.add(new Field(CONTENTS, d.text(), CONTENTS_TYPE));
                    writer.addDocument(doc);
                    if (++n % 256 == 0) {
                        ProgressListener.checkCancelled();
                        progress.increment(256);
                    }
                }
                progress.increment(n % 256);
                writer.forceMerge(1);
                writer.commit();
            }
            Properties record = new Properties();
            record.setProperty("fingerprint", fingerprint);
            record.setProperty("settings", settings.key());
            record.setProperty("documents", Integer.toString(documents.size()));
            AtomicFiles.write(
                    building.resolve(RECORD),
                    out -> record.store(out, "what this BM25 index holds (written last)"));
            move(building, dir);
            progress.end();
        } finally {
            Folders.deleteTreeQuietly(building);
        }
    }

    /** Moves a finished build into place; one finished by another process meanwhile wins. */
    private static void move(Path building, Path dir) throws IOException {
        try {
            Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another process built the same index at the same time: keep its copy
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(building, dir);
        }
    }

    // ---- trusting ----

    /** Why the index in {@code dir} cannot be used as it is, or null. */
    private static String problem(
            Path dir, String fingerprint, Bm25Settings settings, int documents) {
        Path file = dir.resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return "it was not finished (a build was stopped)";
        }
        Properties record = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            record.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return "its record " + RECORD + " could not be read";
        }
        if (!fingerprint.equals(record.getProperty("fingerprint"))
                || !settings.key().equals(record.getProperty("settings"))) {
            return "it was made for other documents or settings";
        }
        if (!Integer.toString(documents).equals(record.getProperty("documents"))) {
            return "it holds another number of documents";
        }
        return null;
    }

    private static DirectoryReader open(Path dir) throws IOException {
        FSDirectory fs = FSDirectory.open(dir);
        try {
            DirectoryReader reader = DirectoryReader.open(fs);
            if (reader.numDocs() != reader.maxDoc()) {
                reader.close();
                throw new IOException("it has deleted documents");
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
    }

    /**
     * Removes the folders of builds of this index that were killed: those untouched for an hour (a
     * build that runs now, in another process, writes to its folder all the time).
     */
    private static void removeAbandonedBuilds(Path dir) throws IOException {
        String prefix = dir.getFileName() + ".building-";
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var siblings = Files.list(dir.getParent())) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                if (p.getFileName().toString().startsWith(prefix)
                        && Files.getLastModifiedTime(p).toMillis() < hourAgo) {
                    Folders.deleteTreeQuietly(p);
                }
            }
        } catch (NoSuchFileException e) {
            // no index was built under this root yet
        }
    }

    static BM25Similarity similarity(Bm25Settings settings) {
        return new BM25Similarity((float) settings.k1(), (float) settings.b());
    }

    private static String folderName(String fingerprint, Bm25Settings settings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h =
                    sha.digest(
                            (fingerprint + "\n" + settings.key()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** Term frequencies and norms are all BM25 needs: no positions. */
    private static FieldType contentsType() {
        FieldType t = new FieldType();
        t.setTokenized(true);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        t.setOmitNorms(false);
        t.freeze();
        return t;
    }
}

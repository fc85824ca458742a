package org.taew.core.logic.production;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Folders;
import org.taew.core.util.WorkbenchException;

/**
 * Takes chosen templates into production (docs/formats.md, "Use in production"): a copy of the
 * model folder whose sentence-transformers settings say the templates ({@link ExportedPrompts}), so
 * that sentence-transformers, Text Embeddings Inference and the libraries on top of them apply the
 * instruction themselves, and the workbench opens the copy with them as the folder's own prompts.
 *
 * <p>The copy is written beside its destination and renamed into place once complete; the weights
 * are hard links to the original's where the file system allows ({@link Folders#linkOrCopy}). In
 * the copy, the workbench's descriptor {@code taew-model.json} declares no {@code family}: a
 * declared family's instruction file would otherwise be chosen over the folder's prompts.
 */
public final class PromptExport {
    private PromptExport() {}

    /**
     * What an export wrote.
     *
     * @param folder the new model folder
     * @param source the model folder it copies
     * @param prompts the settings written
     * @param written the settings files written (relative), the others being the original's
     * @param replacedPrompts the original's prompts that the copy drops or changes, by name
     * @param copied how its files were copied
     */
    public record Result(
            Path folder,
            Path source,
            ExportedPrompts prompts,
            List<String> written,
            List<String> replacedPrompts,
            Folders.Copied copied) {
        public Result {
            written = List.copyOf(written);
            replacedPrompts = List.copyOf(replacedPrompts);
        }

        /** What was written, for people: a few lines. */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append("Wrote ")
                    .append(folder)
                    .append(", a copy of ")
                    .append(source)
                    .append(" (files: ")
                    .append(copied.linked())
                    .append(" hard-linked, ")
                    .append(copied.copied())
                    .append(" copied) with ")
                    .append(String.join(", ", written))
                    .append(" rewritten.\n");
            sb.append("Prompts: ");
            prompts.prompts()
                    .forEach(
                            (k, v) ->
                                    sb.append(k).append(' ').append(Quoting.json(v)).append("; "));
            sb.append("default_prompt_name ")
                    .append(
                            prompts.defaultPromptName() == null
                                    ? "null"
                                    : Quoting.json(prompts.defaultPromptName()))
                    .append(prompts.includePrompt() ? "" : "; include_prompt false")
                    .append(
                            prompts.truncateDim() > 0
                                    ? "; truncate_dim " + prompts.truncateDim()
                                    : prompts.truncateDim() == ExportedPrompts.UNCUT
                                            ? "; truncate_dim null (the vectors whole)"
                                            : "")
                    .append(".\n");
            if (!replacedPrompts.isEmpty()) {
                sb.append("The folder's own prompts ")
                        .append(String.join(", ", replacedPrompts))
                        .append(" were replaced by the chosen ones.\n");
            }
            return sb.toString();
        }
    }

    /**
     * Writes the copy of {@code model}'s folder with {@code pair}'s templates as its prompts into
     * {@code output}, which must not exist yet (or be an empty folder) and must lie outside the
     * model folder.
     */
    public static Result write(ModelSpec model, InstructionPair pair, Path output)
            throws WorkbenchException {
        return write(model, pair, 0, output);
    }

    /**
     * {@link #write(ModelSpec, InstructionPair, Path)} for vectors cut to {@code dimension}
     * Matryoshka dimensions, written as the copy's {@code truncate_dim} (0: the folder's own
     * setting kept; {@link ExportedPrompts#UNCUT}: null, read whole).
     */
    public static Result write(ModelSpec model, InstructionPair pair, int dimension, Path output)
            throws WorkbenchException {
        ExportedPrompts prompts = ExportedPrompts.of(pair, dimension);
        Path source = realFolder(model.dir());
        Path out = checkOutput(source, output);
        Path parent = out.getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + out.getFileName() + ".");
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // a temporary folder is its owner's only; the model folder is a usual one
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Folders.Copied copied = Folders.linkOrCopy(source, temp);
            FolderSettings settings = new FolderSettings(source, temp);
            List<String> replaced = settings.prompts(prompts);
            settings.pooling(model, prompts.includePrompt());
            settings.descriptor();
            if (Files.isDirectory(out)) {
                Files.delete(out); // empty, checked above
            }
            AtomicFiles.rename(temp, out);
            temp = null;
            return new Result(out, source, prompts, settings.written(), replaced, copied);
        } catch (InterruptedIOException e) {
            throw WorkbenchException.cancelled();
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot write the model folder " + out + ": " + e.getMessage(),
                    e);
        } finally {
            if (temp != null) {
                Folders.deleteTreeQuietly(temp);
            }
        }
    }

    private static Path realFolder(Path dir) throws WorkbenchException {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL, dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * {@code output} as an absolute path with its existing part resolved, refused when it is the
     * model folder or inside it, or a file, or a folder with something in it.
     */
    static Path checkOutput(Path source, Path output) throws WorkbenchException {
        Path abs = output.toAbsolutePath().normalize();
        Path out = resolveExisting(abs);
        if (out.startsWith(source)) {
            String where =
                    out.equals(source)
                            ? " is the model folder itself"
                            : " is inside the model folder " + source;
            throw WorkbenchException.badInput(
                    output
                            + where
                            + ": the export writes a copy of the model; choose a folder outside "
                            + source);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw WorkbenchException.badInput(
                    output + " is a file; the export needs a new folder to write the model into");
        }
        if (Files.isDirectory(out) && !isEmpty(out)) {
            throw WorkbenchException.badInput(
                    output
                            + " exists and is not empty; choose a new folder (the export never"
                            + " overwrites one)");
        }
        return out;
    }

    /** The path with its longest existing start replaced by its real path (links resolved). */
    private static Path resolveExisting(Path abs) throws WorkbenchException {
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs).toString());
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot read " + existing + ": " + e.getMessage(),
                    e);
        }
    }

    private static boolean isEmpty(Path dir) throws WorkbenchException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}

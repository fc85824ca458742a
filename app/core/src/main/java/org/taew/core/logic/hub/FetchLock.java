package org.taew.core.logic.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.taew.core.util.WorkbenchException;

/**
 * One fetch of a thing at a time, across processes: an OS lock on {@code <partial>.lock} beside the
 * partial folder. A second fetch of the same model or dataset (another terminal, the desktop) is
 * refused while the first runs, instead of both writing the same files.
 */
final class FetchLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FetchLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static FetchLock take(Path partial, String what) throws WorkbenchException {
        Path file = partial.resolveSibling(partial.getFileName() + ".lock");
        try {
            Files.createDirectories(partial.getParent());
            FileChannel ch =
                    FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        "Another fetch of "
                                + what
                                + " is running ("
                                + file
                                + "); wait for it to end");
            }
            return new FetchLock(ch, l);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot lock " + file + ": " + FetchFailures.describe(e),
                    e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS drops the lock with the process anyway
        }
    }
}

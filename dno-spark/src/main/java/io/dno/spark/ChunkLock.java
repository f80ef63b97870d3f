package io.dno.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets only one task at a time work on a chunk, across threads of one executor and across executors (an exclusive
 * lock on the chunk's lock file, which the operating system releases when a killed executor dies): a speculative
 * duplicate waits, then finds the part written and skips it, so neither the model nor the judge works twice.
 */
final class ChunkLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ChunkLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Blocks until this task holds {@code file}'s lock. */
    static ChunkLock acquire(Path file) {
        ReentrantLock local = IN_JVM.computeIfAbsent(file.toAbsolutePath(), f -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new ChunkLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            local.unlock();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot lock " + file + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the chunk lock: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }
}

package dev.albatross.tender.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The test's side of a console fifo: holds it open read-write (so a writer's open never blocks and reads never see
 * end-of-file), collects its lines on a daemon thread, and lets the test wait for a line.
 */
final class FifoReader implements AutoCloseable {
    private final FileChannel channel;
    private final List<String> lines = new ArrayList<>();
    private final Thread thread;

    FifoReader(Path fifo) throws IOException {
        this.channel = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.thread = new Thread(this::pump, "fifo-reader " + fifo.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void pump() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        StringBuilder partial = new StringBuilder();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                partial.append(StandardCharsets.UTF_8.decode(buffer));
                buffer.clear();
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    String line = partial.substring(0, newline);
                    partial.delete(0, newline + 1);
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            }
        } catch (ClosedChannelException e) {
            // close() ends the pump.
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until some line matches; returns it. */
    String await(Predicate<String> matcher, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (matcher.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no matching line within " + timeout + "; got " + lines);
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** Waits until at least {@code count} lines arrived; returns them all. */
    List<String> awaitLines(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("got " + lines.size() + " of " + count + " lines: " + lines);
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
            return List.copyOf(lines);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

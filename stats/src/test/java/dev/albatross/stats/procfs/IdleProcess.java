package dev.albatross.stats.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a real process that is known to be idle. It is {@code cat}: once it has echoed a line back, it
 * has finished starting (exec, dynamic linking) and waits in {@code read(2)}, so its figures stay still while a
 * test compares readings. Destroyed and reaped on close.
 */
public final class IdleProcess implements AutoCloseable {
    private final Process process;

    private IdleProcess(Process process) {
        this.process = process;
    }

    public static IdleProcess start() throws IOException {
        Process p = new ProcessBuilder("cat").redirectErrorStream(true).start();
        try {
            OutputStream in = p.getOutputStream();
            in.write("ready\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            InputStream out = p.getInputStream();
            byte[] echo = out.readNBytes(6);
            if (!Arrays.equals(echo, "ready\n".getBytes(StandardCharsets.US_ASCII))) {
                throw new IOException("cat answered " + new String(echo, StandardCharsets.US_ASCII));
            }
            awaitSleeping(p.pid());
            return new IdleProcess(p);
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /**
     * Until the process sleeps: the echo reaches us before cat is back in read(2), and only once it blocks there
     * is its (voluntary) context switch counted and are its figures still.
     */
    private static void awaitSleeping(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String text = Files.readString(stat);
            if (text.charAt(text.lastIndexOf(')') + 2) == 'S') {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("cat " + pid + " never went to sleep: " + text);
            }
            Thread.onSpinWait();
        }
    }

    public int pid() {
        return Math.toIntExact(process.pid());
    }

    /** Kills the process and waits until it is reaped, so its /proc entry is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("cat " + pid() + " did not end");
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaping cat " + pid(), e);
        }
    }
}

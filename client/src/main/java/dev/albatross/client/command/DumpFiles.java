package dev.albatross.client.command;

import dev.albatross.client.output.OcamlText;
import dev.albatross.protocol.name.Name;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where images and block dumps go: {@code $TMPDIR/<name>.<start time>}, the time being when the client started,
 * e.g. {@code /tmp/foo:data.2026-11-22T23:29:07-00:00} (Albatross computes it once, at program start).
 */
record DumpFiles(Path tempDir, Instant started) {
    Path file(Name name) {
        return tempDir.resolve(name.text() + "." + OcamlText.rfc3339(started));
    }
}

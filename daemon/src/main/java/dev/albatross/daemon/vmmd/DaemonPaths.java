package dev.albatross.daemon.vmmd;

import dev.albatross.protocol.name.Name;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where albatrossd keeps things (spec §1): {@code <tmpdir>/util/*.sock}, {@code <tmpdir>/fifo/<name>},
 * {@code <tmpdir>/<name>.img}, {@code <dbdir>/state}, {@code <dbdir>/block/<name>}. Names appear in their text
 * form, so root-path names start with {@code :}.
 */
public record DaemonPaths(Path tmpdir, Path dbdir) {
    /** Albatross's defaults on Linux. */
    public static final Path DEFAULT_TMPDIR = Path.of("/run/albatross");
    public static final Path DEFAULT_DBDIR = Path.of("/var/lib/albatross");

    public DaemonPaths {
        tmpdir = Objects.requireNonNull(tmpdir, "tmpdir").toAbsolutePath().normalize();
        dbdir = Objects.requireNonNull(dbdir, "dbdir").toAbsolutePath().normalize();
    }

    public Path utilDir() {
        return tmpdir.resolve("util");
    }

    public Path vmmdSocket() {
        return utilDir().resolve("vmmd.sock");
    }

    public Path consoleSocket() {
        return utilDir().resolve("console.sock");
    }

    /** {@code stat.sock}, not stats. */
    public Path statSocket() {
        return utilDir().resolve("stat.sock");
    }

    public Path fifoDir() {
        return tmpdir.resolve("fifo");
    }

    /** The uncompressed image of a running unikernel. */
    public Path imageFile(Name name) {
        return tmpdir.resolve(name.text() + ".img");
    }
}

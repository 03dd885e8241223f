package dev.albatross.client.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.client.ClientRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines and unreachable daemons: a clear message, Albatross's exit status, nothing left behind. */
class BadInputTest {
    @TempDir
    Path dir;

    private ClientRun run(String... args) {
        return ClientRun.run(ClientRun.Setup.in(dir), args);
    }

    @Test
    void answersUsageErrorsWith124OnStandardError() throws Exception {
        Path image = Files.write(dir.resolve("x.hvt"), new byte[] {1});
        for (List<String> args : List.of(
                List.of("create"),
                List.of("create", "bad_name!", image.toString()),
                List.of("create", "hello", dir.resolve("absent").toString()),
                List.of("create", "hello", image.toString(), "--block=a@100"),
                List.of("create", "hello", image.toString(), "--net=a@zz"),
                List.of("info", "--socket=x", "--csr"),
                List.of("info", "--destination=a:b"),
                List.of("info", "--key-type=dsa"),
                List.of("console", "hello", "--since=yesterday"),
                List.of("add-policy", "a::b", "1"),
                List.of("stats-add", "12", "--bridge=nocolon"),
                List.of("certificate", "c.pem", "k.pem"),
                List.of("info", "--tmpdir=" + dir.resolve("absent")),
                List.of("update", "hello", "--http-host=ftp://x"))) {
            ClientRun r = run(args.toArray(new String[0]));
            assertEquals(124, r.code(), args + "\n" + r);
            assertEquals("", r.out(), args + "\n" + r);
            assertTrue(r.err().startsWith("albatross-client: "), args + "\n" + r);
            assertTrue(!r.err().contains("\tat "), args + "\n" + r);
        }
        assertEquals(List.of("x.hvt"), Files.list(dir).map(p -> p.getFileName().toString()).toList(),
                "nothing left behind");
    }

    @Test
    void refusesMutuallyExclusiveDestinationsAsAlbatrossDoes() {
        ClientRun r = run("info", "--socket=-", "--destination=127.0.0.1");
        assertEquals("albatross-client: The options --csr, --destination, and --socket are mutually exclusive\n",
                r.err());
        assertEquals(124, r.code());
    }

    @Test
    void refusesAnUnusablePolicyBeforeSendingIt() {
        ClientRun r = run("add-policy", "user", "0", "--socket=" + dir.resolve("none.sock"));
        assertEquals("albatross-client: [ERROR] Unusable policy with no unikernels\n", r.output());
        assertEquals(124, r.code());
        ClientRun mem = run("add-policy", "user", "1", "--mem=16", "--socket=" + dir.resolve("none.sock"));
        assertEquals("albatross-client: [ERROR] Unusable policy with memory 16 MB <= 16 MB\n", mem.output());
    }

    @Test
    void reportsAnAbsentDaemonWith122() throws Exception {
        Files.createDirectories(dir.resolve("t/util"));
        ClientRun r = run("destroy", "hello", "--tmpdir=" + dir.resolve("t"));
        Path sock = dir.resolve("t/util/vmmd.sock");
        assertEquals("albatross-client: [WARNING] error Unix.Unix_error(Unix.ENOENT, \"connect\", \"\") connecting "
                + "to socket unix domain socket " + sock + "\nalbatross-client: [ERROR] couldn't connect to unix "
                + "domain socket " + sock + "\n", r.output());
        assertEquals(122, r.code());
        ClientRun console = run("console", "hello", "--tmpdir=" + dir.resolve("t"));
        assertTrue(console.out().contains("t/util/console.sock"), "console commands go to console.sock: " + console);
        ClientRun stats = run("stats", "--tmpdir=" + dir.resolve("t"));
        assertTrue(stats.out().contains("t/util/stat.sock"), "statistics commands go to stat.sock: " + stats);
    }

    @Test
    void printsTheEncodedCommandForSocketDashWith121() {
        ClientRun r = run("console", "foo", "--socket=-");
        // The upstream test vector (spec §12.1): console subscribe, last 20 lines, for :foo.
        assertEquals("out:\n"
                + "000000  3020 3013 0201 0504  0800 0000 0000 0000  0 0.............\n"
                + "000010  000c 043a 666f 6fa0  09a0 07a2 05a1 0302  ...:foo.........\n"
                + "000020  0114                                      ..\n\n", r.output());
        assertEquals(121, r.code());
    }

    @Test
    void refusesAnImageWhoseManifestDiffersAsVector016() throws Exception {
        Path net = dev.albatross.protocol.vectors.VectorCorpus.image("net.hvt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(net), "needs the corpus images");
        ClientRun r = run("create", "nonet", net.toString(), "--mem=16");
        assertEquals("albatross-client: specified bridge(s) does not match with the manifest. Devices present in "
                + "manifest: net \"service0\"\n", r.err());
        assertEquals(124, r.code());
    }
}

package dev.albatross.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three programs as an operator and a tenant use them (spec §10.2a): {@code albatrossd}, {@code
 * albatross-tls-endpoint} on loopback, and {@code albatross-client} making the CA, the tenant's delegation and
 * one-shot leaf certificates, then managing a unikernel remotely. Only what the issue's own walk-through does.
 */
@Timeout(180)
class RemoteManagementTest {
    @TempDir
    Path dir;

    /** What one client run printed and how it exited. */
    record Run(int exit, String output) {
    }

    private Run client(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Launched.bin("albatross-client").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client did not finish: " + String.join(" ", args));
        return new Run(p.exitValue(), out);
    }

    private Run expect(int exit, Path cwd, String... args) throws Exception {
        Run r = client(cwd, args);
        assertEquals(exit, r.exit(), () -> String.join(" ", args) + " printed: " + r.output());
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aTenantWithADelegatedPolicyManagesItsUnikernelOverTls() throws Exception {
        Launched.assumeDaemonRunnable();
        assumeTrue(Files.exists(Launched.REPO.resolve("client/target/albatross-client.jar")),
                "needs client/target/albatross-client.jar (mvn package or verify builds it before this test)");
        Path tmp = dir.resolve("tmp");
        Path db = dir.resolve("db");
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Launched.prepareDbdir(db);
        String image = Path.of(System.getProperty("albatross.shared", Launched.REPO.resolve("../shared").toString()),
                "vectors/images/hello.hvt").toString();
        Path daemonLog = dir.resolve("daemon.log");
        Path endpointLog = dir.resolve("endpoint.log");
        Process daemon = Launched.start(daemonLog, List.of(Launched.bin("albatrossd").toString(),
                "--tmpdir", tmp.toString(), "--dbdir", db.toString()));
        Process endpoint = null;
        try {
            Launched.waitUntil(() -> Files.exists(tmp.resolve("util/vmmd.sock")), daemon, daemonLog);
            // The operator's CA and the server certificate; the tenant "user" asks for one unikernel of 64 MB on
            // CPU 0, and the operator signs it.
            expect(0, certs, "generate", "ca", "db");
            expect(0, certs, "add-policy", "user", "1", "--mem", "64", "--cpu", "0", "--csr");
            expect(0, certs, "sign", "cacert.pem", "db", "ca.key", "user.req");

            int port = freePort();
            endpoint = Launched.start(endpointLog, List.of(Launched.bin("albatross-tls-endpoint").toString(),
                    certs.resolve("cacert.pem").toString(), certs.resolve("server.pem").toString(),
                    certs.resolve("server.key").toString(), "--ip", "127.0.0.1", "--port", Integer.toString(port),
                    "--tmpdir", tmp.toString()));
            Launched.waitUntil(() -> accepts(port), endpoint, endpointLog);
            String[] remote = {"--ca", "user.pem", "--ca-key", "user.key", "--server-ca", "cacert.pem",
                "--destination", "127.0.0.1:" + port};

            Run created = expect(0, certs, with(remote, "create", "hello", image, "--arg=--x-hang"));
            assertTrue(created.output().contains("host [unikernel: user:hello]: success: created unikernel"),
                    created.output());
            Run info = expect(0, certs, with(remote, "info"));
            assertTrue(info.output().contains(":hello") && info.output().contains("32 MB memory"), info.output());
            // The tenant's policy allows one unikernel: the daemon refuses a second (a Failure reply: exit 117).
            Run refused = expect(117, certs, with(remote, "create", "again", image, "--arg=--x-hang"));
            assertTrue(refused.output().contains("command failed"), refused.output());

            expect(0, certs, with(remote, "destroy", "hello"));
            Run local = expect(0, certs, "info", "--tmpdir", tmp.toString());
            assertTrue(local.output().contains("no unikernels"), local.output());
        } finally {
            Launched.stop(endpoint);
            Launched.stop(daemon);
        }
        String tender = db.resolve("solo5-hvt").toString();
        assertEquals(0, ProcessHandle.allProcesses().filter(h -> h.info().command().map(tender::equals)
                .orElse(false)).count(), "tenders left running");
    }

    private static String[] with(String[] remote, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(remote));
        return all.toArray(String[]::new);
    }
}

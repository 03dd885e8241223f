package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.client.CliRun;
import dev.albatross.protocol.vectors.VectorCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The text form is an interface: operators diff it and scripts grep it. These recorded messages pin it down
 * line for line; a change here is a change to announce.
 */
class InspectWireTextTest {

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
    }

    private static byte[] payload(String exchange, int frame) {
        return VectorCorpus.exchange(exchange).frames().get(frame).payload();
    }

    @Test
    void showsACreateCommand() {
        CliRun run = CliRun.run(payload("010-create-hello", 0), "inspect-wire");
        assertEquals("""
                format: wire (guessed)
                header: version 5, sequence 0, name :hello
                command: unikernel create
                  config-version: V5
                  typ: solo5
                  compressed: false
                  image: 4736 bytes, sha256 91837ca06aad0143faf2397c4291de1e5c367d339cab81602bd38934540366fe
                  startup: absent (default 50)
                  add-name: true
                  fail-behaviour: quit
                  cpuids: 0
                  memory: 16 MB
                  blocks: (none)
                  bridges: (none)
                  arguments: "Hello_Solo5", "second arg"
                  cpus: 1
                  linux-boot-partition: absent
                """, run.out(), run.toString());
    }

    @Test
    void showsAnInfoReplyInAFrame() {
        VectorCorpus.Frame reply = VectorCorpus.exchange("022-info-name").frames().get(1);
        CliRun run = CliRun.run(InspectWireVectorsTest.framed(reply), "inspect-wire", "--format=frame");
        assertEquals("""
                format: frame
                frame: length 151
                header: version 5, sequence 0, name :net2
                reply: unikernel-info, 1 entry
                  - name: :net2
                    typ: solo5
                    startup: absent (default 50)
                    fail-behaviour: restart on any exit code but 1 and 60-64
                    cpuids: 1
                    memory: 16 MB
                    digest: bfe9a764dcb469cd484ccb08b5e8c03299ac57944492d1a12019060ddf7120d2
                    blocks: (none)
                    bridges: 1
                      - unikernel-device: "service0"
                        host-device: "albr0"
                        mac: 00:80:41:18:71:d6
                    arguments: absent
                    started: 2026-11-22T23:28:39.499Z
                    cpus: 1
                    linux-boot-partition: absent
                """, run.out(), run.toString());
    }

    @Test
    void showsAFailureWithItsMessageQuoted() {
        CliRun run = CliRun.run(payload("014-create-net-duplicate", 1), "inspect-wire");
        assertEquals("failure: \"Unikernel with same name is already running\"", run.lastLine(), run.toString());
    }

    @Test
    void showsConsoleLinesEscaped() {
        CliRun run = CliRun.run(payload("011-console-since", 2), "inspect-wire");
        assertEquals("data: console", run.outLines().get(2), run.toString());
        assertEquals("  line: \"guest: hello\"", run.lastLine(), run.toString());
    }

    @Test
    void showsBlockDataAsSizeAndDigest() {
        CliRun run = CliRun.run(payload("029-dump-block", 2), "inspect-wire");
        assertEquals("data: block", run.outLines().get(2), run.toString());
        assertTrue(run.lastLine().matches("  some-data: 4096 bytes, sha256 [0-9a-f]{64}"), run.toString());
    }

    @Test
    void showsTheEndOfStreamMarkerAndItsEmptyReencoding() {
        CliRun run = CliRun.run(new byte[4], "inspect-wire", "--reencode");
        assertEquals("format: frame (guessed)\nframe: length 0, end of stream marker\n\n", run.out());
    }
}

package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.client.CliRun;
import dev.albatross.protocol.vectors.VectorCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input gets one line on standard error naming the format, the offset and the field, exit status
 * 124 and nothing on standard output; never a stack trace.
 */
class InspectWireErrorsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
    }

    private static byte[] create() {
        return VectorCorpus.exchange("010-create-hello").frames().get(0).payload();
    }

    private static byte[] framed(String exchange, int frame) {
        return InspectWireVectorsTest.framed(VectorCorpus.exchange(exchange).frames().get(frame));
    }

    private static void fails(CliRun run, String expected) {
        Expect.malformed(run, expected.substring("albatross-client: ".length(), expected.indexOf(": offset")),
                expected);
        assertEquals(expected + "\n", run.err());
    }

    @Test
    void namesTheVersionOfAVersion4Message() {
        fails(CliRun.run(VectorCorpus.exchange("042-raw-version4").frames().get(0).payload(), "inspect-wire"),
                "albatross-client: wire: offset 4, Wire.header.version: unknown version number 0x4 (only 5 is "
                        + "supported)");
    }

    @Test
    void namesTrailingBytesInsideAMessage() {
        fails(CliRun.run(VectorCorpus.exchange("043-raw-trailing").frames().get(0).payload(), "inspect-wire"),
                "albatross-client: wire: offset 28, Wire: trailing bytes (2)");
    }

    @Test
    void namesTrailingBytesAfterAFrame() {
        byte[] frame = framed("022-info-name", 1);
        fails(CliRun.run(Arrays.copyOf(frame, frame.length + 3), "inspect-wire", "--format=frame"),
                "albatross-client: frame: offset 155, frame: trailing bytes (3) after the frame");
        fails(CliRun.run(new byte[] {0, 0, 0, 0, 1}, "inspect-wire"),
                "albatross-client: frame: offset 4, frame: trailing bytes (1) after the end-of-stream marker");
    }

    @Test
    void namesTruncatedFrames() {
        byte[] frame = framed("022-info-name", 1);
        fails(CliRun.run(Arrays.copyOf(frame, frame.length - 1), "inspect-wire"),
                "albatross-client: frame: offset 154, frame.payload: truncated: the length says 151 bytes, 150 "
                        + "follow");
        fails(CliRun.run(new byte[] {0, 0}, "inspect-wire", "--format=frame"),
                "albatross-client: frame: offset 2, frame.length: the 4-byte length is truncated to 2 bytes");
    }

    @Test
    void namesWhereATruncatedMessageEnds() {
        fails(CliRun.run(Arrays.copyOf(create(), 100), "inspect-wire", "--format=wire"),
                "albatross-client: wire: offset 0, Wire: length 4835 exceeds the 96 bytes that remain");
    }

    @Test
    void namesAFlippedTag() {
        byte[] message = create();
        int payloadTag = 4 + 2 + message[5]; // after the Wire header (4 bytes) and the header SEQUENCE
        assertEquals((byte) 0xA0, message[payloadTag], "the command tag");
        message[payloadTag] = (byte) 0xAF;
        fails(CliRun.run(message, "inspect-wire"), "albatross-client: wire: offset 27, Wire.payload: expected "
                + "command [0], reply [1], failure [2] or data [3], found 0xaf");
    }

    @Test
    void namesAMalformedExtensionOfACertificate() throws IOException {
        Path pem = VectorCorpus.root().resolve("certs/csr-policy-user/user.pem");
        byte[] der = HexFormat.of().parseHex(VectorCorpus.read(pem.resolveSibling("certs.json")).path("files")
                .path("user.pem").path("certificates").path(0).path("der_hex").asText());
        String extension = "3024020105a4";
        int at = HexFormat.of().formatHex(der).indexOf(extension) / 2;
        der[at + 4] = 4; // version 5 -> 4: the certificate still parses, its extension does not
        Path file = dir.resolve("user.der");
        Files.write(file, der);
        // Offsets inside an extension count from the start of the extension value.
        fails(CliRun.run("inspect-wire", file.toString()), "albatross-client: cert: offset 2, "
                + "certificate[1].AlbatrossExtension.version: unknown version number 0x4 (only 5 is supported)");
    }

    @Test
    void namesTheBlockOfBrokenPem() throws IOException {
        Path file = dir.resolve("broken.pem");
        Files.writeString(file, "junk\n-----BEGIN CERTIFICATE-----\nMIIB!!\n", StandardCharsets.US_ASCII);
        fails(CliRun.run("inspect-wire", file.toString()),
                "albatross-client: cert: offset 5, pem[CERTIFICATE]: no -----END CERTIFICATE----- line");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        CliRun run = CliRun.run("inspect-wire", file.toString());
        Expect.malformed(run, "cert", "a truncated certificate");
        assertTrue(run.err().startsWith("albatross-client: cert: offset 0, certificate[1]: not a certificate: "),
                run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wire", "frame", "extension", "cert", "state"})
    void refusesEmptyInputInEveryFormat(String format) {
        fails(CliRun.run(new byte[0], "inspect-wire", "--format=" + format),
                "albatross-client: " + format + ": offset 0, input: empty input");
    }

    @Test
    void refusesEmptyInputToGuess() {
        fails(CliRun.run(new byte[0], "inspect-wire"), "albatross-client: input: offset 0, input: empty input");
    }

    @Test
    void refusesGarbageItCannotGuess() {
        fails(CliRun.run("hello world\n".getBytes(StandardCharsets.US_ASCII), "inspect-wire"),
                "albatross-client: input: offset 0, input: cannot guess the format from the first byte 0x68; "
                        + "give --format");
    }

    @Test
    void reportsAMalformedWireMessageWhenGuessing() {
        byte[] notAWire = {0x30, 0x03, 0x30, 0x01, 0x02};
        fails(CliRun.run(notAWire, "inspect-wire"), "albatross-client: wire: offset 4, Wire.header.version: "
                + "missing length");
        byte[] notAnExtension = {0x30, 0x03, 0x02, 0x01, 0x04};
        fails(CliRun.run(notAnExtension, "inspect-wire"), "albatross-client: extension: offset 2, "
                + "AlbatrossExtension.version: unknown version number 0x4 (only 5 is supported)");
    }

    @Test
    void refusesAFileThatDoesNotExist() {
        CliRun run = CliRun.run("inspect-wire", dir.resolve("absent.der").toString());
        Expect.oneErrorLine(run, "no such file");
        assertEquals("albatross-client: cannot read " + dir.resolve("absent.der") + ": no such file\n", run.err());
    }

    @Test
    void refusesADirectory() {
        Expect.oneErrorLine(CliRun.run("inspect-wire", dir.toString()), "a directory");
    }

    @Test
    void refusesToReencodeACertificateWithoutExtension() {
        Path cacert = VectorCorpus.root().resolve("certs/ca/cacert.pem");
        CliRun run = CliRun.run("inspect-wire", "--reencode", cacert.toString());
        Expect.oneErrorLine(run, "no extension");
        assertEquals("albatross-client: cert: offset 0, certificate[1]: no albatross extension to re-encode\n",
                run.err());
        Expect.shown(CliRun.run("inspect-wire", cacert.toString()), "format: cert (guessed)", "without --reencode");
    }

    @Test
    void answersUsageErrorsWith124() {
        for (String[] args : new String[][] {
            {"inspect-wire", "--format=xml"}, {"inspect-wire", "--bogus"}, {"inspect-wire", "a", "b"}, {"bogus"}}) {
            CliRun run = CliRun.run(args);
            assertEquals(124, run.code(), run.toString());
            assertEquals("", run.out(), run.toString());
            Expect.noStackTrace(run, run.toString());
            assertEquals(2, run.err().split("\n").length, run.toString());
        }
    }
}

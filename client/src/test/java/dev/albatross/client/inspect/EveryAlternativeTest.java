package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.client.CliRun;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.protocol.x509.CertExtension;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every alternative of the grammar prints, on printable one-line fields, and re-encodes to its bytes. */
class EveryAlternativeTest {

    static Stream<Samples.Sample> samples() {
        return Samples.all().stream();
    }

    static Stream<Samples.Sample> commands() {
        return samples().filter(s -> s.payload() instanceof Command);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void showsEveryAlternativeInAWireMessage(Samples.Sample sample) {
        byte[] der = WireCodec.encode(new Wire(Header.of(7, Name.parse("foo:hello")), sample.payload()));
        CliRun run = CliRun.run(der, "inspect-wire", "--reencode");
        Expect.shown(run, "format: wire (guessed)", sample.title());
        assertEquals("header: version 5, sequence 7, name foo:hello", run.outLines().get(1));
        assertEquals(sample.title(), run.outLines().get(2));
        assertEquals(HexFormat.of().formatHex(der), run.lastLine());
        everyLineIsPrintableAscii(run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void showsEveryCommandInAnExtensionValue(Samples.Sample sample) {
        byte[] value = CertExtension.encode((Command) sample.payload());
        CliRun run = CliRun.run(value, "inspect-wire", "--reencode");
        Expect.shown(run, "format: extension (guessed)", sample.title());
        assertEquals(List.of("version: 5", sample.title()), run.outLines().subList(1, 3));
        assertEquals(HexFormat.of().formatHex(value), run.lastLine());
    }

    @Test
    void theSamplesCoverEveryKindOfPayloadAndCommand() {
        Set<Payload.Kind> payloads = samples().map(s -> s.payload().payloadKind())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Payload.Kind.class)));
        assertEquals(EnumSet.allOf(Payload.Kind.class), payloads);
        Set<Command.Kind> commands = commands().map(s -> ((Command) s.payload()).commandKind())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Command.Kind.class)));
        assertEquals(EnumSet.allOf(Command.Kind.class), commands);
    }

    @Test
    void theSamplesHoldEveryPermittedAlternative() {
        Set<Class<?>> sampled = samples().map(s -> s.payload().getClass()).collect(Collectors.toSet());
        List<Class<?>> missing = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Payload.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
            } else if (!sampled.contains(type)) {
                missing.add(type);
            }
        }
        assertEquals(List.of(), missing, "alternatives without a sample in Samples");
    }

    @ParameterizedTest
    @EnumSource(StateFile.Format.class)
    void showsStateFilesOfEveryVersion(StateFile.Format format) {
        byte[] content = format == StateFile.Format.OLD0 ? v0State() : StateFileCodec.encode(new StateFile(format,
                List.of(new StateFile.NamedUnikernel(Name.parse(":hello"),
                        format == StateFile.Format.CURRENT ? Samples.config() : Samples.oneCpuConfig())),
                format.hasPolicies() ? List.of(new StateFile.NamedPolicy(Name.parse(":"), Samples.policy()))
                        : List.of()));
        CliRun shown = CliRun.run(content, "inspect-wire");
        Expect.shown(shown, "format: state (guessed)", format.name());
        assertTrue(shown.outLines().get(1).startsWith("state: "), shown.toString());
        assertEquals("  - name: :hello", shown.outLines().get(3));
        everyLineIsPrintableAscii(shown);

        CliRun reencoded = CliRun.run(content, "inspect-wire", "--reencode");
        if (format == StateFile.Format.OLD0) {
            // Albatross cannot write V0 configurations either (spec §5.3).
            Expect.oneErrorLine(reencoded, format.name());
            assertEquals("albatross-client: state: offset 0, State: cannot re-encode: cannot encode v0 unikernel "
                    + "configs\n", reencoded.err());
        } else {
            assertEquals(0, reencoded.code(), reencoded.toString());
            assertEquals(HexFormat.of().formatHex(content), reencoded.lastLine());
        }
    }

    /** A state file of 2019, {@code [1]} with a V0 configuration, which has no encoder. */
    private static byte[] v0State() {
        DerNode config = DerNode.sequence(DerNode.integer(0), DerNode.integer(32), DerNode.utf8("storage"),
                DerNode.context(2, DerNode.octets(Samples.zlib(Samples.IMAGE))));
        return DerNode.context(1, DerNode.sequence(DerNode.sequence(DerNode.utf8("hello"), config))).encode();
    }

    static void everyLineIsPrintableAscii(CliRun run) {
        for (String line : run.outLines()) {
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7F), () -> "not printable: " + line);
        }
    }
}

package dev.albatross.protocol.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.vectors.VectorJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every state file recorded from the real albatrossd ({@code vectors/state/*.der}) decodes to the names,
 * configurations and policies of the {@code .decoded.json} beside it, and re-encodes to the same bytes.
 */
class StateFileVectorsTest {

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
    }

    static Stream<Path> stateFiles() {
        return VectorCorpus.present() ? VectorCorpus.stateFiles().stream() : Stream.empty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateFiles")
    void decodesToWhatTheRecordingSaysAndReencodesIdentically(Path file) throws IOException {
        byte[] der = Files.readAllBytes(file);
        StateFile state = StateFileCodec.decode(der.clone()).fold(s -> s, e -> {
            throw new AssertionError(file + ": " + e.message());
        });
        Path json = file.resolveSibling(file.getFileName().toString().replace(".der", ".decoded.json"));
        JsonNode recorded = VectorCorpus.read(json);
        assertEquals(recorded.path("size_bytes").asInt(der.length), der.length);
        if (recorded.path("top_level_tag").asText().startsWith("a6")) {
            assertEquals(StateFile.Format.CURRENT, state.format());
        }

        JsonNode unikernels = recorded.path("unikernels");
        assertEquals(unikernels.size(), state.unikernels().size(), "number of unikernels");
        for (int i = 0; i < unikernels.size(); i++) {
            StateFile.NamedUnikernel u = state.unikernels().get(i);
            String what = file.getFileName() + " unikernel " + i;
            assertEquals(unikernels.get(i).path("name").asText(), u.name().text(), what);
            VectorJson.assertSame(unikernels.get(i).path("config"), VectorJson.config(u.config()), what);
        }
        JsonNode policies = recorded.path("policies");
        assertEquals(policies.size(), state.policies().size(), "number of policies");
        for (int i = 0; i < policies.size(); i++) {
            StateFile.NamedPolicy p = state.policies().get(i);
            String what = file.getFileName() + " policy " + i;
            assertEquals(policies.get(i).path("name").asText(), p.name().text(), what);
            VectorJson.assertSame(policies.get(i).path("policy"), VectorJson.policy(p.policy()), what);
        }

        assertEquals(HexFormat.of().formatHex(der), HexFormat.of().formatHex(StateFileCodec.encode(state)),
                file + ": re-encoding");
    }

    @Test
    void theRecordedStateHoldsTheRootPolicyAndPolicyPathsWithoutLabels() {
        assumeTrue(!VectorCorpus.stateFiles().isEmpty(), "no state files in the corpus");
        for (Path file : VectorCorpus.stateFiles()) {
            StateFile state;
            try {
                state = StateFileCodec.decode(Files.readAllBytes(file)).orElseThrow();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertFalse(state.policies().isEmpty(), file + ": albatrossd writes the root policy");
            assertEquals(Name.ROOT, state.policies().get(0).name(), "pre-order: the root first");
            assertTrue(state.policies().stream().allMatch(p -> p.name().isPath()), "policies name paths");
            assertTrue(state.unikernels().stream().noneMatch(u -> u.name().isPath()), "unikernels have labels");
        }
    }
}

package dev.albatross.tender.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Solo5ImageTest {
    private static final Path IMAGES = Path.of(System.getProperty("albatross.shared", "../../shared"),
            "vectors/images");

    private static byte[] corpus(String name) throws IOException {
        return Files.readAllBytes(IMAGES.resolve(name));
    }

    private static String error(byte[] image) {
        return assertThrows(Solo5ImageException.class, () -> Solo5Image.read(image)).getMessage();
    }

    @Test
    void readsTheCorpusImages() throws Exception {
        assertEquals(new Solo5Image(Solo5Target.HVT, 2, List.of()), Solo5Image.read(corpus("hello.hvt")));
        assertEquals(new Solo5Image(Solo5Target.HVT, 2,
                        List.of(new ManifestDevice("service0", ManifestDevice.Type.NET_BASIC))),
                Solo5Image.read(corpus("net.hvt")));
        assertEquals(new Solo5Image(Solo5Target.HVT, 2,
                        List.of(new ManifestDevice("storage", ManifestDevice.Type.BLOCK_BASIC))),
                Solo5Image.read(corpus("blk.hvt")));
    }

    @Test
    void readsAnImageInsideALargerBuffer() throws Exception {
        byte[] image = corpus("net.hvt");
        byte[] framed = new byte[image.length + 20];
        System.arraycopy(image, 0, framed, 7, image.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed, 7, image.length);
        assertEquals(Solo5Image.read(image), Solo5Image.read(buffer));
        assertEquals(7, buffer.position());
    }

    @Test
    void readsGeneratedImagesWithDevicesInManifestOrder() throws Exception {
        Solo5Image image = Solo5Image.read(Solo5ImageBuilder.hvt()
                .net("service0").block("storage").net("mgmt").block("data").build());
        assertEquals(List.of(new ManifestDevice("service0", ManifestDevice.Type.NET_BASIC),
                new ManifestDevice("storage", ManifestDevice.Type.BLOCK_BASIC),
                new ManifestDevice("mgmt", ManifestDevice.Type.NET_BASIC),
                new ManifestDevice("data", ManifestDevice.Type.BLOCK_BASIC)), image.devices());
        assertEquals(List.of("storage", "data"), image.deviceNames(ManifestDevice.Type.BLOCK_BASIC));
        assertEquals(List.of("service0", "mgmt"), image.deviceNames(ManifestDevice.Type.NET_BASIC));
    }

    @Test
    void acceptsTheMaximumOf63DevicesWith67ByteNames() throws Exception {
        Solo5ImageBuilder builder = Solo5ImageBuilder.hvt();
        for (int i = 0; i < 63; i++) {
            builder.block(String.format("%067d", i));
        }
        Solo5Image image = Solo5Image.read(builder.build());
        assertEquals(63, image.devices().size());
        assertEquals(67, image.devices().get(62).name().length());
    }

    @Test
    void readsTargetAndAbiVersion() throws Exception {
        Solo5Image spt = Solo5Image.read(Solo5ImageBuilder.hvt().target(Solo5Target.SPT).abiVersion(7).build());
        assertEquals(Solo5Target.SPT, spt.target());
        assertEquals(7, spt.abiVersion());
        assertEquals("target is spt, not hvt", assertThrows(Solo5ImageException.class, spt::requireHvt).getMessage());
        Solo5Image hvt = Solo5Image.read(Solo5ImageBuilder.hvt().build());
        assertEquals(hvt, hvt.requireHvt());
    }

    @Test
    void fallsBackToNoteSectionsWithoutNoteSegments() throws Exception {
        Solo5Image image = Solo5Image.read(Solo5ImageBuilder.hvt().notesOnlyInSections().net("service0").build());
        assertEquals(List.of("service0"), image.deviceNames(ManifestDevice.Type.NET_BASIC));
    }

    @Test
    void namesWhatIsWrongWithBrokenImages() {
        assertEquals("not an ELF file", error(new byte[0]));
        assertEquals("not an ELF file", error("#!/bin/sh\necho hello\n".getBytes()));
        assertEquals("truncated ELF header", error(Arrays.copyOf(Solo5ImageBuilder.hvt().build(), 40)));
        byte[] elf32 = Solo5ImageBuilder.hvt().build();
        elf32[4] = 1;
        assertEquals("not a 64-bit ELF file", error(elf32));
        byte[] bigEndian = Solo5ImageBuilder.hvt().build();
        bigEndian[5] = 2;
        assertEquals("not a little-endian ELF file", error(bigEndian));
        assertEquals("no Solo5 ABI note", error(Solo5ImageBuilder.hvt().omitAbiNote().build()));
        assertEquals("no Solo5 manifest note", error(Solo5ImageBuilder.hvt().omitManifestNote().build()));
        assertEquals("unknown Solo5 target 9", error(Solo5ImageBuilder.hvt().targetCode(9).build()));
        assertEquals("Solo5 ABI note has a descriptor of 12 bytes, expected 16",
                error(Solo5ImageBuilder.hvt().abiDescriptorSize(12).build()));
        assertEquals("invalid Solo5 manifest: unsupported version 2",
                error(Solo5ImageBuilder.hvt().manifestVersion(2).build()));
        assertEquals("invalid Solo5 manifest: 65 entries, expected 1 to 64",
                error(Solo5ImageBuilder.hvt().entryCount(65).build()));
        assertEquals("invalid Solo5 manifest: descriptor of 324 bytes does not hold 2 entries (220 bytes)",
                error(Solo5ImageBuilder.hvt().block("a").block("b").entryCount(2).build()));
        assertEquals("invalid Solo5 manifest: first entry is not the reserved entry",
                error(Solo5ImageBuilder.hvt().reservedFirstType(1).build()));
        assertEquals("invalid Solo5 manifest: name of entry 1 is not NUL-terminated",
                error(Solo5ImageBuilder.hvt().block("x".repeat(68)).build()));
        assertEquals("invalid Solo5 manifest: entry 1 has unknown type 0x3",
                error(Solo5ImageBuilder.hvt().device("odd", 3).build()));
    }

    @Test
    void rejectsTablesAndSegmentsOutsideTheFile() {
        byte[] phoff = Solo5ImageBuilder.hvt().build();
        ByteBuffer.wrap(phoff).order(ByteOrder.LITTLE_ENDIAN).putLong(32, Long.MAX_VALUE);
        assertEquals("program header table lies outside the file", error(phoff));
        byte[] segment = Solo5ImageBuilder.hvt().build();
        // Program header 1 (the ABI PT_NOTE): p_filesz far past the end.
        ByteBuffer.wrap(segment).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 56 + 32, -8L);
        assertEquals("note segment 1 lies outside the file", error(segment));
        byte[] note = Solo5ImageBuilder.hvt().build();
        // descsz of the ABI note (at 0x100 + manifest note length) made huge.
        int abiNoteAt = ByteBuffer.wrap(note).order(ByteOrder.LITTLE_ENDIAN).getInt(64 + 56 + 8);
        ByteBuffer.wrap(note).order(ByteOrder.LITTLE_ENDIAN).putInt(abiNoteAt + 4, 0x7fffffff);
        assertEquals("malformed note in note segment 1: sizes exceed the note segment 1", error(note));
    }

    @Property(tries = 3000, seed = "20261122")
    void mutatedImagesFailOnlyWithSolo5ImageException(@ForAll("mutatedImages") byte[] image) {
        try {
            Solo5Image.read(image);
        } catch (Solo5ImageException expected) {
            // Any refusal is fine; any other exception escapes and fails the property.
        }
    }

    @Property(tries = 500, seed = "20261123")
    void randomBytesFailOnlyWithSolo5ImageException(@ForAll byte[] bytes) {
        try {
            Solo5Image.read(bytes);
        } catch (Solo5ImageException expected) {
            // as above
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedImages() {
        byte[] base = Solo5ImageBuilder.hvt().net("service0").block("storage").build();
        Arbitrary<Integer> position = Arbitraries.integers().between(0, base.length - 1);
        Arbitrary<Byte> value = Arbitraries.bytes();
        // Mostly whole images, sometimes truncated ones.
        Arbitrary<Integer> cut = Arbitraries.oneOf(Arbitraries.just(base.length), Arbitraries.just(base.length),
                Arbitraries.integers().between(0, base.length));
        return Combinators.combine(position.list().ofMaxSize(8), value.list().ofMaxSize(8), cut)
                .as((positions, values, length) -> {
                    byte[] image = base.clone();
                    for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
                        image[positions.get(i)] = values.get(i);
                    }
                    return Arrays.copyOf(image, length);
                });
    }
}

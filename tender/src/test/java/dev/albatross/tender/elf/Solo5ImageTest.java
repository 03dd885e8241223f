package dev.albatross.tender.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.albatross.protocol.gen.Draws;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
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

    @Test
    void mutatedImagesFailOnlyWithSolo5ImageException() {
        byte[] base = Solo5ImageBuilder.hvt().net("service0").block("storage").build();
        long propertySeed = 20261122L;
        Random seeds = new Random(propertySeed);
        for (int attempt = 0; attempt < 3000; attempt++) {
            long seed = seeds.nextLong();
            readsOrRefuses(mutated(base, new Random(seed)), "try " + attempt + " of seed " + propertySeed, seed);
        }
    }

    @Test
    void randomBytesFailOnlyWithSolo5ImageException() {
        long propertySeed = 20261123L;
        Random seeds = new Random(propertySeed);
        for (int attempt = 0; attempt < 500; attempt++) {
            long seed = seeds.nextLong();
            readsOrRefuses(randomBytes(new Random(seed)), "try " + attempt + " of seed " + propertySeed, seed);
        }
    }

    private static void readsOrRefuses(byte[] image, String attempt, long seed) {
        try {
            Solo5Image.read(image);
        } catch (Solo5ImageException expected) {
            // Any refusal is fine; any other exception fails the test, with the input that caused it.
        } catch (RuntimeException e) {
            throw new AssertionError(attempt + " (replay: new Random(" + seed + "L)) throws for "
                    + image.length + " bytes " + HexFormat.of().formatHex(image), e);
        }
    }

    /*
     * The draws below keep the shape jqwik's defaults gave these properties: numbers towards the low end of their
     * range with edges now and then, random arrays mostly short.
     */

    /** The base image with up to 8 bytes replaced; two times in three whole, otherwise cut short. */
    private static byte[] mutated(byte[] base, Random random) {
        int[] positions = new int[random.nextInt(9)];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = Draws.towardsMin(random, 0, base.length - 1);
        }
        byte[] values = new byte[random.nextInt(9)];
        for (int i = 0; i < values.length; i++) {
            values[i] = anyByte(random);
        }
        byte[] image = base.clone();
        for (int i = 0; i < Math.min(positions.length, values.length); i++) {
            image[positions[i]] = values[i];
        }
        int length = random.nextInt(3) < 2 ? base.length : Draws.towardsMin(random, 0, base.length);
        return Arrays.copyOf(image, length);
    }

    /** 0 to 255 random bytes: at most 22 nine times in ten, 255 one time in fifty. */
    private static byte[] randomBytes(Random random) {
        double roll = random.nextDouble();
        int size = roll < 0.02 ? 255 : roll < 0.14 ? 23 + random.nextInt(255 - 22) : random.nextInt(23);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = anyByte(random);
        }
        return bytes;
    }

    /** A byte towards 0 on either side. */
    private static byte anyByte(Random random) {
        int magnitude = Draws.towardsMin(random, 0, 127);
        return (byte) (random.nextBoolean() ? magnitude : -1 - magnitude);
    }
}

package dev.albatross.client.command;

import dev.albatross.client.cert.KeyType;
import dev.albatross.client.cert.Pem;
import dev.albatross.client.cert.PublicKeys;
import dev.albatross.client.output.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Set;

/** {@code priv_key}: the key in {@code <name>.key}, created (mode 0400) if the file does not exist. */
final class KeyFiles {
    private KeyFiles() {
    }

    static KeyPair loadOrCreate(Path file, KeyType type, SecureRandom random, Log log) throws IOException {
        if (Files.exists(file)) {
            PrivateKey key = Pem.privateKey(Remote.read(file));
            return new KeyPair(PublicKeys.of(key), key);
        }
        KeyPair keys = type.generate(random);
        log.info("creating new " + type.label() + " key " + file);
        byte[] pem = Pem.privateKey(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII);
        try (SeekableByteChannel out = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--------")))) {
            ByteBuffer buf = ByteBuffer.wrap(pem);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }
        return keys;
    }
}

package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleFifoTest {
    @TempDir
    Path tmpdir;

    @BeforeEach
    void createFifoDirectory() throws IOException {
        Files.createDirectory(tmpdir.resolve("fifo"));
    }

    @Test
    void createsAFifoWithMode0640() throws IOException {
        ConsoleFifo fifo = ConsoleFifo.create(tmpdir, ":hello");
        assertEquals(tmpdir.resolve("fifo/:hello"), fifo.path());
        assertTrue(ConsoleFifo.isFifo(fifo.path()));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo.path())));
    }

    @Test
    void reusesAnExistingFifo() throws IOException {
        ConsoleFifo first = ConsoleFifo.create(tmpdir, "foo:bar");
        ConsoleFifo second = ConsoleFifo.create(tmpdir, "foo:bar");
        assertEquals(first, second);
        assertTrue(ConsoleFifo.isFifo(second.path()));
    }

    @Test
    void refusesAPathThatIsNotAFifo() throws IOException {
        Files.writeString(tmpdir.resolve("fifo/:taken"), "regular file");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> ConsoleFifo.create(tmpdir, ":taken"));
        assertTrue(e.getMessage().endsWith("exists and is not a fifo"), e.getMessage());
        assertEquals("regular file", Files.readString(tmpdir.resolve("fifo/:taken")));
    }

    @Test
    void deletesAndToleratesAMissingFifo() throws IOException {
        ConsoleFifo fifo = ConsoleFifo.create(tmpdir, ":gone");
        fifo.delete();
        assertFalse(Files.exists(fifo.path()));
        fifo.delete();
    }

    @Test
    void namesTheStepWhenTheDirectoryIsMissing() throws IOException {
        Files.delete(tmpdir.resolve("fifo"));
        IOException e = assertThrows(IOException.class, () -> ConsoleFifo.create(tmpdir, ":a"));
        assertEquals("creating console fifo " + tmpdir.resolve("fifo/:a") + ": No such file or directory",
                e.getMessage());
    }

    @Test
    void refusesNamesThatAreNotOneFileName() {
        assertThrows(IllegalArgumentException.class, () -> ConsoleFifo.of(tmpdir, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleFifo.of(tmpdir, ".."));
        assertThrows(IllegalArgumentException.class, () -> ConsoleFifo.of(tmpdir, ""));
    }
}

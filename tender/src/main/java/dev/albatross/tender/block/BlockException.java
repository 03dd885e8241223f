package dev.albatross.tender.block;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A block operation failed. The message names the step and the block and may reach the tenant (no host path),
 * e.g. "setting block foo:data: No space left on device"; the full I/O exception is the cause. Where Albatross's
 * wording matters the message is exactly its text: "stream exceeds size", "overflow while computing bytes".
 */
public final class BlockException extends IOException {
    private static final long serialVersionUID = 1L;

    BlockException(String message) {
        super(message);
    }

    BlockException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code step: reason}, where the reason of {@code cause} is told without the file's path. */
    static BlockException of(String step, IOException cause) {
        return new BlockException(step + ": " + reason(cause), cause);
    }

    /** The cause of an I/O failure without the path that the JDK puts into many messages. */
    static String reason(IOException e) {
        if (e instanceof BlockException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            return reason == null ? "file system error" : reason;
        }
        String message = e.getMessage();
        if (message == null) {
            return "I/O error";
        }
        if (e instanceof FileNotFoundException) {
            // RandomAccessFile and FileInputStream say "<path> (<reason>)".
            int open = message.lastIndexOf(" (");
            return open >= 0 && message.endsWith(")") ? message.substring(open + 2, message.length() - 1) : "not found";
        }
        return message;
    }
}

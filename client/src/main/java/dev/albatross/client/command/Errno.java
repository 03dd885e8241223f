package dev.albatross.client.command;

import java.io.IOException;
import java.util.Map;

/**
 * An I/O error as OCaml's {@code Printexc.to_string} shows a {@code Unix_error}, e.g.
 * {@code Unix.Unix_error(Unix.ECONNREFUSED, "connect", "")}, for the messages operators know from Albatross.
 */
final class Errno {
    private static final Map<String, String> NAMES = Map.of(
            "Connection refused", "ECONNREFUSED",
            "No such file or directory", "ENOENT",
            "Permission denied", "EACCES",
            "Broken pipe", "EPIPE",
            "Connection reset by peer", "ECONNRESET",
            "Not a socket", "ENOTSOCK");

    private Errno() {
    }

    static String describe(IOException e, String syscall) {
        String message = String.valueOf(e.getMessage());
        for (Map.Entry<String, String> entry : NAMES.entrySet()) {
            if (message.contains(entry.getKey())) {
                return "Unix.Unix_error(Unix." + entry.getValue() + ", \"" + syscall + "\", \"\")";
            }
        }
        return message;
    }

    /** Closes after the outcome is known: an error closing changes nothing the user needs to hear about. */
    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // the command's outcome is already decided and reported
            return;
        }
    }
}

package dev.albatross.client.command;

import java.util.Optional;

/** Where a command goes (spec §10.1): a local daemon, the TLS endpoint, or a CSR file for later. */
sealed interface Destination {
    enum Kind { LOCAL, REMOTE, CSR }

    Kind kind();

    /** {@code --socket PATH}, {@code --socket -} (print the message), or the command's default socket. */
    record Local(Optional<String> socket) implements Destination {
        @Override
        public Kind kind() {
            return Kind.LOCAL;
        }
    }

    /** {@code --destination HOST[:PORT]}; host {@code -} prints the chain instead of connecting. */
    record Remote(String host, int port) implements Destination {
        @Override
        public Kind kind() {
            return Kind.REMOTE;
        }
    }

    record Csr() implements Destination {
        @Override
        public Kind kind() {
            return Kind.CSR;
        }
    }
}

/**
 * albatross-tls-endpoint (spec §11): mutual TLS on TCP, the client's chain validated and turned into a command by
 * the pure {@code protocol.x509} ({@code ChainValidator}, {@code ChainCommand}), and the command relayed to the
 * daemon's Unix sockets. An unprivileged process: it imports nothing of {@code daemon.vmmd}, {@code core},
 * {@code store} or {@code unix}, and talks to albatrossd only through the sockets. With the JDK's TLS it puts
 * BouncyCastle's Ed25519 and X25519 first in the JVM's provider list ({@code Curve25519Provider}).
 */
package dev.albatross.daemon.tls;

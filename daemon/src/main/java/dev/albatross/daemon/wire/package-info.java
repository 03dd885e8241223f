/**
 * Netty handlers for Albatross's framing (spec §2): thin shells over {@code protocol.wire.Framing} and
 * {@code WireCodec}, shared by the Unix-socket servers and the TLS endpoint.
 */
package dev.albatross.daemon.wire;

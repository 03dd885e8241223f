/**
 * {@code albatross-client inspect-wire}: reads one wire message, frame, certificate extension, certificate or
 * state file, and prints it as stable, indented text, one field per line (and optionally our re-encoding).
 *
 * <p>Decoding is {@code protocol.*}; this package only reads the input and renders values. Must not import
 * Netty or a logging framework.
 */
package dev.albatross.client.inspect;

/**
 * {@code albatross-client}, the command line (spec §10): the top-level command, which registers every
 * subcommand explicitly, and the exit codes of spec §10.3.
 *
 * <p>Must not import Netty or a logging framework: the client runs once per command and must start fast.
 */
package dev.albatross.client;

/**
 * The subcommands of {@code albatross-client} (spec §10), one class per group of commands, and what they share:
 * the destination and logging options, sending one command locally, remotely or as a CSR ({@code jump} in
 * Albatross), and reading its replies.
 *
 * <p>Must not import Netty or a logging framework: the client runs once per command and must start fast.
 */
package dev.albatross.client.command;

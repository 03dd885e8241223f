/**
 * How {@code albatross-client} reaches a daemon: the endpoint of each command (spec §5.7), blocking JDK
 * connections over a Unix socket or TLS (spec §2), and raw chunk streams (spec §2.2). One command per process,
 * so plain blocking streams suffice.
 *
 * <p>Must not import Netty or a logging framework.
 */
package dev.albatross.client.transport;

/**
 * What {@code albatross-client} prints, exactly as Albatross prints it: OCaml's {@code Format} line breaking
 * ({@link dev.albatross.client.output.PrettyPrinter}), the Logs reporter on standard output, and the printers
 * of replies, commands, configurations and policies.
 *
 * <p>Pure text: no sockets, no files. Must not import Netty or a logging framework.
 */
package dev.albatross.client.output;

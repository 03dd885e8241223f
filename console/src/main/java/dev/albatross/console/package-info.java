/**
 * Unikernel consoles (spec §8): the line splitter, the 1,024-line ring buffer per unikernel, and the registry
 * {@link dev.albatross.console.Consoles} with Albatross's {@code Console_add}/subscribe/list-inactive semantics,
 * bounded subscribers and a host-wide memory cap.
 *
 * <p>Pure: no I/O, no JNA, no Netty, no clock reads except through an injected {@code InstantSource}. Reading
 * the fifos lives in {@code console.fifo}; the socket lives in the daemon, which implements
 * {@link dev.albatross.console.ConsoleSink}. {@code ConsolePackageRulesTest} checks the imports.
 */
package dev.albatross.console;

/**
 * The daemon's decisions as pure functions over immutable values: the name trie, resource policies and
 * admission ({@link dev.albatross.daemon.core.Resources}), and restart rules
 * ({@link dev.albatross.daemon.core.RestartPolicy}).
 *
 * <p>Must not import io.netty, java.io, java.nio.file, java.net, com.sun.jna or org.slf4j, nor start
 * processes or read the clock: time arrives as a parameter. A test enforces this.
 */
package dev.albatross.daemon.core;

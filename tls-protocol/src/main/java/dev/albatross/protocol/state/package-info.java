/**
 * Albatross's state file {@code <dbdir>/state} (spec §5.9): the running unikernels and the policies,
 * in every version Albatross ever wrote, so a state file left by Albatross restores under our daemon.
 *
 * <p>Pure codec; reading and writing the file belongs to the daemon's store.
 */
package dev.albatross.protocol.state;

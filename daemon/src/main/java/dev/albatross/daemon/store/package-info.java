/**
 * The persisted state {@code <dbdir>/state} (spec §5.9, §7.10): read at start, written atomically and
 * coalesced off the command thread.
 */
package dev.albatross.daemon.store;

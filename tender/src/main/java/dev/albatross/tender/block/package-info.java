/**
 * Block device files under {@code <dbdir>/block/} (spec §7.6): startup scan, create, streamed set (upload) and
 * dump (download), remove, and the size of the file system holding them. Sizes are whole MB (2^20 bytes).
 *
 * <p>Plain JDK file I/O and {@code java.util.zip}; names arrive as text ({@code foo:data}) and never see the wire
 * format. The daemon decides whether a block may be touched (exists, unattached, policy); this package only acts.
 */
package dev.albatross.tender.block;

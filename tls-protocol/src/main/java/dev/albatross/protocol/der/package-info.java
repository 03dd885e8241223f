/**
 * The DER subset Albatross speaks, as {@code asn1-combinators} writes and strictly reads it (spec §3):
 * an allocation-bounded reader over a frame, a node tree that encodes with one copy of bulk data,
 * immutable {@link dev.albatross.protocol.der.Bytes}, and lossless text for unvalidated UTF8String.
 *
 * <p>Pure: no I/O, no logging. Must not import anything but the JDK.
 */
package dev.albatross.protocol.der;

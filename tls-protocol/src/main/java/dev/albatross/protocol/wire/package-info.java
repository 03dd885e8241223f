/**
 * The Albatross wire grammar (spec §5) as sealed interfaces and records, and its DER codecs.
 *
 * <p>One file per CHOICE: {@link dev.albatross.protocol.wire.Payload}, {@link dev.albatross.protocol.wire.Command}
 * and its five groups, {@link dev.albatross.protocol.wire.Success}, {@link dev.albatross.protocol.wire.Data},
 * {@link dev.albatross.protocol.wire.FailBehaviour}. Each sealed interface has a {@code Kind} enum so that
 * dispatch is a switch expression the compiler checks for completeness. Records validate and normalise in
 * their constructors, so an invalid value cannot exist.
 *
 * <p>Public entry points: {@link dev.albatross.protocol.wire.WireCodec} (messages),
 * {@link dev.albatross.protocol.wire.Framing} (the 4-byte length framing). The {@code *Codec} classes hold the
 * tag tables; they are package-private except where {@code protocol.state} and {@code protocol.x509} reuse them.
 *
 * <p>Pure: no I/O beyond reading a caller's stream in {@code Framing}, no logging. Imports the JDK only.
 */
package dev.albatross.protocol.wire;

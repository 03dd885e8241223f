/**
 * The Albatross certificate extension (OID 1.3.6.1.4.1.49836.42, spec §5.8, §6): its value codec, and
 * helpers on BouncyCastle to read it from certificates and CSRs and to put it into them.
 *
 * <p>Pure: no I/O, no logging; BouncyCastle and the JDK only.
 */
package dev.albatross.protocol.x509;

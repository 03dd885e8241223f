/**
 * Certificates and keys as {@code albatross-client} makes them (spec §6.2): key generation, PEM files, CSRs
 * carrying the command extension, signing with Albatross's three profiles, the policy checks done before
 * signing (spec §6.5), and validation of a chain against a trust anchor (spec §6.4, client side).
 *
 * <p>BouncyCastle builds and encodes; the JDK's providers generate keys, sign and validate. Must not import
 * Netty or a logging framework.
 */
package dev.albatross.client.cert;

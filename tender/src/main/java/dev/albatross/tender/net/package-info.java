/**
 * Tap devices and bridges on Linux (spec §7.5): allocating, creating, bringing up and attaching a tap per
 * unikernel network interface, destroying it, and reading interfaces and bridges from {@code /sys/class/net}.
 *
 * <p>Native calls go through {@code tender.jna} only; this package imports no {@code com.sun.jna} and runs no
 * {@code ip} processes. Names arrive as plain text and are validated here, since bridge names come from tenants.
 */
package dev.albatross.tender.net;

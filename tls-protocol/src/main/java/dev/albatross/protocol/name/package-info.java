/**
 * Albatross names (spec §4): {@link dev.albatross.protocol.name.Label}s, {@link dev.albatross.protocol.name.Path}s
 * of labels, and {@link dev.albatross.protocol.name.Name}s (a path and an optional label), with their text forms
 * and the deterministic MAC address derived from a name.
 *
 * <p>Pure values; must not import anything but the JDK.
 */
package dev.albatross.protocol.name;

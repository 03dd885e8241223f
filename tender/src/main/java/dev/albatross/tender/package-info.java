/**
 * The host side of running a Solo5 unikernel: reading its ELF notes ({@code elf}), tap devices and bridges
 * ({@code net}), block device files ({@code block}), and spawning and supervising the {@code solo5-hvt}
 * tender ({@code process}). Native calls live in {@code jna} only.
 *
 * <p>Takes plain values (a {@code LaunchSpec}, names as text); never sees the wire format.
 */
package dev.albatross.tender;

/**
 * Reading Solo5 unikernel images: the ELF64 notes {@code .note.solo5.abi} (target and ABI version) and
 * {@code .note.solo5.manifest} (the devices the unikernel expects), and Albatross's check of a configuration's
 * block and network names against that manifest (spec §7.3). Pure: bytes in, values out; no I/O, no JNA.
 */
package dev.albatross.tender.elf;

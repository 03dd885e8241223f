/**
 * Starting and supervising {@code solo5-hvt}: the launch description ({@link dev.albatross.tender.process.LaunchSpec})
 * and its exact command line, finding the tender for an ABI version, console fifos, and
 * {@link dev.albatross.tender.process.TenderSupervisor}, which spawns tenders with posix_spawn and reports each exit
 * status exactly (exit code vs. signal). Native calls go through {@code tender.jna}; never imports com.sun.jna.
 */
package dev.albatross.tender.process;

/**
 * Reading a tender process's figures from the kernel's pseudo-files (spec §9.1, Linux): {@code /proc/<pid>/stat},
 * {@code statm}, {@code status} and the ctime of {@code /proc/<pid>}, and the optional per-VM KVM counters under
 * {@code /sys/kernel/debug/kvm}. The parsers ({@link dev.albatross.stats.procfs.ProcStat},
 * {@link dev.albatross.stats.procfs.Statm}, {@link dev.albatross.stats.procfs.ContextSwitches},
 * {@link dev.albatross.stats.procfs.LinuxRusage}) are pure; {@link dev.albatross.stats.procfs.ProcFs} and
 * {@link dev.albatross.stats.procfs.KvmDebugfs} read files. No JNA, no Netty, no process spawns.
 */
package dev.albatross.stats.procfs;

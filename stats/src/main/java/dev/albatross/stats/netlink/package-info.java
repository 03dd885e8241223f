/**
 * Interface counters through rtnetlink (spec §9.1, Linux; Albatross uses libnl's route link cache): one
 * {@code RTM_GETLINK} dump per collection round answers for every tap at once, and {@code if_nametoindex}
 * resolves a tap when it is registered.
 *
 * <p>The only package of this module that imports {@code com.sun.jna}; each native call site carries a
 * {@code // Native:} comment. The message parser ({@link dev.albatross.stats.netlink.RtnetlinkParser}) is pure.
 *
 * <p>Why not {@code /sys/class/net/<tap>/statistics/*}: that is one open/read/close per counter, eight or more per
 * tap per round (8,000 file reads for 1,000 taps), against one dump whose size grows by about 1.5 KiB per
 * interface. Both read the same kernel counters ({@code dev_get_stats}).
 */
package dev.albatross.stats.netlink;

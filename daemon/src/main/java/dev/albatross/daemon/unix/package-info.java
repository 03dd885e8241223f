/**
 * The daemon's Unix-socket servers ({@code <tmpdir>/util/vmmd.sock}, {@code console.sock}, {@code stat.sock},
 * spec §1) on Netty's epoll transport, including systemd socket activation.
 */
package dev.albatross.daemon.unix;

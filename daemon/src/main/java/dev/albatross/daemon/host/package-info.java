/** Facts about the host the daemon runs on: CPUs, memory, block storage, bridges (the root policy, spec §6.5). */
package dev.albatross.daemon.host;

/**
 * albatrossd's command side (spec §7): the single owner of the daemon's state ({@link dev.albatross.daemon.vmmd.Vmmd}),
 * one handler per command group, and the effects of creating and stopping a unikernel, each with its undo.
 */
package dev.albatross.daemon.vmmd;

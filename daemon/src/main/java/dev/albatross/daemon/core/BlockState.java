package dev.albatross.daemon.core;

/** A block device as the resources see it: its size in MB and whether a running unikernel uses it. */
public record BlockState(int sizeMb, boolean active) {
    public BlockState withActive(boolean nowActive) {
        return new BlockState(sizeMb, nowActive);
    }
}

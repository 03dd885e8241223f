package dev.albatross.stats;

/**
 * Takes every round's samples (the metrics registry, the Influx pusher). Called on the collector thread after the
 * subscribers were served: it must not block. While any listener is attached, every registered unikernel is
 * gathered each round, not only those with a subscriber.
 */
public interface RoundListener {
    void roundCollected(Round round);
}

package dev.sluice.schema;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic ids for seeds: the same inputs always give the same UUIDs. */
final class Ids {
    private Ids() {}

    /** A name-based (version 3) UUID: stable across runs and machines. */
    static UUID named(String name) {
        return UUID.nameUUIDFromBytes(("sluice-seed:" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** A random-looking version 4 UUID drawn from a seeded generator. */
    static UUID next(SplittableRandom random) {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}

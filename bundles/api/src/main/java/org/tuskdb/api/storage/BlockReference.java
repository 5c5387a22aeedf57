package org.tuskdb.api.storage;

/** One block of one fork of a relation: what a buffer holds and what a WAL record changes. */
public record BlockReference(RelFileLocator rel, ForkNumber fork, long block) {
    public BlockReference {
        if (block < 0 || block > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("bad block number " + block);
        }
    }
}

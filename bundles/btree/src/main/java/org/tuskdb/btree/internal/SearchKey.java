package org.tuskdb.btree.internal;

/**
 * What a descent looks for (PostgreSQL's BTScanInsert): key bytes (null for an infinity), an
 * optional tid (an insertion's exact place), prefix mode, and nextKey: find the first item
 * &gt; the key instead of &gt;= it.
 */
final class SearchKey {
    static final long NO_TID = Long.MIN_VALUE;

    final byte[] key;
    /** The key as big-endian words, zero-padded (for eight-byte comparison). */
    final long[] words;
    final long tid;
    final boolean prefix;
    final boolean nextKey;
    /** The comparison result when key is null: -1 minus infinity, +1 plus infinity. */
    final int infinity;

    private SearchKey(byte[] key, long tid, boolean prefix, boolean nextKey, int infinity) {
        this.key = key;
        this.words = key == null ? null : words(key);
        this.tid = tid;
        this.prefix = prefix;
        this.nextKey = nextKey;
        this.infinity = infinity;
    }

    private static long[] words(byte[] key) {
        long[] w = new long[(key.length + 7) >>> 3];
        for (int i = 0; i < key.length; i++) {
            w[i >>> 3] |= (key[i] & 0xFFL) << ((7 - (i & 7)) << 3);
        }
        return w;
    }

    /** An insertion's exact position (key, tid): the first item &gt; it. */
    static SearchKey forInsert(byte[] key, long tid) {
        return new SearchKey(key, tid, false, true, 0);
    }

    /** The first entry whose key is &gt;= key (&gt; with nextKey). */
    static SearchKey of(byte[] key, boolean prefix, boolean nextKey) {
        return new SearchKey(key, NO_TID, prefix, nextKey, 0);
    }

    static final SearchKey MINUS_INFINITY = new SearchKey(null, NO_TID, false, false, -1);
    static final SearchKey PLUS_INFINITY = new SearchKey(null, NO_TID, false, false, 1);
}

package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * Bottom-up build from sorted entries (PostgreSQL's nbtsort.c): entries are sorted in memory,
 * leaves filled left to right to 90%, internal pages to 70%, each level's pages chained, each
 * page WAL-logged whole (NEWPAGE, rule 10) when it is finished, the metapage last. When a page
 * is full, its last item moves to the next page and a copy becomes its high key (so the high
 * key always fits), and a downlink to the next page goes into the level above.
 */
final class BtreeBuild implements IndexBuild {
    private static final int LEAF_LIMIT = BtreePage.USABLE * 9 / 10;
    private static final int INTERNAL_LIMIT = BtreePage.USABLE * 7 / 10;
    private static final Comparator<Entry> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.key, b.key);
        return c != 0 ? c : Long.compare(a.tid, b.tid);
    };

    private record Entry(byte[] key, long tid) {
    }

    /** The page being filled on one level; its buffer (extended) stays locked until written. */
    private final class Level {
        final int level;
        final boolean leaf;
        final int limit;
        int buf;
        long blk;
        final long firstBlk;
        PageImage img;
        Level parent;

        Level(int level) {
            this.level = level;
            this.leaf = level == 0;
            this.limit = leaf ? LEAF_LIMIT : INTERNAL_LIMIT;
            this.buf = buffers.extend(rel, Btree.MAIN);
            this.blk = buffers.blockOf(buf).block();
            this.firstBlk = blk;
            this.img = new PageImage(level, leaf ? BtreePage.LEAF : 0);
        }
    }

    private final Btree tree;
    private final BufferPool buffers;
    private final WriteAheadLog wal;
    private final RelFileLocator rel;
    private final UniqueChecker unique;
    private List<Entry> entries = new ArrayList<>();

    BtreeBuild(Btree tree, WriteAheadLog wal, RelFileLocator rel, UniqueChecker unique) {
        this.tree = tree;
        this.buffers = tree.buffers;
        this.wal = wal;
        this.rel = rel;
        this.unique = unique;
    }

    @Override
    public void add(byte[] key, Tid tid) {
        Btree.checkKey(key);
        entries.add(new Entry(key, tid.pack()));
    }

    @Override
    public long finish() {
        Btree.Meta m = tree.meta(rel);
        if (m.root() != BtreePage.NONE || buffers.blockCount(rel, Btree.MAIN) != 1) {
            throw new IllegalStateException("index " + rel + " is not empty; build needs a freshly created index");
        }
        entries.sort(ORDER);
        if (unique != null) {
            checkUnique();
        }
        long n = entries.size();
        if (n == 0) {
            return 0;
        }
        Level leaves = new Level(0);
        try {
            for (Entry e : entries) {
                add(leaves, BtreePage.leafItem(e.key, e.tid));
            }
            entries = new ArrayList<>();
            long root = BtreePage.NONE;
            int rootLevel = 0;
            for (Level l = leaves; l != null; l = l.parent) {
                if (l.parent == null) {
                    l.img.flags |= BtreePage.ROOT;
                    root = l.blk;
                    rootLevel = l.level;
                }
                writePage(l);
            }
            int mb = buffers.read(rel, Btree.MAIN, 0);
            buffers.lockExclusive(mb);
            try {
                tree.writeMeta(mb, root, rootLevel);
            } finally {
                buffers.unlockAndRelease(mb);
            }
            return n;
        } catch (RuntimeException | Error e) {
            for (Level l = leaves; l != null; l = l.parent) {
                if (l.buf >= 0) {
                    buffers.unlockAndRelease(l.buf);
                    l.buf = -1;
                }
            }
            throw e;
        }
    }

    /** Two entries of one key whose tuples are not both DEAD are a duplicate. */
    private void checkUnique() {
        int n = entries.size();
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && Arrays.equals(entries.get(j).key, entries.get(i).key)) {
                j++;
            }
            if (j - i > 1) {
                Entry firstLive = null;
                for (int k = i; k < j; k++) {
                    Entry e = entries.get(k);
                    if (unique.check(Tid.unpack(e.tid)).status() != UniqueChecker.Status.DEAD) {
                        if (firstLive != null) {
                            throw unique.duplicate(e.key, Tid.unpack(firstLive.tid));
                        }
                        firstLive = e;
                    }
                }
            }
            i = j;
        }
    }

    private void add(Level l, byte[] item) {
        if (l.img.items.size() >= 2 && l.img.used() + BtreePage.itemCost(item.length) > l.limit) {
            byte[] last = l.img.items.remove(l.img.items.size() - 1);
            PageImage full = l.img;
            PageImage next = new PageImage(l.level, full.flags);
            int nb = buffers.extend(rel, Btree.MAIN);
            long nblk = buffers.blockOf(nb).block();
            full.next = nblk;
            PageImage withHighKey = new PageImage(l.level, full.flags);
            withHighKey.prev = full.prev;
            withHighKey.next = nblk;
            withHighKey.add(last);
            for (byte[] it : full.items) {
                withHighKey.add(it);
            }
            l.img = withHighKey;
            writePage(l);
            if (l.parent == null) {
                l.parent = new Level(l.level + 1);
                l.parent.img.add(BtreePage.minusInfinity(l.firstBlk));
            }
            add(l.parent, BtreePage.downlink(last, l.leaf, nblk));
            next.prev = l.blk;
            l.buf = nb;
            l.blk = nblk;
            l.img = next;
            next.add(l.leaf ? last : BtreePage.stripped(last));
        }
        l.img.add(item);
    }

    /** Writes the level's current page into its buffer, logs it whole and releases it. */
    private void writePage(Level l) {
        byte[] data = l.img.toBytes();
        MemorySegment page = buffers.page(l.buf);
        PageImage.apply(page, data);
        buffers.markDirty(l.buf);
        long lsn = wal.record(ResourceManagerIds.BTREE, BtreeWalRecords.NEWPAGE)
                .registerBuffer(0, buffers.blockOf(l.buf), page, WalRecordBuilder.STANDARD | WalRecordBuilder.WILL_INIT)
                .blockData(0, data).insert();
        PageLayout.setLsn(page, lsn);
        buffers.unlockAndRelease(l.buf);
        l.buf = -1;
    }

    @Override
    public void close() {
        entries = new ArrayList<>();
    }
}

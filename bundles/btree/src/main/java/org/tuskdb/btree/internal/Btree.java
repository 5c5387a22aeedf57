package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.api.index.UniqueChecker.Liveness;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The B-tree's algorithms over shared buffers (PostgreSQL's nbtsearch.c, nbtinsert.c,
 * nbtpage.c): descent with move-right, insertion with unique checks, page splits with
 * the downlink insert into the parent, new roots. The numbered rules they keep are in the
 * bundle's README; the comments here name them ("rule 3").
 */
final class Btree {
    static final ForkNumber MAIN = ForkNumber.MAIN;
    private static final int META_BLOCK = 0;
    private static final int STD = WalRecordBuilder.STANDARD;
    private static final int INIT = WalRecordBuilder.STANDARD | WalRecordBuilder.WILL_INIT;

    final BufferPool buffers;
    private final WriteAheadLog wal;

    Btree(BufferPool buffers, WriteAheadLog wal) {
        this.buffers = buffers;
        this.wal = wal;
    }

    // ------------------------------------------------------------------------------------------
    // metapage

    record Meta(long root, int level) {
    }

    Meta meta(RelFileLocator rel) {
        int mb = buffers.read(rel, MAIN, META_BLOCK);
        buffers.lockShared(mb);
        try {
            MemorySegment page = buffers.page(mb);
            return new Meta(BtreePage.metaRoot(page), BtreePage.metaLevel(page));
        } finally {
            buffers.unlockAndRelease(mb);
        }
    }

    /** Writes a fresh metapage (create, build's end): WAL META, the page rebuilt from it. */
    void writeMeta(int mb, long root, int level) {
        MemorySegment page = buffers.page(mb);
        byte[] data = BtreeWalRecords.meta(root, level);
        BtreePage.initMeta(page, root, level);
        buffers.markDirty(mb);
        long lsn = wal.record(ResourceManagerIds.BTREE, BtreeWalRecords.META)
                .registerBuffer(0, buffers.blockOf(mb), page, INIT).blockData(0, data).insert();
        PageLayout.setLsn(page, lsn);
    }

    /** The first insert into an empty index makes a leaf root (rule 7). */
    private void createFirstRoot(RelFileLocator rel) {
        int mb = buffers.read(rel, MAIN, META_BLOCK);
        buffers.lockExclusive(mb);
        try {
            MemorySegment mpage = buffers.page(mb);
            if (BtreePage.metaRoot(mpage) != BtreePage.NONE) {
                return; // someone else did
            }
            int rb = buffers.extend(rel, MAIN);
            try {
                long rblk = buffers.blockOf(rb).block();
                byte[] data = new PageImage(0, BtreePage.LEAF | BtreePage.ROOT).toBytes();
                byte[] md = BtreeWalRecords.meta(rblk, 0);
                MemorySegment rpage = buffers.page(rb);
                PageImage.apply(rpage, data);
                BtreePage.initMeta(mpage, rblk, 0);
                buffers.markDirty(rb);
                buffers.markDirty(mb);
                long lsn = wal.record(ResourceManagerIds.BTREE, BtreeWalRecords.NEWROOT)
                        .registerBuffer(0, buffers.blockOf(rb), rpage, INIT).blockData(0, data)
                        .registerBuffer(2, buffers.blockOf(mb), mpage, INIT).blockData(2, md)
                        .insert();
                PageLayout.setLsn(rpage, lsn);
                PageLayout.setLsn(mpage, lsn);
            } finally {
                buffers.unlockAndRelease(rb);
            }
        } finally {
            buffers.unlockAndRelease(mb);
        }
    }

    // ------------------------------------------------------------------------------------------
    // descent

    /** The path of a descent: per level above the leaf, the page and the downlink's offset. */
    static final class Stack {
        private long[] blocks = new long[8];
        private int[] offsets = new int[8];
        private int depth;

        void push(long block, int offset) {
            if (depth == blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, depth * 2);
                offsets = java.util.Arrays.copyOf(offsets, depth * 2);
            }
            blocks[depth] = block;
            offsets[depth++] = offset;
        }

        boolean isEmpty() {
            return depth == 0;
        }

        long topBlock() {
            return blocks[depth - 1];
        }

        int topOffset() {
            return offsets[depth - 1];
        }

        void pop() {
            depth--;
        }

        void clear() {
            depth = 0;
        }

        Stack copy() {
            Stack s = new Stack();
            s.blocks = blocks.clone();
            s.offsets = offsets.clone();
            s.depth = depth;
            return s;
        }
    }

    /**
     * Descends from the root to the leaf where {@code sk} belongs (PostgreSQL's _bt_search),
     * holding one content lock at a time (rule 2), moving right past pages split since their
     * downlink was read (rule 3). Returns the leaf's buffer, pinned and locked: exclusively
     * when {@code stack} is given (an insertion, which records the path in it), shared
     * otherwise; -1 when the index is empty and {@code stack} is null.
     */
    int descend(RelFileLocator rel, SearchKey sk, Stack stack) {
        for (;;) {
            Meta m = meta(rel);
            if (m.root() == BtreePage.NONE) {
                if (stack == null) {
                    return -1;
                }
                createFirstRoot(rel);
                continue;
            }
            if (stack != null) {
                stack.clear();
            }
            boolean ex = stack != null && m.level() == 0;
            int buf = buffers.read(rel, MAIN, m.root());
            lock(buf, ex);
            for (;;) {
                buf = moveRight(rel, buf, sk, ex, stack);
                if (buf < 0) {
                    break; // finished an incomplete split: start over
                }
                MemorySegment page = buffers.page(buf);
                if (BtreePage.isLeaf(page)) {
                    return buf;
                }
                int off = BtreePage.binarySearch(sk, page, BtreePage.firstData(page) + 1) - 1;
                long child = BtreePage.child(page, off);
                if (stack != null) {
                    stack.push(buffers.blockOf(buf).block(), off);
                }
                int childLevel = BtreePage.level(page) - 1;
                buffers.unlockAndRelease(buf);
                ex = stack != null && childLevel == 0;
                buf = buffers.read(rel, MAIN, child);
                lock(buf, ex);
            }
        }
    }

    private void lock(int buf, boolean exclusive) {
        if (exclusive) {
            buffers.lockExclusive(buf);
        } else {
            buffers.lockShared(buf);
        }
    }

    /**
     * Lehman and Yao's move right (PostgreSQL's _bt_moveright): follows right-links while the
     * key lies beyond the page's high key, releasing each page before locking the next. An
     * inserter ({@code stack} given) that meets a page whose split was interrupted by a crash
     * finishes the split and returns -1 (the caller starts over).
     */
    private int moveRight(RelFileLocator rel, int buf, SearchKey sk, boolean ex, Stack stack) {
        boolean exclusive = ex;
        for (;;) {
            MemorySegment page = buffers.page(buf);
            if (stack != null && (BtreePage.flags(page) & BtreePage.INCOMPLETE_SPLIT) != 0) {
                if (!exclusive) {
                    buffers.unlock(buf);
                    buffers.lockExclusive(buf);
                    exclusive = true;
                    continue;
                }
                finishSplit(rel, buf, stack);
                return -1;
            }
            if (!BtreePage.beyondHighKey(sk, page)) {
                return buf;
            }
            long right = BtreePage.next(page);
            buffers.unlockAndRelease(buf);
            buf = buffers.read(rel, MAIN, right);
            lock(buf, exclusive);
        }
    }

    /** Inserts the missing downlink of a split interrupted by a crash (rule 6). */
    private void finishSplit(RelFileLocator rel, int lbuf, Stack stack) {
        MemorySegment lpage = buffers.page(lbuf);
        int rbuf = buffers.read(rel, MAIN, BtreePage.next(lpage));
        buffers.lockExclusive(rbuf);
        byte[] sep = BtreePage.itemBytes(lpage, BtreePage.HIGH_KEY);
        byte[] downlink = BtreePage.downlink(sep, BtreePage.isLeaf(lpage), buffers.blockOf(rbuf).block());
        insertParent(rel, lbuf, rbuf, stack.copy(), downlink);
    }

    // ------------------------------------------------------------------------------------------
    // insertion

    private record Conflict(Liveness liveness, long tid) {
    }

    /** Inserts (key, tid); see IndexAccess#insert. */
    void insert(RelFileLocator rel, byte[] key, Tid tid, boolean unique, UniqueChecker checker) {
        checkKey(key);
        long packed = tid.pack();
        byte[] item = BtreePage.leafItem(key, packed);
        SearchKey exact = SearchKey.forInsert(key, packed);
        Stack stack = new Stack();
        if (!unique) {
            int buf = descend(rel, exact, stack);
            insertLeaf(rel, buf, item, exact, stack);
            return;
        }
        SearchKey first = SearchKey.of(key, false, false);
        for (;;) {
            int buf = descend(rel, first, stack);
            Conflict c = checkUnique(rel, buf, first, packed, checker);
            if (c == null) {
                // rule 8: the first page of the key stays locked until the entry is in
                insertLeaf(rel, stepRight(rel, buf, exact, stack), item, exact, stack);
                return;
            }
            if (c.liveness().status() == UniqueChecker.Status.LIVE) {
                throw checker.duplicate(key, Tid.unpack(c.tid()));
            }
            checker.awaitTransaction(c.liveness().xid()); // no buffer locked (rule 8)
        }
    }

    /** The unique check alone; see IndexAccess#findLive. */
    Tid findLive(RelFileLocator rel, byte[] key, UniqueChecker checker) {
        checkKey(key);
        SearchKey first = SearchKey.of(key, false, false);
        for (;;) {
            int buf = descend(rel, first, null);
            if (buf < 0) {
                return null;
            }
            Conflict c = checkUnique(rel, buf, first, SearchKey.NO_TID, checker);
            if (c == null) {
                buffers.unlockAndRelease(buf);
                return null;
            }
            if (c.liveness().status() == UniqueChecker.Status.LIVE) {
                Tid at = c.liveness().at();
                return at != null ? at : Tid.unpack(c.tid()); // a HOT chain's live member, not its root
            }
            checker.awaitTransaction(c.liveness().xid());
        }
    }

    static void checkKey(byte[] key) {
        if (key.length > BtreePage.MAX_KEY) {
            throw DatabaseException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size "
                    + PageLayout.align(key.length + BtreePage.LEAF_KEY) + " exceeds btree maximum, " + BtreePage.MAX_ITEM)
                    .withHint("Values larger than 1/3 of a buffer page cannot be indexed.");
        }
    }

    /**
     * PostgreSQL's _bt_check_unique: asks the checker about every entry with the key, from
     * {@code buf} (locked, kept) on through right siblings (each read-locked in turn). Returns
     * null when none is LIVE or IN_PROGRESS (buf still locked), else the conflict with every
     * lock released.
     */
    private Conflict checkUnique(RelFileLocator rel, int buf, SearchKey sk, long ownTid, UniqueChecker checker) {
        MemorySegment page = buffers.page(buf);
        int off = BtreePage.binarySearch(sk, page, BtreePage.firstData(page));
        int nbuf = -1;
        try {
            for (;;) {
                int max = BtreePage.maxOff(page);
                for (; off <= max; off++) {
                    if (BtreePage.compare(sk, page, off, BtreePage.LEAF_KEY) != 0) {
                        return null;
                    }
                    long t = BtreePage.tid(page, off);
                    if (t == ownTid || BtreePage.isDead(page, off)) {
                        continue;
                    }
                    Tid tuple = Tid.unpack(t);
                    Liveness l = checker.check(tuple);
                    if (l.status() == UniqueChecker.Status.DEAD) {
                        if (checker.deadToAll(tuple)) { // _bt_check_unique's kill of an all-dead entry
                            BtreePage.markDead(page, off);
                            buffers.markDirtyHint(nbuf >= 0 ? nbuf : buf);
                        }
                    } else {
                        if (nbuf >= 0) {
                            buffers.unlockAndRelease(nbuf);
                            nbuf = -1;
                        }
                        buffers.unlockAndRelease(buf);
                        return new Conflict(l, t);
                    }
                }
                if (BtreePage.isRightmost(page) || BtreePage.compare(sk, page, BtreePage.HIGH_KEY, BtreePage.LEAF_KEY) < 0) {
                    return null;
                }
                long right = BtreePage.next(page);
                if (nbuf >= 0) {
                    buffers.unlockAndRelease(nbuf);
                }
                nbuf = -1;
                int n = buffers.read(rel, MAIN, right);
                buffers.lockShared(n);
                nbuf = n;
                page = buffers.page(nbuf);
                off = BtreePage.firstData(page);
            }
        } finally {
            if (nbuf >= 0) {
                buffers.unlockAndRelease(nbuf);
            }
        }
    }

    /**
     * Moves right to the page where {@code exact} goes, lock-coupled (rule 8). A page whose
     * split a crash interrupted gets its downlink first (PostgreSQL's _bt_stepright), so no
     * flagged page is split again before its split is finished.
     */
    private int stepRight(RelFileLocator rel, int buf, SearchKey exact, Stack stack) {
        for (;;) {
            MemorySegment page = buffers.page(buf);
            if (!BtreePage.beyondHighKey(exact, page)) {
                return buf;
            }
            long right = BtreePage.next(page);
            int rb = buffers.read(rel, MAIN, right);
            buffers.lockExclusive(rb);
            if ((BtreePage.flags(buffers.page(rb)) & BtreePage.INCOMPLETE_SPLIT) != 0) {
                finishSplit(rel, rb, stack); // releases rb; buf stays locked
                continue;
            }
            buffers.unlockAndRelease(buf);
            buf = rb;
        }
    }

    private void insertLeaf(RelFileLocator rel, int buf, byte[] item, SearchKey exact, Stack stack) {
        MemorySegment page = buffers.page(buf);
        int off = BtreePage.binarySearch(exact, page, BtreePage.firstData(page));
        insertOnPage(rel, buf, item, off, stack, -1);
    }

    /**
     * Puts {@code item} at {@code off} of the exclusively locked page {@code buf}, splitting it
     * when full (PostgreSQL's _bt_insertonpg). {@code child} is the exclusively locked page
     * whose split this downlink completes (its INCOMPLETE_SPLIT is cleared in the same record),
     * or -1. Releases buf and child.
     */
    private void insertOnPage(RelFileLocator rel, int buf, byte[] item, int off, Stack stack, int child) {
        MemorySegment page = buffers.page(buf);
        boolean leaf = BtreePage.isLeaf(page);
        if (!BtreePage.fits(page, item.length) && leaf && BtreePage.deadCount(page) > 0) {
            off -= removeDead(buf, page, off);
        }
        if (!BtreePage.fits(page, item.length)) {
            split(rel, buf, item, off, stack, child);
            return;
        }
        byte[] data = new byte[2 + item.length];
        MemorySegment.ofArray(data).set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) off);
        System.arraycopy(item, 0, data, 2, item.length);
        try {
            // critical section (rule 9): nothing below throws until the LSNs are set
            BtreePage.insertItemAt(page, off, MemorySegment.ofArray(item));
            buffers.markDirty(buf);
            MemorySegment cpage = null;
            if (child >= 0) {
                cpage = buffers.page(child);
                clearIncompleteSplit(cpage);
                buffers.markDirty(child);
            }
            WalRecordBuilder r = wal.record(ResourceManagerIds.BTREE, leaf ? BtreeWalRecords.INSERT_LEAF : BtreeWalRecords.INSERT_UPPER)
                    .registerBuffer(0, buffers.blockOf(buf), page, STD).blockData(0, data);
            if (child >= 0) {
                r.registerBuffer(1, buffers.blockOf(child), cpage, STD);
            }
            long lsn = r.insert();
            PageLayout.setLsn(page, lsn);
            if (cpage != null) {
                PageLayout.setLsn(cpage, lsn);
            }
        } finally {
            buffers.unlockAndRelease(buf);
            if (child >= 0) {
                buffers.unlockAndRelease(child);
            }
        }
    }

    /**
     * Rewrites the exclusively locked leaf without its entries marked dead (PostgreSQL's simple
     * deletion in _bt_delete_or_dedup_one_page, done where a split would otherwise be), logged
     * as one NEWPAGE record carrying the whole rebuilt page, so redo builds the same bytes.
     * Returns how many removed entries were before offset {@code off}. Concurrent scans hold no
     * lock on the page and find their entries again by tid (rule 4); unique checks hold a lock
     * on it, so none is in progress here. No hot standby yet: the record carries no
     * conflict horizon (the replication issue adds one).
     */
    private int removeDead(int buf, MemorySegment page, int off) {
        PageImage img = new PageImage(BtreePage.level(page), BtreePage.flags(page));
        img.prev = BtreePage.prev(page);
        img.next = BtreePage.next(page);
        int first = BtreePage.firstData(page);
        if (first > BtreePage.HIGH_KEY) {
            img.add(BtreePage.itemBytes(page, BtreePage.HIGH_KEY));
        }
        int before = 0;
        for (int o = first, max = BtreePage.maxOff(page); o <= max; o++) {
            if (BtreePage.isDead(page, o)) {
                if (o < off) {
                    before++;
                }
            } else {
                img.add(BtreePage.itemBytes(page, o));
            }
        }
        byte[] data = img.toBytes();
        // critical section (rule 9)
        PageImage.apply(page, data);
        buffers.markDirty(buf);
        long lsn = wal.record(ResourceManagerIds.BTREE, BtreeWalRecords.NEWPAGE)
                .registerBuffer(0, buffers.blockOf(buf), page, INIT).blockData(0, data).insert();
        PageLayout.setLsn(page, lsn);
        return before;
    }

    static void clearIncompleteSplit(MemorySegment page) {
        BtreePage.setFlags(page, BtreePage.flags(page) & ~BtreePage.INCOMPLETE_SPLIT);
    }

    // ------------------------------------------------------------------------------------------
    // splits

    /**
     * Splits the full page {@code buf} while inserting {@code item} at {@code newOff}
     * (PostgreSQL's _bt_split), then inserts the new right page's downlink into the parent.
     * Locks: the page, the new right page, the old right sibling (left to right, rule 5).
     */
    private void split(RelFileLocator rel, int buf, byte[] item, int newOff, Stack stack, int child) {
        MemorySegment page = buffers.page(buf);
        boolean leaf = BtreePage.isLeaf(page);
        int level = BtreePage.level(page);
        int flags = BtreePage.flags(page);
        long origBlk = buffers.blockOf(buf).block();
        long oldNext = BtreePage.next(page);
        int first = BtreePage.firstData(page);
        int max = BtreePage.maxOff(page);
        List<byte[]> items = new ArrayList<>(max + 1);
        for (int off = first; off <= max; off++) {
            if (off == newOff) {
                items.add(item);
            }
            items.add(BtreePage.itemBytes(page, off));
        }
        if (newOff > max) {
            items.add(item);
        }
        byte[] highKey = oldNext == BtreePage.NONE ? null : BtreePage.itemBytes(page, BtreePage.HIGH_KEY);
        int s = chooseSplit(items, leaf, highKey, newOff - first);
        byte[] sep = items.get(s);

        int rb = buffers.extend(rel, MAIN);
        int ob = -1;
        try {
            long rblk = buffers.blockOf(rb).block();
            if (oldNext != BtreePage.NONE) {
                ob = buffers.read(rel, MAIN, oldNext);
                buffers.lockExclusive(ob);
            }
            PageImage left = new PageImage(level, (flags & ~BtreePage.ROOT) | BtreePage.INCOMPLETE_SPLIT);
            left.prev = BtreePage.prev(page);
            left.next = rblk;
            left.add(sep);
            for (int i = 0; i < s; i++) {
                left.add(items.get(i));
            }
            PageImage right = new PageImage(level, flags & ~(BtreePage.ROOT | BtreePage.INCOMPLETE_SPLIT));
            right.prev = origBlk;
            right.next = oldNext;
            if (highKey != null) {
                right.add(highKey);
            }
            for (int i = s; i < items.size(); i++) {
                right.add(i == s && !leaf ? BtreePage.stripped(items.get(i)) : items.get(i));
            }
            byte[] ldata = left.toBytes();
            byte[] rdata = right.toBytes();
            byte[] downlink = BtreePage.downlink(sep, leaf, rblk);

            // critical section (rule 9)
            MemorySegment rpage = buffers.page(rb);
            PageImage.apply(page, ldata);
            PageImage.apply(rpage, rdata);
            buffers.markDirty(buf);
            buffers.markDirty(rb);
            MemorySegment opage = null;
            if (ob >= 0) {
                opage = buffers.page(ob);
                BtreePage.setPrev(opage, rblk);
                buffers.markDirty(ob);
            }
            MemorySegment cpage = null;
            if (child >= 0) {
                cpage = buffers.page(child);
                clearIncompleteSplit(cpage);
                buffers.markDirty(child);
            }
            WalRecordBuilder r = wal.record(ResourceManagerIds.BTREE, BtreeWalRecords.SPLIT)
                    .registerBuffer(0, buffers.blockOf(buf), page, INIT).blockData(0, ldata)
                    .registerBuffer(1, buffers.blockOf(rb), rpage, INIT).blockData(1, rdata);
            if (ob >= 0) {
                r.registerBuffer(2, buffers.blockOf(ob), opage, STD);
            }
            if (child >= 0) {
                r.registerBuffer(3, buffers.blockOf(child), cpage, STD);
            }
            long lsn = r.insert();
            PageLayout.setLsn(page, lsn);
            PageLayout.setLsn(rpage, lsn);
            if (opage != null) {
                PageLayout.setLsn(opage, lsn);
            }
            if (cpage != null) {
                PageLayout.setLsn(cpage, lsn);
            }
            if (ob >= 0) {
                buffers.unlockAndRelease(ob);
                ob = -1;
            }
            if (child >= 0) {
                buffers.unlockAndRelease(child);
                child = -1;
            }
            int rightBuf = rb;
            rb = -1;
            insertParent(rel, buf, rightBuf, stack, downlink);
        } catch (RuntimeException | Error e) {
            // only reachable before the critical section; give back what we hold
            for (int b : new int[] {ob, child, rb}) {
                if (b >= 0) {
                    buffers.unlockAndRelease(b);
                }
            }
            throw e;
        }
    }

    /**
     * Where the right half starts: the item index s (1 &lt;= s &lt; n) whose item becomes the
     * first on the right page and the left page's high key. Balanced by bytes, except at the
     * rightmost page when the new item is its last (ascending inserts): then the left page is
     * left about 90% full (PostgreSQL's fillfactor split).
     */
    static int chooseSplit(List<byte[]> items, boolean leaf, byte[] highKey, int newIndex) {
        int n = items.size();
        int[] cost = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            cost[i] = BtreePage.itemCost(items.get(i).length);
            total += cost[i];
        }
        int rightExtra = highKey == null ? 0 : BtreePage.itemCost(highKey.length);
        int strippedDelta = leaf ? 0 : BtreePage.itemCost(BtreePage.INTERNAL_KEY);
        boolean ascending = highKey == null && newIndex == n - 1;
        int target = ascending ? BtreePage.USABLE * 9 / 10 : -1;
        int best = -1;
        int bestScore = Integer.MAX_VALUE;
        int leftBytes = 0;
        for (int s = 1; s < n; s++) {
            leftBytes += cost[s - 1];
            int leftSize = leftBytes + cost[s]; // + high key (a copy of item s)
            int rightSize = total - leftBytes + rightExtra - (leaf ? 0 : cost[s] - strippedDelta);
            if (leftSize > BtreePage.USABLE || rightSize > BtreePage.USABLE) {
                continue;
            }
            int score = target > 0 ? Math.abs(target - leftSize) : Math.abs(leftSize - rightSize);
            if (score < bestScore) {
                bestScore = score;
                best = s;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no split point for a B-tree page of " + n + " items");
        }
        return best;
    }

    /**
     * Inserts the downlink of the right half into the parent (PostgreSQL's _bt_insert_parent):
     * the left page stays locked until the parent has the downlink (rule 6), the right page is
     * released once the parent is locked. With an empty stack (the tree grew above the root this
     * descent started from), the parent level is found from the metapage, and a split root gets
     * a new root.
     */
    private void insertParent(RelFileLocator rel, int lbuf, int rbuf, Stack stack, byte[] downlink) {
        long lblk = buffers.blockOf(lbuf).block();
        int level = BtreePage.level(buffers.page(lbuf));
        long pblk;
        int poff;
        if (stack.isEmpty()) {
            Meta m = meta(rel);
            if (m.root() == lblk) {
                newRoot(rel, lbuf, rbuf, downlink, level);
                return;
            }
            pblk = leftmostAt(rel, m.root(), level + 1);
            poff = 1;
        } else {
            pblk = stack.topBlock();
            poff = stack.topOffset();
            stack.pop();
        }
        long found = findParent(rel, pblk, poff, lblk, stack);
        int pbuf = (int) (found >>> 32);
        int off = (int) found;
        buffers.unlockAndRelease(rbuf);
        insertOnPage(rel, pbuf, downlink, off + 1, stack, lbuf);
    }

    /** The leftmost page of {@code level}, found down from the root (PostgreSQL's _bt_get_endpoint). */
    private long leftmostAt(RelFileLocator rel, long root, int level) {
        long blk = root;
        for (;;) {
            int b = buffers.read(rel, MAIN, blk);
            buffers.lockShared(b);
            try {
                MemorySegment page = buffers.page(b);
                int l = BtreePage.level(page);
                if (l == level) {
                    return blk;
                }
                if (l < level) {
                    throw BtreePage.corrupted(rel, "no level " + level);
                }
                blk = BtreePage.child(page, BtreePage.firstData(page));
            } finally {
                buffers.unlockAndRelease(b);
            }
        }
    }

    /**
     * Locks the parent page holding the downlink to {@code child} exclusively, starting at the
     * remembered page and offset and moving right (PostgreSQL's _bt_getstackbuf): the parent
     * may have split since the descent. A parent page whose own split a crash interrupted is
     * finished first ({@code stack} holds the levels above it). Returns buffer &lt;&lt; 32 | offset.
     */
    private long findParent(RelFileLocator rel, long pblk, int startOff, long child, Stack stack) {
        long blk = pblk;
        int buf = buffers.read(rel, MAIN, blk);
        buffers.lockExclusive(buf);
        int start = startOff;
        for (;;) {
            MemorySegment page = buffers.page(buf);
            if ((BtreePage.flags(page) & BtreePage.INCOMPLETE_SPLIT) != 0) {
                finishSplit(rel, buf, stack); // releases buf
                buf = buffers.read(rel, MAIN, blk);
                buffers.lockExclusive(buf);
                continue;
            }
            int first = BtreePage.firstData(page);
            int max = BtreePage.maxOff(page);
            for (int off = Math.max(start, first); off <= max; off++) {
                if (BtreePage.child(page, off) == child) {
                    return (long) buf << 32 | off;
                }
            }
            for (int off = first; off < Math.min(start, max + 1); off++) {
                if (BtreePage.child(page, off) == child) {
                    return (long) buf << 32 | off;
                }
            }
            if (BtreePage.isRightmost(page)) {
                buffers.unlockAndRelease(buf);
                throw BtreePage.corrupted(rel, "failed to re-find parent key for split of block " + child);
            }
            blk = BtreePage.next(page);
            buffers.unlockAndRelease(buf);
            buf = buffers.read(rel, MAIN, blk);
            buffers.lockExclusive(buf);
            start = 1;
        }
    }

    /** A new root above the split old root (PostgreSQL's _bt_newroot). Releases lbuf and rbuf. */
    private void newRoot(RelFileLocator rel, int lbuf, int rbuf, byte[] downlink, int childLevel) {
        int mb = buffers.read(rel, MAIN, META_BLOCK);
        buffers.lockExclusive(mb);
        int nb = -1;
        try {
            nb = buffers.extend(rel, MAIN);
            long nblk = buffers.blockOf(nb).block();
            long lblk = buffers.blockOf(lbuf).block();
            int level = childLevel + 1;
            PageImage root = new PageImage(level, BtreePage.ROOT);
            root.add(BtreePage.minusInfinity(lblk));
            root.add(downlink);
            byte[] rdata = root.toBytes();
            byte[] md = BtreeWalRecords.meta(nblk, level);
            MemorySegment npage = buffers.page(nb);
            MemorySegment mpage = buffers.page(mb);
            MemorySegment lpage = buffers.page(lbuf);
            // critical section (rule 9)
            PageImage.apply(npage, rdata);
            BtreePage.initMeta(mpage, nblk, level);
            clearIncompleteSplit(lpage);
            buffers.markDirty(nb);
            buffers.markDirty(mb);
            buffers.markDirty(lbuf);
            long lsn = wal.record(ResourceManagerIds.BTREE, BtreeWalRecords.NEWROOT)
                    .registerBuffer(0, buffers.blockOf(nb), npage, INIT).blockData(0, rdata)
                    .registerBuffer(1, buffers.blockOf(lbuf), lpage, STD)
                    .registerBuffer(2, buffers.blockOf(mb), mpage, INIT).blockData(2, md)
                    .insert();
            PageLayout.setLsn(npage, lsn);
            PageLayout.setLsn(mpage, lsn);
            PageLayout.setLsn(lpage, lsn);
        } finally {
            if (nb >= 0) {
                buffers.unlockAndRelease(nb);
            }
            buffers.unlockAndRelease(mb);
            buffers.unlockAndRelease(lbuf);
            buffers.unlockAndRelease(rbuf);
        }
    }

    BlockReference metaBlock(RelFileLocator rel) {
        return new BlockReference(rel, MAIN, META_BLOCK);
    }
}

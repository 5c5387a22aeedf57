package org.tuskdb.heap.internal;

import static org.tuskdb.heap.internal.HeapVisibility.HINTED;
import static org.tuskdb.heap.internal.HeapVisibility.VISIBLE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;

/**
 * The heap access method (PostgreSQL's heapam.c) in every worker process: insert, scan, fetch,
 * update, delete and row locks on MVCC tuple versions in shared buffers, each change WAL-logged
 * with the heap resource manager ({@link HeapResourceManager} replays them). The rules it keeps
 * are numbered in the bundle's README.
 */
@Component(service = HeapAccess.class)
public final class HeapAccessService implements HeapAccess {
    /** The largest item a heap page holds. */
    static final int MAX_ITEM_SIZE = PageLayout.maxItemSize();
    /** The largest tuple contents (item minus header). */
    static final int MAX_DATA_SIZE = MAX_ITEM_SIZE - TupleHeader.SIZE;
    /** Tuples of no data on an empty page: a bound for one MULTI_INSERT record. */
    static final int MAX_TUPLES_PER_PAGE = (PageLayout.PAGE_SIZE - PageLayout.HEADER_SIZE)
            / (PageLayout.ITEM_ID_SIZE + TupleHeader.SIZE);

    private static final ForkNumber MAIN = ForkNumber.MAIN;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ModifyResult INVISIBLE = new ModifyResult(ModifyResult.Status.INVISIBLE, null, 0);
    private static final ModifyResult WOULD_BLOCK = new ModifyResult(ModifyResult.Status.WOULD_BLOCK, null, 0);

    private enum Op { UPDATE, DELETE, LOCK }

    private final BufferPool buffers;
    private final WriteAheadLog wal;
    private final TransactionManager transactions;
    private final HeapVisibility visibility;
    /** Per relation, the block this process last inserted into (PostgreSQL's rd_targblock). */
    private final ConcurrentHashMap<RelFileLocator, Long> targetBlocks = new ConcurrentHashMap<>();

    @Activate
    public HeapAccessService(@Reference(name = "process", target = "(!(tusk.role=postmaster))") ProcessContext process,
                             @Reference(name = "buffers") BufferPool buffers,
                             @Reference(name = "wal") WriteAheadLog wal,
                             @Reference(name = "transactions") TransactionManager transactions) {
        this.buffers = buffers;
        this.wal = wal;
        this.transactions = transactions;
        this.visibility = new HeapVisibility(transactions, wal);
    }

    @Override
    public int maxTupleSize() {
        return MAX_DATA_SIZE;
    }

    @Override
    public long blockCount(RelFileLocator rel) {
        return buffers.blockCount(rel, MAIN);
    }

    // ------------------------------------------------------------------------------------------
    // insert

    @Override
    public Tid insert(RelFileLocator rel, byte[] data, Transaction tx) {
        checkSize(data.length);
        long xid = tx.xid(); // before any buffer lock: assigning an xid takes a heavyweight lock
        int cid = tx.commandId();
        // The WAL block data is offnum + the tuple image; the image is also what goes on the page.
        byte[] rec = new byte[2 + TupleHeader.SIZE + data.length];
        MemorySegment recSeg = MemorySegment.ofArray(rec);
        TupleHeader.initialize(recSeg, 2, xid, cid, 0);
        MemorySegment.copy(data, 0, recSeg, ValueLayout.JAVA_BYTE, 2 + TupleHeader.SIZE, data.length);
        MemorySegment image = recSeg.asSlice(2);

        int buf = bufferForTuple(rel, image.byteSize(), -1, true);
        try {
            MemorySegment page = buffers.page(buf);
            BlockReference ref = buffers.blockOf(buf);
            // Critical section: nothing below throws until the LSN is set.
            int off = HeapPrune.addTuple(page, image);
            if (off == 0) {
                throw new IllegalStateException("tuple does not fit on page chosen for it");
            }
            TupleHeader.setCtid(page, itemStart(page, off), ref.block(), off);
            TupleHeader.setCtid(recSeg, 2, ref.block(), off);
            recSeg.set(SHORT, 0, (short) off);
            buffers.markDirty(buf);
            boolean init = isOnlyTuple(page, off);
            long lsn = wal.record(ResourceManagerIds.HEAP, HeapWalRecords.INSERT | (init ? HeapWalRecords.INIT_PAGE : 0))
                    .xid(xid)
                    .registerBuffer(0, ref, page, WalRecordBuilder.STANDARD | (init ? WalRecordBuilder.WILL_INIT : 0))
                    .blockData(0, rec)
                    .insert();
            PageLayout.setLsn(page, lsn);
            return new Tid(ref.block(), off);
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    /**
     * heap_multi_insert: fills each page chosen by {@link #bufferForTuple} with as many of the
     * tuples as fit, under one content lock and one MULTI_INSERT record per page (whose tuples
     * carry no header: redo rebuilds it from the record's xid and command id).
     */
    @Override
    public Tid[] insertAll(RelFileLocator rel, byte[][] tuples, int count, Transaction tx) {
        for (int i = 0; i < count; i++) {
            checkSize(tuples[i].length);
        }
        Tid[] tids = new Tid[count];
        if (count == 0) {
            return tids;
        }
        long xid = tx.xid(); // before any buffer lock, as in insert
        int cid = tx.commandId();
        MemorySegment image = MemorySegment.ofArray(new byte[MAX_ITEM_SIZE]);
        int[] offsets = new int[Math.min(count, MAX_TUPLES_PER_PAGE)];
        int i = 0;
        while (i < count) {
            int buf = bufferForTuple(rel, TupleHeader.SIZE + tuples[i].length, -1, true);
            try {
                MemorySegment page = buffers.page(buf);
                BlockReference ref = buffers.blockOf(buf);
                int first = i;
                int n = 0;
                int dataBytes = 0;
                // Critical section from the first item added: nothing below throws until the LSN is set.
                while (i < count && n < offsets.length) {
                    int len = tuples[i].length;
                    TupleHeader.initialize(image, 0, xid, cid, 0);
                    MemorySegment.copy(tuples[i], 0, image, ValueLayout.JAVA_BYTE, TupleHeader.SIZE, len);
                    int off = HeapPrune.addTuple(page, image.asSlice(0, TupleHeader.SIZE + len));
                    if (off == 0) {
                        break;
                    }
                    TupleHeader.setCtid(page, itemStart(page, off), ref.block(), off);
                    offsets[n++] = off;
                    dataBytes += HeapWalRecords.MULTI_TUPLE_HEADER + len;
                    tids[i] = new Tid(ref.block(), off);
                    i++;
                }
                if (n == 0) {
                    throw new IllegalStateException("tuple does not fit on page chosen for it");
                }
                byte[] data = new byte[dataBytes];
                MemorySegment d = MemorySegment.ofArray(data);
                long at = 0;
                for (int k = 0; k < n; k++) {
                    byte[] t = tuples[first + k];
                    d.set(SHORT, at, (short) offsets[k]);
                    d.set(SHORT, at + 2, (short) t.length);
                    MemorySegment.copy(t, 0, d, ValueLayout.JAVA_BYTE, at + HeapWalRecords.MULTI_TUPLE_HEADER, t.length);
                    at += HeapWalRecords.MULTI_TUPLE_HEADER + t.length;
                }
                buffers.markDirty(buf);
                boolean init = PageLayout.itemCount(page) == n && contiguousFromOne(offsets, n);
                long lsn = wal.record(ResourceManagerIds.HEAP,
                                HeapWalRecords.MULTI_INSERT | (init ? HeapWalRecords.INIT_PAGE : 0))
                        .xid(xid)
                        .registerBuffer(0, ref, page, WalRecordBuilder.STANDARD | (init ? WalRecordBuilder.WILL_INIT : 0))
                        .blockData(0, data)
                        .data(HeapWalRecords.multiInsert(cid, n))
                        .insert();
                PageLayout.setLsn(page, lsn);
            } finally {
                buffers.unlockAndRelease(buf);
            }
        }
        return tids;
    }

    /** offsets[0..n) are 1, 2, ..., n (unused item ids may have been reused in another order). */
    private static boolean contiguousFromOne(int[] offsets, int n) {
        for (int k = 0; k < n; k++) {
            if (offsets[k] != k + 1) {
                return false;
            }
        }
        return true;
    }

    private static void checkSize(int dataLength) {
        if (dataLength > MAX_DATA_SIZE) {
            throw DatabaseException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size "
                    + (dataLength + TupleHeader.SIZE) + ", maximum size " + MAX_ITEM_SIZE);
        }
    }

    /** The page held nothing before this tuple went to offset 1: redo may rebuild it from nothing. */
    private static boolean isOnlyTuple(MemorySegment page, int off) {
        return off == 1 && PageLayout.itemCount(page) == 1;
    }

    /**
     * PostgreSQL's RelationGetBufferForTuple: a pinned buffer of {@code rel} with room for an item
     * of {@code length}, initialized, exclusively locked when {@code keepLocked}, never block
     * {@code exclude}. Tries this process's target block, then the last block, then extends.
     * Takes at most one content lock at a time (the caller holds none).
     */
    private int bufferForTuple(RelFileLocator rel, long length, long exclude, boolean keepLocked) {
        int need = PageLayout.align((int) length);
        Long cached = targetBlocks.get(rel);
        long nblocks = buffers.blockCount(rel, MAIN);
        long target = cached != null && cached < nblocks ? cached : nblocks - 1; // the relation may have been truncated
        for (int attempt = 0; attempt < 2 && target >= 0; attempt++) {
            if (target != exclude) {
                int buf = buffers.read(rel, MAIN, target);
                buffers.lockExclusive(buf);
                MemorySegment page = buffers.page(buf);
                if (PageLayout.isNew(page)) {
                    PageLayout.initialize(page, 0); // logged by the first insert (INIT_PAGE)
                }
                if (need <= PageLayout.freeSpace(page)) {
                    if (cached == null || cached != target) {
                        targetBlocks.put(rel, target);
                    }
                    if (!keepLocked) {
                        buffers.unlock(buf);
                    }
                    return buf;
                }
                buffers.unlockAndRelease(buf);
            }
            long last = buffers.blockCount(rel, MAIN) - 1;
            if (last == target) {
                break;
            }
            target = last;
        }
        int buf = buffers.extend(rel, MAIN);
        PageLayout.initialize(buffers.page(buf), 0);
        targetBlocks.put(rel, buffers.blockOf(buf).block());
        if (!keepLocked) {
            buffers.unlock(buf);
        }
        return buf;
    }

    // ------------------------------------------------------------------------------------------
    // reading

    @Override
    public HeapScan scan(RelFileLocator rel, Snapshot snapshot, Transaction tx) {
        return new HeapScanImpl(buffers, visibility, rel, snapshot, tx, buffers.blockCount(rel, MAIN));
    }

    /** The buffer of {@code block} pinned and share-locked, or -1 past the relation's end. */
    private int readShared(RelFileLocator rel, long block) {
        if (block >= buffers.blockCount(rel, MAIN)) {
            return -1;
        }
        int buf = buffers.read(rel, MAIN, block);
        buffers.lockShared(buf);
        return buf;
    }

    @Override
    public HeapTuple fetch(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
        int buf = readShared(rel, tid.block());
        if (buf < 0) {
            return null;
        }
        try {
            MemorySegment page = buffers.page(buf);
            long t = normalItemStart(page, tid.offset());
            if (t < 0) {
                return null;
            }
            int r = visibility.satisfiesMvcc(page, t, snapshot, tx);
            if ((r & HINTED) != 0) {
                buffers.markDirtyHint(buf);
            }
            return (r & VISIBLE) != 0 ? copy(page, tid.offset(), tid) : null;
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    @Override
    public boolean deadToAll(RelFileLocator rel, Tid tid, long oldestXmin) {
        int buf = readShared(rel, tid.block());
        if (buf < 0) {
            return false;
        }
        try {
            MemorySegment page = buffers.page(buf);
            int count = PageLayout.itemCount(page);
            if (PageLayout.isNew(page) || tid.offset() < 1 || tid.offset() > count) {
                return false;
            }
            if (PageLayout.itemFlags(PageLayout.itemId(page, tid.offset())) == PageLayout.LP_DEAD) {
                return true; // pruned (rule 14)
            }
            // Every member of the chain from its root (the root itself, or the target of its redirect)
            int m = HeapPrune.firstMember(page, tid.offset(), count);
            if (m == 0) {
                return false;
            }
            while (m != 0) {
                long t = itemStart(page, m);
                if (!visibility.deadToAll(page, t, oldestXmin)) {
                    return false;
                }
                m = HeapPrune.nextMember(page, t, m, count);
            }
            return true;
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    /**
     * heap_hot_search_buffer: from the item an index entry names, through a redirect and the HOT
     * chain, the first member the snapshot sees (rule 15).
     */
    @Override
    public HeapTuple fetchIndexed(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
        int buf = readShared(rel, tid.block());
        if (buf < 0) {
            return null;
        }
        try {
            MemorySegment page = buffers.page(buf);
            if (PageLayout.isNew(page)) {
                return null;
            }
            int count = PageLayout.itemCount(page);
            boolean hinted = false;
            HeapTuple found = null;
            for (int m = HeapPrune.firstMember(page, tid.offset(), count); m != 0; ) {
                long t = itemStart(page, m);
                int r = visibility.satisfiesMvcc(page, t, snapshot, tx);
                hinted |= (r & HINTED) != 0;
                if ((r & VISIBLE) != 0) {
                    found = copy(page, m, m == tid.offset() ? tid : new Tid(tid.block(), m));
                    break;
                }
                m = HeapPrune.nextMember(page, t, m, count);
            }
            if (hinted) {
                buffers.markDirtyHint(buf);
            }
            return found;
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    @Override
    public java.util.List<HeapTuple> hotChain(RelFileLocator rel, Tid tid) {
        int buf = readShared(rel, tid.block());
        if (buf < 0) {
            return java.util.List.of();
        }
        try {
            MemorySegment page = buffers.page(buf);
            if (PageLayout.isNew(page)) {
                return java.util.List.of();
            }
            int count = PageLayout.itemCount(page);
            int m = HeapPrune.firstMember(page, tid.offset(), count);
            if (m == tid.offset() && HeapPrune.nextMember(page, itemStart(page, m), m, count) == 0) {
                return java.util.List.of(copy(page, m, tid)); // no HOT: the usual case
            }
            java.util.ArrayList<HeapTuple> chain = new java.util.ArrayList<>(4);
            while (m != 0) {
                chain.add(copy(page, m, new Tid(tid.block(), m)));
                m = HeapPrune.nextMember(page, itemStart(page, m), m, count);
            }
            return chain;
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    @Override
    public HeapTuple fetchVersion(RelFileLocator rel, Tid tid) {
        int buf = readShared(rel, tid.block());
        if (buf < 0) {
            return null;
        }
        try {
            MemorySegment page = buffers.page(buf);
            return normalItemStart(page, tid.offset()) < 0 ? null : copy(page, tid.offset(), tid);
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    /**
     * Follows the update chain from {@code tid} (PostgreSQL's heap_get_latest_tid) and returns the
     * newest version visible to the snapshot. A link is followed while the version's xmax is an
     * updater (not a locker) that did not abort and its ctid points elsewhere; the chain ends
     * where the next version's xmin is not the previous xmax.
     */
    @Override
    public HeapTuple fetchLatest(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
        HeapTuple result = null;
        Tid cur = tid;
        long priorXmax = 0;
        while (cur != null && cur.block() < buffers.blockCount(rel, MAIN)) {
            Tid next = null;
            int buf = buffers.read(rel, MAIN, cur.block());
            buffers.lockShared(buf);
            try {
                MemorySegment page = buffers.page(buf);
                if (cur == tid && !PageLayout.isNew(page) && cur.offset() >= 1 && cur.offset() <= PageLayout.itemCount(page)
                        && PageLayout.itemFlags(PageLayout.itemId(page, cur.offset())) == PageLayout.LP_REDIRECT) {
                    // a HOT chain's root whose first versions were pruned: start at its target
                    cur = new Tid(cur.block(), PageLayout.itemOffset(PageLayout.itemId(page, cur.offset())));
                }
                long t = normalItemStart(page, cur.offset());
                if (t < 0 || (priorXmax != 0 && TupleHeader.xmin(page, t) != priorXmax)) {
                    break;
                }
                int r = visibility.satisfiesMvcc(page, t, snapshot, tx);
                if ((r & HINTED) != 0) {
                    buffers.markDirtyHint(buf);
                }
                if ((r & VISIBLE) != 0) {
                    result = copy(page, cur.offset(), cur);
                }
                int mask = TupleHeader.infomask(page, t);
                long xmax = TupleHeader.xmax(page, t);
                if ((mask & (TupleHeader.XMAX_INVALID | TupleHeader.XMAX_LOCK_ONLY)) != 0 || xmax == 0
                        || TupleHeader.ctidIsSelf(page, t, cur.block(), cur.offset())) {
                    break;
                }
                if ((mask & TupleHeader.XMAX_COMMITTED) == 0 && (tx == null || !tx.isCurrentTransaction(xmax))
                        && transactions.status(xmax) == XidStatus.ABORTED) {
                    break;
                }
                next = new Tid(TupleHeader.ctidBlock(page, t), TupleHeader.ctidOffset(page, t));
                priorXmax = xmax;
            } finally {
                buffers.unlockAndRelease(buf);
            }
            cur = next;
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------
    // update, delete, lock

    @Override
    public ModifyResult update(RelFileLocator rel, Tid tid, byte[] newData, Transaction tx, boolean wait) {
        return update(rel, tid, newData, tx, wait, false);
    }

    @Override
    public ModifyResult update(RelFileLocator rel, Tid tid, byte[] newData, Transaction tx, boolean wait,
                               boolean hotAllowed) {
        checkSize(newData.length);
        return modify(Op.UPDATE, rel, tid, newData, null, tx, wait, hotAllowed);
    }

    @Override
    public ModifyResult delete(RelFileLocator rel, Tid tid, Transaction tx, boolean wait) {
        return modify(Op.DELETE, rel, tid, null, null, tx, wait, false);
    }

    @Override
    public ModifyResult lockTuple(RelFileLocator rel, Tid tid, RowLockMode mode, Transaction tx, boolean wait) {
        return modify(Op.LOCK, rel, tid, null, mode, tx, wait, false);
    }

    /**
     * heap_update / heap_delete / heap_lock_tuple. Examines the target under the exclusive lock
     * of its page; waits for a concurrent writer only with no buffer locked (README rule 6);
     * an update whose new version does not fit on the old page gets another page first and
     * then locks both pages in block order (README rule 5), re-examining the target since it
     * was unlocked meanwhile.
     */
    private ModifyResult modify(Op op, RelFileLocator rel, Tid tid, byte[] newData, RowLockMode mode,
                                Transaction tx, boolean wait, boolean hotAllowed) {
        long xid = tx.xid(); // before any buffer lock: assigning an xid takes a heavyweight lock
        if (tid.block() >= buffers.blockCount(rel, MAIN)) {
            return INVISIBLE;
        }
        int buf = buffers.read(rel, MAIN, tid.block());
        int newBuf = -1;
        boolean locked = false;
        boolean pruned = false;
        try {
            while (true) {
                lockInBlockOrder(buf, newBuf);
                locked = true;
                MemorySegment page = buffers.page(buf);
                long t = normalItemStart(page, tid.offset());
                if (t < 0) {
                    return INVISIBLE;
                }
                int r = visibility.satisfiesUpdate(page, t, tid.block(), tid.offset(), tx);
                if ((r & HINTED) != 0) {
                    buffers.markDirtyHint(buf);
                }
                long xmax = TupleHeader.xmax(page, t);
                switch (r & 0xFF) {
                    case HeapVisibility.TM_INVISIBLE:
                        return INVISIBLE;
                    case HeapVisibility.TM_SELF_MODIFIED:
                        return new ModifyResult(ModifyResult.Status.SELF_MODIFIED, null, xmax);
                    case HeapVisibility.TM_DELETED:
                        return new ModifyResult(ModifyResult.Status.DELETED, null, xmax);
                    case HeapVisibility.TM_UPDATED:
                        return new ModifyResult(ModifyResult.Status.UPDATED,
                                new Tid(TupleHeader.ctidBlock(page, t), TupleHeader.ctidOffset(page, t)), xmax);
                    case HeapVisibility.TM_BEING_MODIFIED:
                        unlockBoth(buf, newBuf);
                        locked = false;
                        if (!wait) {
                            return WOULD_BLOCK;
                        }
                        transactions.waitForTransaction(xmax, tx.interrupts());
                        continue;
                    case HeapVisibility.TM_LOCKED_BY_ME:
                        if (op == Op.LOCK) {
                            return ModifyResult.OK; // already ours (no lock strength upgrade needed: all are exclusive)
                        }
                        break;
                    default:
                        break;
                }
                switch (op) {
                    case DELETE:
                        delete(buf, page, t, tid.offset(), xid, tx.commandId());
                        return ModifyResult.OK;
                    case LOCK:
                        lock(buf, page, t, tid.offset(), xid, mode);
                        return ModifyResult.OK;
                    default:
                        break;
                }
                int need = PageLayout.align(TupleHeader.SIZE + newData.length);
                if (need > PageLayout.freeSpace(page) && !pruned) {
                    pruned = true; // once per call: the horizon only moves on slowly
                    if (prune(buf, page, tid.offset(), 0, false) > 0) {
                        t = normalItemStart(page, tid.offset());
                    }
                }
                if (need <= PageLayout.freeSpace(page)) {
                    return update(buf, page, t, tid, buf, newData, xid, tx.commandId(), hotAllowed);
                }
                if (newBuf >= 0 && need <= PageLayout.freeSpace(buffers.page(newBuf))) {
                    return update(buf, page, t, tid, newBuf, newData, xid, tx.commandId(), false);
                }
                // Find another page with no lock held, then lock both in block order and re-check.
                unlockBoth(buf, newBuf);
                locked = false;
                if (newBuf >= 0) {
                    buffers.release(newBuf);
                    newBuf = -1;
                }
                newBuf = bufferForTuple(rel, TupleHeader.SIZE + newData.length, tid.block(), false);
            }
        } finally {
            if (locked) {
                unlockBoth(buf, newBuf);
            }
            if (newBuf >= 0) {
                buffers.release(newBuf);
            }
            buffers.release(buf);
        }
    }

    private void lockInBlockOrder(int buf, int other) {
        if (other < 0) {
            buffers.lockExclusive(buf);
        } else if (buffers.blockOf(buf).block() < buffers.blockOf(other).block()) {
            buffers.lockExclusive(buf);
            buffers.lockExclusive(other);
        } else {
            buffers.lockExclusive(other);
            buffers.lockExclusive(buf);
        }
    }

    private void unlockBoth(int buf, int other) {
        if (other >= 0) {
            buffers.unlock(other);
        }
        buffers.unlock(buf);
    }

    /**
     * Prunes the exclusively locked page (README rule 14) before an update looks elsewhere for
     * room: the dead prefixes of HOT chains go and every version dead to everyone but {@code
     * keep} (the version being updated) loses its storage. {@code horizon}: a horizon, or 0 to
     * take pruneHorizon when first needed. Returns how many item ids changed (item offsets of the
     * others have changed then). Unless {@code always} (VACUUM), a page without
     * {@link HeapPrune#PD_PRUNABLE} is left alone: a page filled by inserts only (a freshly
     * loaded table) would otherwise be scanned in vain at each update of one of its rows.
     */
    private int prune(int buf, MemorySegment page, int keep, long horizon, boolean always) {
        if (!always && !HeapPrune.prunable(page)) {
            return 0;
        }
        long[] h = {horizon};
        HeapPrune.Plan p = HeapPrune.plan(page, keep, (pg, t) -> {
            if (h[0] == 0) {
                h[0] = transactions.pruneHorizon(); // at worst ProcArrayLock: a leaf lock, fine under a content lock
            }
            return visibility.deadToAll(pg, t, h[0]);
        });
        if (p.changes() == 0) {
            if (!p.candidates) {
                HeapPrune.setPrunable(page, false); // a hint: losing it costs one more fruitless prune
                buffers.markDirtyHint(buf);
            }
            return 0;
        }
        byte[] data = HeapPrune.record(p);
        // Critical section.
        HeapPrune.apply(page, p);
        buffers.markDirty(buf);
        long lsn = wal.record(ResourceManagerIds.HEAP, HeapWalRecords.PRUNE)
                .registerBuffer(0, buffers.blockOf(buf), page, WalRecordBuilder.STANDARD)
                .data(data)
                .insert();
        PageLayout.setLsn(page, lsn);
        return p.changes();
    }

    @Override
    public long prune(RelFileLocator rel, long oldestXmin) {
        long deadItems = 0;
        long blocks = buffers.blockCount(rel, MAIN);
        for (long b = 0; b < blocks; b++) {
            int buf = buffers.read(rel, MAIN, b);
            buffers.lockExclusive(buf);
            try {
                MemorySegment page = buffers.page(buf);
                if (PageLayout.isNew(page)) {
                    continue;
                }
                prune(buf, page, 0, oldestXmin, true);
                for (int off = 1, count = PageLayout.itemCount(page); off <= count; off++) {
                    if (PageLayout.itemFlags(PageLayout.itemId(page, off)) == PageLayout.LP_DEAD) {
                        deadItems++;
                    }
                }
            } finally {
                buffers.unlockAndRelease(buf);
            }
        }
        return deadItems;
    }

    private void delete(int buf, MemorySegment page, long t, int off, long xid, int cid) {
        // Critical section.
        TupleHeader.setXmaxAndBits(page, t, xid, 0);
        TupleHeader.setCmax(page, t, cid);
        HeapPrune.setPrunable(page, true);
        buffers.markDirty(buf);
        long lsn = wal.record(ResourceManagerIds.HEAP, HeapWalRecords.DELETE)
                .xid(xid)
                .registerBuffer(0, buffers.blockOf(buf), page, WalRecordBuilder.STANDARD)
                .data(HeapWalRecords.delete(off, 0, cid, xid))
                .insert();
        PageLayout.setLsn(page, lsn);
    }

    private void lock(int buf, MemorySegment page, long t, int off, long xid, RowLockMode mode) {
        int bits = TupleHeader.XMAX_LOCK_ONLY
                | (mode == RowLockMode.UPDATE || mode == RowLockMode.NO_KEY_UPDATE
                ? TupleHeader.XMAX_EXCL_LOCK : TupleHeader.XMAX_SHARE_LOCK);
        // Critical section.
        TupleHeader.setXmaxAndBits(page, t, xid, bits);
        buffers.markDirty(buf);
        long lsn = wal.record(ResourceManagerIds.HEAP, HeapWalRecords.LOCK)
                .xid(xid)
                .registerBuffer(0, buffers.blockOf(buf), page, WalRecordBuilder.STANDARD)
                .data(HeapWalRecords.lock(off, bits, xid))
                .insert();
        PageLayout.setLsn(page, lsn);
    }

    /**
     * The update itself: both pages locked (or one, {@code newBuf == oldBuf}), room checked. With
     * {@code hot} on one page the new version is heap-only and the old one HOT_UPDATED (rule 15).
     */
    private ModifyResult update(int oldBuf, MemorySegment oldPage, long t, Tid oldTid, int newBuf,
                                byte[] newData, long xid, int cid, boolean hotAllowed) {
        boolean hot = hotAllowed && newBuf == oldBuf;
        byte[] image = new byte[TupleHeader.SIZE + newData.length];
        MemorySegment imageSeg = MemorySegment.ofArray(image);
        TupleHeader.initialize(imageSeg, 0, xid, cid, TupleHeader.UPDATED | (hot ? TupleHeader.HEAP_ONLY : 0));
        MemorySegment.copy(newData, 0, imageSeg, ValueLayout.JAVA_BYTE, TupleHeader.SIZE, newData.length);
        MemorySegment newPage = buffers.page(newBuf);
        BlockReference newRef = buffers.blockOf(newBuf);

        // Critical section: nothing below throws until both LSNs are set.
        int newOff = HeapPrune.addTuple(newPage, imageSeg);
        if (newOff == 0) {
            throw new IllegalStateException("new tuple version does not fit on page chosen for it");
        }
        TupleHeader.setCtid(newPage, itemStart(newPage, newOff), newRef.block(), newOff);
        TupleHeader.setCtid(imageSeg, 0, newRef.block(), newOff);
        int oldBits = hot ? TupleHeader.HOT_UPDATED : 0;
        TupleHeader.setXmaxAndBits(oldPage, t, xid, oldBits);
        TupleHeader.setCmax(oldPage, t, cid);
        TupleHeader.setCtid(oldPage, t, newRef.block(), newOff);
        HeapPrune.setPrunable(oldPage, true);
        buffers.markDirty(newBuf);
        if (newBuf != oldBuf) {
            buffers.markDirty(oldBuf);
        }
        boolean init = isOnlyTuple(newPage, newOff);
        WalRecordBuilder b = wal.record(ResourceManagerIds.HEAP, HeapWalRecords.UPDATE | (init ? HeapWalRecords.INIT_PAGE : 0))
                .xid(xid)
                .registerBuffer(0, newRef, newPage, WalRecordBuilder.STANDARD | (init ? WalRecordBuilder.WILL_INIT : 0))
                .blockData(0, image);
        if (newBuf != oldBuf) {
            b.registerBuffer(1, buffers.blockOf(oldBuf), oldPage, WalRecordBuilder.STANDARD);
        }
        long lsn = b.data(HeapWalRecords.update(oldTid.offset(), newOff, oldBits, cid, xid)).insert();
        PageLayout.setLsn(newPage, lsn);
        if (newBuf != oldBuf) {
            PageLayout.setLsn(oldPage, lsn);
        }
        return new ModifyResult(ModifyResult.Status.OK, new Tid(newRef.block(), newOff), 0, hot);
    }

    // ------------------------------------------------------------------------------------------
    // helpers shared with the scan and redo

    /** Byte offset of item {@code off} on the page (no checks). */
    static long itemStart(MemorySegment page, int off) {
        return PageLayout.itemOffset(PageLayout.itemId(page, off));
    }

    /** Byte offset of a normal (in use) item {@code off}, or -1 when there is none. */
    static long normalItemStart(MemorySegment page, int off) {
        if (PageLayout.isNew(page) || off < 1 || off > PageLayout.itemCount(page)) {
            return -1;
        }
        int id = PageLayout.itemId(page, off);
        if (PageLayout.itemFlags(id) != PageLayout.LP_NORMAL || PageLayout.itemLength(id) < TupleHeader.SIZE) {
            return -1;
        }
        return PageLayout.itemOffset(id);
    }

    /** The tuple at item {@code off} as a HeapTuple (contents copied out of the page). */
    static HeapTuple copy(MemorySegment page, int off, Tid tid) {
        int id = PageLayout.itemId(page, off);
        long t = PageLayout.itemOffset(id);
        int length = PageLayout.itemLength(id) - TupleHeader.SIZE;
        byte[] data = new byte[length];
        MemorySegment.copy(page, ValueLayout.JAVA_BYTE, t + TupleHeader.SIZE, data, 0, length);
        return new HeapTuple(tid, TupleHeader.xmin(page, t), TupleHeader.xmax(page, t), data);
    }
}

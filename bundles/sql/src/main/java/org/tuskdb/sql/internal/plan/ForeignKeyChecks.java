package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.ForeignKeyGraph;
import org.tuskdb.sql.internal.catalog.ForeignKey;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.DeferredChecks;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.IndexKeys;
import org.tuskdb.sql.internal.storage.IndexMaintenance;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * FOREIGN KEY enforcement for one statement (PostgreSQL's RI triggers, fired as AFTER ROW
 * triggers at the end of the statement). ModifyTable reports every row it inserts, updates or
 * deletes; the events are queued and run by {@link #run} once the statement has changed all its
 * rows, so a statement that deletes a parent and its children together, or moves a key from one
 * row to another, passes. Cascaded changes report their rows into the same queue, which runs
 * until empty.
 *
 * <ul>
 * <li>A referencing row (inserted, or updated with a changed key) whose key has no NULL: the
 *     referenced row is looked up in the parent's unique index ({@code findLive}, which waits for
 *     an in-progress inserter or deleter of that key) and locked FOR KEY SHARE (waiting for a
 *     concurrent updater; a concurrent delete makes the row vanish: 23503; a concurrent update is
 *     followed to the newest version, whose key is re-checked — under REPEATABLE READ 40001). The
 *     lock keeps the row from being deleted or its key changed until this transaction ends.</li>
 * <li>A referenced row deleted or its key changed: the referencing rows with the old key are
 *     found through an index of the child whose leading columns are the key, or a sequential
 *     scan, seeing every committed row and all of ours; each is locked (KEY SHARE for NO ACTION /
 *     RESTRICT, the delete / update itself for the actions), so a concurrent transaction's change
 *     of it is waited for. NO ACTION first checks whether another row now carries the old key
 *     (then nothing references the vanished one); RESTRICT does not.</li>
 * </ul>
 */
public final class ForeignKeyChecks {
    private final ForeignKeyGraph graph;
    private final EvalContext ctx;
    private final StorageContext sc;
    private final HeapAccess heap;
    private final Transaction tx;
    private final List<Event> queue = new ArrayList<>();

    private enum Kind { CHECK_PARENT, PARENT_DELETED, PARENT_UPDATED }

    /** One queued trigger event; rows are in their table's column order. */
    private record Event(Kind kind, ForeignKeyGraph.Bound fk, Value[] oldRow, Value[] newRow) {}

    public ForeignKeyChecks(ForeignKeyGraph graph, EvalContext ctx, StorageContext sc) {
        this.graph = graph;
        this.ctx = ctx;
        this.sc = sc;
        this.heap = sc.heap();
        this.tx = sc.transaction();
    }

    /** Sees every committed transaction's rows and all of ours (the RI queries' up-to-date view). */
    private static final Snapshot LATEST = new Snapshot() {
        @Override public long xmin() { return 0; }
        @Override public long xmax() { return Long.MAX_VALUE; }
        @Override public int commandId() { return Integer.MAX_VALUE; }
        @Override public boolean isInProgress(long xid) { return false; }
    };

    /** Whether a key column of type {@code fk} can reference one of type {@code pk} (equal index keys). */
    public static boolean comparable(PgType fk, PgType pk) {
        return fk == pk || integer(fk) && integer(pk) || text(fk) && text(pk);
    }

    private static boolean integer(PgType t) {
        return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8;
    }

    private static boolean text(PgType t) {
        return t == PgType.TEXT || t == PgType.VARCHAR;
    }

    // ---- events ---------------------------------------------------------------------------------

    public void inserted(TableDescriptor t, Value[] row) {
        for (ForeignKeyGraph.Bound b : graph.outgoing(t.oid())) {
            add(new Event(Kind.CHECK_PARENT, b, null, row));
        }
    }

    public void deleted(TableDescriptor t, Value[] old) {
        for (ForeignKeyGraph.Bound b : graph.incoming(t.oid())) {
            add(new Event(Kind.PARENT_DELETED, b, old, null));
        }
    }

    /**
     * Queues an event for the end of the statement, or, for a DEFERRABLE INITIALLY DEFERRED key,
     * for COMMIT: its check of the referencing side and its NO ACTION check (PostgreSQL defers
     * nothing else: RESTRICT and the referential actions run at the end of the statement).
     */
    private void add(Event e) {
        DeferredChecks deferred = ctx.deferredChecks();
        ForeignKey fk = e.fk().key();
        if (deferred != null && fk.deferrable() && deferred.deferred(fk.name(), fk.initiallyDeferred())
            && (e.kind() == Kind.CHECK_PARENT
                || (e.kind() == Kind.PARENT_DELETED ? fk.onDelete() : fk.onUpdate()) == ForeignKey.NO_ACTION)) {
            deferred.defer(fk.name(), c -> new ForeignKeyChecks(ForeignKeyGraph.NONE, c, c.storage()).runOne(e));
            return;
        }
        queue.add(e);
    }

    /** A deferred event at COMMIT: a later command again. */
    private void runOne(Event e) {
        tx.commandCounterIncrement();
        queue.add(e);
        run();
    }

    /** An update of a row of {@code t}; {@code cause} is the key whose action made it (its check is skipped), or null. */
    public void updated(TableDescriptor t, Value[] old, Value[] nw, ForeignKey cause) {
        for (ForeignKeyGraph.Bound b : graph.incoming(t.oid())) {
            if (!sameKey(old, nw, b.key().parentColumns())) {
                add(new Event(Kind.PARENT_UPDATED, b, old, nw));
            }
        }
        for (ForeignKeyGraph.Bound b : graph.outgoing(t.oid())) {
            if ((cause == null || b.key().oid() != cause.oid()) && !sameKey(old, nw, b.key().childColumns())) {
                add(new Event(Kind.CHECK_PARENT, b, null, nw));
            }
        }
    }

    private static boolean sameKey(Value[] a, Value[] b, int[] cols) {
        for (int c : cols) {
            if (a[c] == null ? b[c] != null : b[c] == null || a[c].compareTo(b[c]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs the queued events (and those they queue) in order; the end of the statement. */
    public void run() {
        if (queue.isEmpty()) {
            return;
        }
        // like PostgreSQL's trigger queries, the checks and actions are later commands of the transaction:
        // they see (and may lock and change again) the rows the statement wrote
        tx.commandCounterIncrement();
        for (int i = 0; i < queue.size(); i++) {
            Event e = queue.get(i);
            int before = queue.size();
            switch (e.kind()) {
                case CHECK_PARENT -> checkParent(e.fk(), e.newRow());
                case PARENT_DELETED -> parentGone(e.fk(), e.oldRow(), null);
                case PARENT_UPDATED -> parentGone(e.fk(), e.oldRow(), e.newRow());
            }
            if (changed) {
                changed = false;
                lockedParents.clear(); // a cascaded change may have removed a remembered parent
                lockedCount = 0;
                tx.commandCounterIncrement();
            } else if (queue.size() != before) {
                tx.commandCounterIncrement();
            }
            ctx.checkForInterrupts();
        }
        queue.clear();
    }

    /** Set by a cascaded action that changed a row (the next event must see it). */
    private boolean changed;

    // ---- the referencing side: does the parent exist? -----------------------------------------

    /** ALTER TABLE ADD FOREIGN KEY: an existing row of the referencing table must reference a row (23503). */
    public void validate(ForeignKeyGraph.Bound b, Value[] child) {
        checkParent(b, child);
    }

    private void checkParent(ForeignKeyGraph.Bound b, Value[] child) {
        ForeignKey fk = b.key();
        int[] cc = fk.childColumns();
        int nulls = 0;
        for (int c : cc) {
            if (child[c] == null) {
                nulls++;
            }
        }
        if (nulls > 0 && fk.matchFull() && nulls < cc.length) {
            throw DatabaseException.error("23503", "insert or update on table \"" + b.child().name()
                + "\" violates foreign key constraint \"" + fk.name() + "\"")
                .withDetail("MATCH FULL does not allow mixing of null and nonnull key values.")
                .withConstraint(b.child().schema(), b.child().name(), fk.name());
        }
        if (nulls > 0) {
            return; // MATCH SIMPLE: a NULL anywhere in the key means no check; MATCH FULL: all NULL
        }
        Value[] probe = new Value[b.parent().columns().size()];
        for (int k = 0; k < cc.length; k++) {
            probe[fk.parentColumns()[k]] = child[cc[k]];
        }
        if (!lockParent(b, probe)) {
            throw DatabaseException.error("23503", "insert or update on table \"" + b.child().name()
                + "\" violates foreign key constraint \"" + fk.name() + "\"")
                .withDetail(describe(b.child(), cc, child) + " is not present in table \"" + b.parent().name() + "\".")
                .withConstraint(b.child().schema(), b.child().name(), fk.name());
        }
    }

    /**
     * Parent keys this run found and locked (per key oid), so the next referencing row with the
     * same key costs a hash lookup: the lock keeps the row and its key until the transaction
     * ends, and no cascaded change happened since (every one empties the set). Bounded.
     */
    private final java.util.Map<Long, java.util.Set<java.nio.ByteBuffer>> lockedParents = new java.util.HashMap<>();
    private int lockedCount;
    private static final int MAX_LOCKED_REMEMBERED = 65536;

    /** Finds a live parent row with the key in {@code probe} and locks it FOR KEY SHARE; false if none. */
    private boolean lockParent(ForeignKeyGraph.Bound b, Value[] probe) {
        IndexDescriptor ix = b.parentIndex();
        byte[] key = IndexMaintenance.key(ix, probe);
        java.nio.ByteBuffer k = java.nio.ByteBuffer.wrap(key);
        java.util.Set<java.nio.ByteBuffer> seen = lockedParents.get(b.key().oid());
        if (seen != null && seen.contains(k)) {
            return true;
        }
        boolean found = findAndLockParent(b, probe, key);
        if (found && lockedCount < MAX_LOCKED_REMEMBERED) {
            lockedParents.computeIfAbsent(b.key().oid(), x -> new java.util.HashSet<>()).add(k);
            lockedCount++;
        }
        return found;
    }

    private boolean findAndLockParent(ForeignKeyGraph.Bound b, Value[] probe, byte[] key) {
        TableDescriptor p = b.parent();
        IndexDescriptor ix = b.parentIndex();
        IndexAccess access = IndexMaintenance.requireIndexes(sc.services());
        while (true) {
            Tid tid = access.findLive(ix.locator(), key, IndexMaintenance.checker(sc, p, ix, probe, ctx.style()));
            if (tid == null) {
                return false;
            }
            ModifyResult r = heap.lockTuple(p.locator(), tid, RowLockMode.KEY_SHARE, tx, true);
            switch (r.status()) {
                case OK, SELF_MODIFIED -> {
                    return true;
                }
                case UPDATED -> {
                    if (tx.isolation().usesTransactionSnapshot()) {
                        throw SeqScanPlan.serializationFailure(false);
                    }
                    if (r.tid() != null) {
                        HeapTuple latest = EvalPlanQual.lockNewest(heap, p.locator(), r.tid(), RowLockMode.KEY_SHARE, tx,
                            "lock");
                        if (latest != null && sameKey(p.codec().decode(latest.data()), probe, b.key().parentColumns())) {
                            return true;
                        }
                    }
                    // the key moved away: look again (another row may carry it now)
                }
                case DELETED -> {
                    if (tx.isolation().usesTransactionSnapshot()) {
                        throw SeqScanPlan.serializationFailure(true);
                    }
                }
                default -> {
                    return false;
                }
            }
        }
    }

    // ---- the referenced side: who still references the old key? -------------------------------

    private void parentGone(ForeignKeyGraph.Bound b, Value[] parentRow, Value[] newParent) {
        ForeignKey fk = b.key();
        int[] pc = fk.parentColumns();
        for (int c : pc) {
            if (parentRow[c] == null) {
                return;
            }
        }
        char action = newParent == null ? fk.onDelete() : fk.onUpdate();
        if (action == ForeignKey.NO_ACTION && parentStillThere(b, parentRow)) {
            return;
        }
        TableDescriptor child = b.child();
        int[] cc = fk.childColumns();
        // PostgreSQL's action is a DELETE / UPDATE of the child, which fires the child's triggers
        boolean acts = action != ForeignKey.NO_ACTION && action != ForeignKey.RESTRICT;
        int event = action == ForeignKey.CASCADE && newParent == null ? org.tuskdb.sql.internal.catalog.Trigger.DELETE
            : org.tuskdb.sql.internal.catalog.Trigger.UPDATE;
        TriggerFiring triggers = null;
        if (acts && !child.triggers().isEmpty()) {
            boolean[] set = new boolean[child.columns().size()];
            for (int c : cc) {
                set[c] = true;
            }
            triggers = TriggerFiring.of(child, ctx, set);
            triggers.beforeStatement(event);
        }
        for (Tid tid : referencing(b, parentRow)) {
            switch (action) {
                case ForeignKey.NO_ACTION, ForeignKey.RESTRICT -> {
                    if (lockReferencing(child, tid, RowLockMode.KEY_SHARE, cc, pc, parentRow) != null) {
                        throw stillReferenced(b, parentRow);
                    }
                }
                case ForeignKey.CASCADE -> {
                    if (newParent == null) {
                        cascadeDelete(child, tid, cc, pc, parentRow, triggers);
                    } else {
                        cascadeUpdate(b, tid, parentRow, newParent, action, triggers);
                    }
                }
                default -> cascadeUpdate(b, tid, parentRow, newParent, action, triggers);
            }
        }
        if (triggers != null) {
            triggers.afterStatement(event);
            triggers.runAfter();
        }
        if (action == ForeignKey.SET_DEFAULT && !parentStillThere(b, parentRow)) {
            // a row whose default is the vanished key was "updated" to the same key: still referencing it
            // (PostgreSQL runs the NO ACTION check after SET DEFAULT for this)
            for (Tid tid : referencing(b, parentRow)) {
                if (lockReferencing(child, tid, RowLockMode.KEY_SHARE, cc, pc, parentRow) != null) {
                    throw stillReferenced(b, parentRow);
                }
            }
        }
    }

    private DatabaseException stillReferenced(ForeignKeyGraph.Bound b, Value[] parentRow) {
        ForeignKey fk = b.key();
        TableDescriptor child = b.child();
        return DatabaseException.error("23503", "update or delete on table \"" + b.parent().name()
            + "\" violates foreign key constraint \"" + fk.name() + "\" on table \"" + child.name() + "\"")
            .withDetail(describe(b.parent(), fk.parentColumns(), parentRow) + " is still referenced from table \""
                + child.name() + "\".")
            .withConstraint(child.schema(), child.name(), fk.name());
    }

    /** NO ACTION's first step (ri_Check_Pk_Match): does a live row carry the old key now? */
    private boolean parentStillThere(ForeignKeyGraph.Bound b, Value[] parentRow) {
        IndexDescriptor ix = b.parentIndex();
        IndexAccess access = IndexMaintenance.requireIndexes(sc.services());
        return access.findLive(ix.locator(), IndexMaintenance.key(ix, parentRow),
            IndexMaintenance.checker(sc, b.parent(), ix, parentRow, ctx.style())) != null;
    }

    /** The tids of the child rows (every committed one, and ours) whose key equals the parent row's. */
    private List<Tid> referencing(ForeignKeyGraph.Bound b, Value[] parentRow) {
        TableDescriptor child = b.child();
        int[] cc = b.key().childColumns();
        int[] pc = b.key().parentColumns();
        List<Tid> out = new ArrayList<>();
        IndexDescriptor ix = b.childIndex();
        if (ix != null) {
            IndexKeys.Builder kb = new IndexKeys.Builder(16 * cc.length + 8);
            for (int i = 0; i < cc.length; i++) {
                int col = ix.columns()[i];
                Value v = null;
                for (int k = 0; k < cc.length; k++) {
                    if (cc[k] == col) {
                        v = parentRow[pc[k]];
                    }
                }
                kb.add(v, ix.flags()[i]);
            }
            byte[] prefix = kb.toByteArray();
            IndexAccess access = IndexMaintenance.requireIndexes(sc.services());
            try (IndexScan scan = access.scan(ix.locator(), ScanBound.prefixInclusive(prefix),
                ScanBound.prefixInclusive(prefix), ScanDirection.FORWARD)) {
                while (scan.next()) {
                    HeapTuple t = heap.fetchIndexed(child.locator(), scan.tid(), LATEST, tx);
                    if (t != null && matches(child.codec().decode(t.data()), cc, pc, parentRow)) {
                        out.add(t.tid()); // the version itself, not its HOT chain's root
                    }
                }
            }
            return out;
        }
        try (HeapScan scan = heap.scan(child.locator(), LATEST, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                if (matches(child.codec().decode(t.data()), cc, pc, parentRow)) {
                    out.add(t.tid());
                }
                ctx.checkForInterrupts();
            }
        }
        return out;
    }

    private static boolean matches(Value[] childRow, int[] cc, int[] pc, Value[] parentRow) {
        for (int k = 0; k < cc.length; k++) {
            Value v = childRow[cc[k]];
            if (v == null || v.compareTo(parentRow[pc[k]]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Locks the child row at {@code tid} in {@code mode}, following it to its newest version when a
     * concurrent transaction updated it; returns that version if it still references the key,
     * else null (deleted meanwhile, or the key changed).
     */
    private HeapTuple lockReferencing(TableDescriptor child, Tid tid, RowLockMode mode, int[] cc, int[] pc,
                                      Value[] parentRow) {
        ModifyResult r = heap.lockTuple(child.locator(), tid, mode, tx, true);
        HeapTuple t;
        switch (r.status()) {
            case OK -> t = heap.fetchVersion(child.locator(), tid);
            case UPDATED -> {
                if (tx.isolation().usesTransactionSnapshot()) {
                    throw SeqScanPlan.serializationFailure(false);
                }
                t = r.tid() == null ? null : EvalPlanQual.lockNewest(heap, child.locator(), r.tid(), mode, tx, "lock");
            }
            case DELETED -> {
                if (tx.isolation().usesTransactionSnapshot()) {
                    throw SeqScanPlan.serializationFailure(true);
                }
                t = null;
            }
            default -> t = null;
        }
        return t != null && matches(child.codec().decode(t.data()), cc, pc, parentRow) ? t : null;
    }

    private void cascadeDelete(TableDescriptor child, Tid tid, int[] cc, int[] pc, Value[] parentRow,
                               TriggerFiring triggers) {
        HeapTuple t = lockReferencing(child, tid, RowLockMode.UPDATE, cc, pc, parentRow);
        if (t == null) {
            return;
        }
        Value[] old = child.codec().decode(t.data());
        if (triggers != null && !triggers.beforeDelete(old)) {
            return;
        }
        ModifyResult r = heap.delete(child.locator(), t.tid(), tx, true);
        if (r.status() == ModifyResult.Status.OK) {
            changed = true;
            deleted(child, old);
            if (triggers != null) {
                triggers.afterDelete(old);
            }
        }
    }

    /** ON UPDATE CASCADE (the new key), SET NULL, SET DEFAULT: the child row's key columns get new values. */
    private void cascadeUpdate(ForeignKeyGraph.Bound b, Tid tid, Value[] parentRow, Value[] newParent, char action,
                               TriggerFiring triggers) {
        TableDescriptor child = b.child();
        int[] cc = b.key().childColumns();
        int[] pc = b.key().parentColumns();
        HeapTuple t = lockReferencing(child, tid, RowLockMode.NO_KEY_UPDATE, cc, pc, parentRow);
        if (t == null) {
            return;
        }
        Value[] old = child.codec().decode(t.data());
        Value[] nw = old.clone();
        for (int k = 0; k < cc.length; k++) {
            int c = cc[k];
            nw[c] = switch (action) {
                case ForeignKey.CASCADE -> convert(newParent[pc[k]], child.columns().get(c).type());
                case ForeignKey.SET_NULL -> null;
                default -> child.defaults()[c] == null ? null : child.defaults()[c].eval(old, ctx);
            };
        }
        if (triggers != null) {
            nw = triggers.beforeUpdate(old, nw);
            if (nw == null) {
                return;
            }
        }
        ModifyTablePlan.checkConstraints(child, nw, ctx);
        ModifyResult r = heap.update(child.locator(), t.tid(), child.codec().encode(nw), tx, true,
            IndexMaintenance.hotAllowed(child, old, nw, ctx));
        if (r.status() == ModifyResult.Status.OK) {
            changed = true;
            if (!r.hot()) {
                IndexMaintenance.insert(sc, child, nw, r.tid(), ctx);
            }
            // SET DEFAULT's new key must exist in the parent: only CASCADE's is known to
            updated(child, old, nw, action == ForeignKey.SET_DEFAULT ? null : b.key());
            if (triggers != null) {
                triggers.afterUpdate(old, nw);
            }
        }
    }

    /** A key value in the referencing column's type (the types are comparable, see {@link #comparable}). */
    private static Value convert(Value v, PgType type) {
        if (v == null || v.type() == type) {
            return v;
        }
        if (v instanceof IntegerValue i && integer(type)) {
            return IntegerValue.of(type, i.value());
        }
        if (v instanceof TextValue s && text(type)) {
            return new TextValue(type, s.value());
        }
        return v;
    }

    /** "Key (a, b)=(1, 2)" of the given columns (PostgreSQL's ri_ReportViolation). */
    private String describe(TableDescriptor t, int[] cols, Value[] row) {
        StringJoiner names = new StringJoiner(", ", "Key (", ")");
        StringJoiner values = new StringJoiner(", ", "=(", ")");
        for (int c : cols) {
            names.add(t.columns().get(c).name());
            values.add(row[c] == null ? "null" : row[c].toText(ctx.style()));
        }
        return names + values.toString();
    }
}

package org.tuskdb.sql.internal.sequence;

import java.util.HashMap;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.catalog.QualifiedNames;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.SequenceDescriptor;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * One session's sequence functions (PostgreSQL's nextval_internal, currval, setval, lastval) and
 * its "last value per sequence" memory (SeqTable). Values come from the sequence's relation
 * through {@link SequenceStorage}; WAL rule: a WAL record is written on the first nextval after
 * creation or setval, whenever the pre-logged values are used up, and on the first nextval after
 * a checkpoint began; it carries the state {@link #SEQ_LOG_VALS} values ahead, so up to that many
 * nextvals write no WAL, and after a crash the sequence continues past every value handed out.
 */
public final class SequenceManager {
    /** Values logged ahead in each WAL record (PostgreSQL's SEQ_LOG_VALS). */
    public static final int SEQ_LOG_VALS = 32;

    private final RelationCache relcache;
    private final StorageContext storage;
    private final Map<Long, Long> lastValues = new HashMap<>();
    private long lastUsed = -1;

    public SequenceManager(RelationCache relcache, StorageContext storage) {
        this.relcache = relcache;
        this.storage = storage;
    }

    /** The sequence a nextval('...') argument names (PostgreSQL's regclass input). */
    public SequenceDescriptor lookup(String text) {
        String[] parts = QualifiedNames.split(text);
        Relation r = relcache.lookup(parts.length > 1 ? parts[0] : null, parts[parts.length - 1], LockMode.ROW_EXCLUSIVE,
            0, false, storage);
        if (!(r instanceof SequenceDescriptor s)) {
            throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a sequence");
        }
        return s;
    }

    public long nextval(String name) {
        return nextval(lookup(name));
    }

    /**
     * sequence.c's checks: nextval needs USAGE or UPDATE, currval / lastval SELECT or USAGE, setval
     * UPDATE; 42501 "permission denied for sequence s" (superusers pass).
     */
    private void require(SequenceDescriptor seq, int anyOf) {
        if (relcache == null || !org.tuskdb.sql.internal.catalog.CatalogNames.tables(storage)) {
            return;
        }
        org.tuskdb.sql.internal.catalog.Roles roles = relcache.roles(storage, storage.sessionUser());
        long me = org.tuskdb.sql.internal.catalog.Privileges.currentUser(storage, roles);
        if (!roles.isSuperuser(me)
                && !org.tuskdb.sql.internal.catalog.Privileges.holdsAny(storage, roles, me, seq.oid(), anyOf)) {
            throw org.tuskdb.sql.internal.catalog.Privileges.denied(relcache.objectAcl(storage, seq.oid(), false));
        }
    }

    public long nextval(SequenceDescriptor seq) {
        require(seq, org.tuskdb.sql.internal.catalog.AclItems.USAGE | org.tuskdb.sql.internal.catalog.AclItems.UPDATE);
        if (storage.transaction().readOnly()) {
            throw DatabaseException.error("25006", "cannot execute nextval() in a read-only transaction");
        }
        long[] result = new long[1];
        SequenceDescriptor.storage(storage.services()).modify(seq.locator(), (cur, checkpointSince) -> {
            long incby = seq.increment();
            long maxv = seq.max();
            long minv = seq.min();
            long cache = 1;
            long next = cur.lastValue();
            long last = next;
            long res = next;
            long log = cur.logCount();
            long fetch = cache;
            long rescnt = 0;
            boolean logit = false;
            if (!cur.isCalled()) {
                rescnt++;
                fetch--;
            }
            if (log < fetch || !cur.isCalled() || checkpointSince) {
                fetch = log = fetch + SEQ_LOG_VALS;
                logit = true;
            }
            while (fetch > 0) {
                if (incby > 0) {
                    if ((maxv >= 0 && next > maxv - incby) || (maxv < 0 && next + incby > maxv)) {
                        if (rescnt > 0) {
                            break;
                        }
                        if (!seq.cycle()) {
                            throw DatabaseException.error("2200H", "nextval: reached maximum value of sequence \""
                                + seq.name() + "\" (" + maxv + ")");
                        }
                        next = minv;
                    } else {
                        next += incby;
                    }
                } else {
                    if ((minv < 0 && next < minv - incby) || (minv >= 0 && next + incby < minv)) {
                        if (rescnt > 0) {
                            break;
                        }
                        if (!seq.cycle()) {
                            throw DatabaseException.error("2200H", "nextval: reached minimum value of sequence \""
                                + seq.name() + "\" (" + minv + ")");
                        }
                        next = maxv;
                    } else {
                        next += incby;
                    }
                }
                fetch--;
                if (rescnt < cache) {
                    log--;
                    rescnt++;
                    last = next;
                    if (rescnt == 1) {
                        res = next;
                    }
                }
            }
            log -= fetch;
            result[0] = res;
            return new SequenceStorage.Change(new SequenceState(last, log, true),
                logit ? new SequenceState(next, 0, true) : null);
        });
        lastValues.put(seq.oid(), result[0]);
        lastUsed = seq.oid();
        return result[0];
    }

    public long currval(String name) {
        SequenceDescriptor seq = lookup(name);
        require(seq, org.tuskdb.sql.internal.catalog.AclItems.SELECT | org.tuskdb.sql.internal.catalog.AclItems.USAGE);
        Long v = lastValues.get(seq.oid());
        if (v == null) {
            throw DatabaseException.error("55000", "currval of sequence \"" + seq.name()
                + "\" is not yet defined in this session");
        }
        return v;
    }

    public long lastval() {
        Long v = lastUsed < 0 ? null : lastValues.get(lastUsed);
        if (v == null) {
            throw DatabaseException.error("55000", "lastval is not yet defined in this session");
        }
        return v;
    }

    /** setval: the next nextval returns value + increment (isCalled) or value itself. */
    public long setval(String name, long value, boolean isCalled) {
        SequenceDescriptor seq = lookup(name);
        require(seq, org.tuskdb.sql.internal.catalog.AclItems.UPDATE);
        if (storage.transaction().readOnly()) {
            throw DatabaseException.error("25006", "cannot execute setval() in a read-only transaction");
        }
        if (value < seq.min() || value > seq.max()) {
            throw DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                + " is out of bounds for sequence \"" + seq.name() + "\" (" + seq.min() + ".." + seq.max() + ")");
        }
        SequenceState s = new SequenceState(value, 0, isCalled);
        SequenceDescriptor.storage(storage.services()).modify(seq.locator(), (cur, ck) ->
            new SequenceStorage.Change(s, s));
        if (isCalled) {
            lastValues.put(seq.oid(), value);
            lastUsed = seq.oid();
        }
        return value;
    }

    /**
     * pg_get_serial_sequence: "schema.name" of the sequence the column owns (serial or identity),
     * or null; 42P01 / 42703 for a missing table or column.
     */
    public String serialSequence(String table, String column) {
        String[] parts = QualifiedNames.split(table);
        Relation r = relcache.lookup(parts.length > 1 ? parts[0] : null, parts[parts.length - 1], LockMode.ACCESS_SHARE,
            0, false, storage);
        String col = column;
        if (!(r instanceof org.tuskdb.sql.internal.catalog.TableDescriptor t)) {
            return null;
        }
        int i = t.columnIndex(col);
        if (i < 0) {
            throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \"" + t.name()
                + "\" does not exist");
        }
        org.tuskdb.sql.internal.catalog.CatalogStore store = new org.tuskdb.sql.internal.catalog.CatalogStore(
            storage.heap(), storage.transaction());
        org.tuskdb.api.xact.Snapshot snapshot = storage.freshSnapshot();
        int attnum = -1;
        for (org.tuskdb.sql.internal.catalog.CatalogStore.Entry a : store.attributes(t.oid(), snapshot)) {
            if (a.row()[1] instanceof org.tuskdb.sql.internal.value.TextValue n && n.value().equals(col)) {
                attnum = (int) ((org.tuskdb.sql.internal.value.IntegerValue) a.row()[4]).value();
            }
        }
        for (org.tuskdb.sql.internal.catalog.CatalogStore.Entry d : store.rowsWhere(
            org.tuskdb.sql.internal.catalog.CatalogTables.PG_DEPEND,
            org.tuskdb.sql.internal.catalog.CatalogTables.DEP_REFOBJID, t.oid(), snapshot)) {
            Value[] row = d.row();
            String type = ((org.tuskdb.sql.internal.value.TextValue) row[6]).value();
            if ((type.equals("a") || type.equals("i"))
                && ((org.tuskdb.sql.internal.value.IntegerValue) row[5]).value() == attnum) {
                var seq = store.findClassByOid(((org.tuskdb.sql.internal.value.OidValue) row[1]).value(), snapshot);
                if (seq != null) {
                    String nsp = relcache.namespaceName(((org.tuskdb.sql.internal.value.OidValue) seq.row()[2]).value(),
                        storage);
                    return RelationCache.quoteIdent(nsp) + "." + RelationCache.quoteIdent(
                        ((org.tuskdb.sql.internal.value.TextValue) seq.row()[1]).value());
                }
            }
        }
        return null;
    }

    /** DISCARD SEQUENCES / DISCARD ALL. */
    public void discard() {
        lastValues.clear();
        lastUsed = -1;
    }
}

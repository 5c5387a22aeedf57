package org.tuskdb.sql.internal.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.value.OidValue;

/**
 * ON COMMIT DELETE ROWS / DROP of this session's temporary tables (PostgreSQL's on_commits list,
 * backend-local as there: no catalog holds it). Each commit, after the deferred constraint checks
 * and inside the committing transaction, a DELETE ROWS table loses its rows and a DROP table is
 * dropped (with what depends on it, quietly). An entry whose table is gone — its creating
 * (sub)transaction rolled back, DROP TABLE, DISCARD TEMP — is forgotten when a commit finds no
 * pg_class row for it, so nothing needs to follow rollbacks. A session without such tables pays one
 * {@link #isEmpty} per commit.
 */
final class OnCommitActions {
    private final Map<Long, Statement.OnCommit> tables = new LinkedHashMap<>();

    void register(long tableOid, Statement.OnCommit action) {
        tables.put(tableOid, action);
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /**
     * PreCommit_on_commit_actions. The rows are deleted rather than the file replaced (heap_truncate),
     * so a commit changes no catalog row and prepared plans stay valid; vacuum takes the dead rows.
     */
    void preCommit(StorageTransaction st, DdlExecutor ddl) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (Iterator<Map.Entry<Long, Statement.OnCommit>> it = tables.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Statement.OnCommit> e = it.next();
            Snapshot snapshot = st.freshSnapshot();
            CatalogStore.Entry cls = store.findClassByOid(e.getKey(), snapshot);
            if (cls == null) {
                it.remove();
                continue;
            }
            if (e.getValue() == Statement.OnCommit.DROP) {
                st.temporaryDdl(() -> {
                    ddl.dropRelation(st, e.getKey(), true, null);
                    return null;
                });
                it.remove();
                continue;
            }
            RelFileLocator file = new RelFileLocator(CatalogTables.DB_OID,
                ((OidValue) cls.row()[CatalogTables.CLASS_RELFILENODE]).value());
            try (HeapScan scan = st.services().heap().scan(file, snapshot, st.transaction())) {
                HeapTuple t;
                while ((t = scan.next()) != null) {
                    st.services().heap().delete(file, t.tid(), st.transaction(), true);
                }
            }
        }
    }
}

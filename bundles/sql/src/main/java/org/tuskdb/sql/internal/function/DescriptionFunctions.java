package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.NAME;
import static org.tuskdb.sql.internal.value.PgType.OID;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.util.List;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/** obj_description and col_description: COMMENT ON's text from pg_description. */
final class DescriptionFunctions {
    private DescriptionFunctions() {}

    static void register(FunctionRegistry r) {
        r.fn("obj_description", TEXT, List.of(OID, NAME), 's', (a, c) -> {
            if (((TextValue) a[1]).textValue().equals("pg_operator")) {
                // built-in operators' comments are constants (COMMENT ON OPERATOR does not exist here)
                String d = r.operatorCatalog().description(((OidValue) a[0]).value());
                return d == null ? null : TextValue.text(d);
            }
            // The built-in text search objects' comments are initdb's, not stored rows.
            String builtin = org.tuskdb.sql.internal.catalog.TextSearchViews.description(((TextValue) a[1]).textValue(),
                ((OidValue) a[0]).value());
            if (builtin != null) {
                return TextValue.text(builtin);
            }
            long catalog = catalogOid(((TextValue) a[1]).textValue());
            return catalog < 0 ? null : describe(c, ((OidValue) a[0]).value(), catalog, 0);
        });
        r.fn("obj_description", TEXT, List.of(OID), 's', (a, c) -> describe(c, ((OidValue) a[0]).value(), -1, 0));
        r.fn("col_description", TEXT, List.of(OID, INT4), 's', (a, c) -> describe(c, ((OidValue) a[0]).value(),
            CatalogTables.PG_CLASS_OID, (int) ((IntegerValue) a[1]).value()));
    }

    /** The oid of the pg_catalog table obj_description names (pg_class, pg_proc, pg_type, ...); -1 for none. */
    private static long catalogOid(String name) {
        for (org.tuskdb.sql.internal.catalog.TableDescriptor t : CatalogTables.ALL) {
            if (t.name().equals(name)) {
                return t.oid();
            }
        }
        return -1;
    }

    private static Value describe(EvalContext c, long objoid, long classoid, int subid) {
        StorageContext sc = c.storage();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_DESCRIPTION, CatalogTables.DESC_OBJOID, objoid,
            sc.freshSnapshot())) {
            Value[] row = e.row();
            if ((classoid < 0 || ((OidValue) row[1]).value() == classoid)
                && ((IntegerValue) row[2]).value() == subid) {
                return row[3];
            }
        }
        return null;
    }
}

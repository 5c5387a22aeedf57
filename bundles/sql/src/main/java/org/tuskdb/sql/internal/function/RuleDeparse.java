package org.tuskdb.sql.internal.function;

import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.CheckConstraint;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.plan.explain.ExpressionText;
import org.tuskdb.sql.internal.storage.IndexMaintenance;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;

/**
 * The pg_get_* deparsers over analyzed expressions, as ruleutils prints them: CHECK
 * constraints, column DEFAULTs and (pretty) index keys and predicates are taken from the
 * relation cache's descriptor of their table (analyzed from the stored source text when the
 * table was loaded) and printed by {@link ExpressionText} with or without PRETTY_PAREN. So a
 * CHECK written {@code n > 0 and code <> ''} shows as PostgreSQL's
 * {@code ((n > (0)::numeric) AND ((code)::text <> ''::text))}, pretty
 * {@code n > 0::numeric AND code::text <> ''::text}.
 */
final class RuleDeparse {
    private RuleDeparse() {}

    /** The table of oid {@code relid} from the session's relation cache (not locked), or null. */
    static TableDescriptor table(StorageContext sc, long relid) {
        RelationCache rc = sc == null ? null : sc.relationCache();
        if (rc == null || sc.services() == null || !sc.services().tablesAvailable()) {
            return null;
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore.Entry cls = new CatalogStore(sc.heap(), sc.transaction()).findClassByOid(relid, snap);
        String kind = cls == null ? null : ((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value();
        if (!"r".equals(kind) && !"p".equals(kind)) {
            return null;
        }
        try {
            String schema = rc.namespaceName(((OidValue) cls.row()[CatalogTables.CLASS_RELNAMESPACE]).value(), sc);
            Relation r = rc.lookup(schema, ((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value(), null, 0, true, sc);
            return r instanceof TableDescriptor t && t.oid() == relid ? t : null;
        } catch (org.tuskdb.api.DatabaseException e) {
            return null;
        }
    }

    /** The CHECK constraint {@code name} of {@code t} deparsed, or null. */
    static String check(TableDescriptor t, String name, boolean pretty) {
        for (CheckConstraint c : t.checks()) {
            if (c.name().equals(name) && c.expr() != null) {
                return ExpressionText.deparse(c.expr(), IndexMaintenance.columnNames(t), pretty);
            }
        }
        return null;
    }

    /** A stored DEFAULT or CHECK text of {@code t} (pg_attrdef.adbin, pg_constraint.conbin) deparsed, or null. */
    static String storedExpression(TableDescriptor t, String text, boolean pretty) {
        String[] names = IndexMaintenance.columnNames(t);
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.isGenerated(i) && text.equals(t.defaultTexts()[i])) {
                return ExpressionText.deparse(t.generated()[i].expr(), names, pretty);
            }
            if (t.defaultTexts()[i] != null && t.defaultTexts()[i].equals(text) && t.defaults()[i] != null
                && !text.contains("nextval(")) { // serial defaults keep their stored nextval('s'::regclass)
                return ExpressionText.deparse(t.defaults()[i], names, pretty);
            }
        }
        for (CheckConstraint c : t.checks()) {
            if (c.text().equals(text) && c.expr() != null) {
                return ExpressionText.deparse(c.expr(), names, pretty);
            }
        }
        return null;
    }

    private static IndexDescriptor index(TableDescriptor t, long indexOid) {
        for (IndexDescriptor ix : t.indexes()) {
            if (ix.oid() == indexOid) {
                return ix;
            }
        }
        return null;
    }

    /** Replaces the expression keys in {@code shown} by their pretty form (a function call bare, else in parentheses). */
    static void prettyIndex(TableDescriptor t, long indexOid, String[] shown) {
        IndexDescriptor ix = index(t, indexOid);
        if (ix == null || ix.expressions() == null) {
            return;
        }
        String[] names = IndexMaintenance.columnNames(t);
        for (int i = 0; i < shown.length && i < ix.expressions().length; i++) {
            Expression e = ix.expressions()[i];
            if (e != null) {
                String text = ExpressionText.deparse(e, names, true);
                shown[i] = IndexMaintenance.looksLikeFunction(e) ? text : "(" + text + ")";
            }
        }
    }

    /** The pretty WHERE of a partial index, or null. */
    static String prettyPredicate(TableDescriptor t, long indexOid) {
        IndexDescriptor ix = index(t, indexOid);
        return ix == null || ix.predicate() == null ? null
            : ExpressionText.deparse(ix.predicate(), IndexMaintenance.columnNames(t), true);
    }
}

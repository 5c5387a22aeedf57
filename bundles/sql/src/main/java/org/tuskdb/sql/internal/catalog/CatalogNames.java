package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Names of catalog objects as regclass / regnamespace input and output and the visibility
 * functions see them (PostgreSQL's regclassin/regclassout, RelationIsVisible): a relation prints
 * unqualified when the search path finds it by its name, else schema-qualified.
 */
public final class CatalogNames {
    private CatalogNames() {}

    /** regclassout: the relation's (maybe qualified) name, or its number when there is none. */
    public static String relationLabel(StorageContext sc, long oid) {
        String view = PgCatalogViews.nameOf(oid);
        if (view != null) {
            return view;
        }
        if (!tables(sc)) {
            return Long.toString(oid);
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        CatalogStore.Entry e = store.findClassByOid(oid, snap);
        if (e == null) {
            return Long.toString(oid);
        }
        String name = ((TextValue) e.row()[CatalogTables.CLASS_RELNAME]).value();
        long nsp = ((OidValue) e.row()[CatalogTables.CLASS_RELNAMESPACE]).value();
        if (visible(sc, store, snap, oid, nsp, name)) {
            return RelationCache.quoteIdent(name);
        }
        return RelationCache.quoteIdent(namespaceName(sc, nsp)) + "." + RelationCache.quoteIdent(name);
    }

    /** pg_table_is_visible; null for an oid naming no relation. */
    public static Boolean relationVisible(StorageContext sc, long oid) {
        if (PgCatalogViews.nameOf(oid) != null) {
            return true;
        }
        if (!tables(sc)) {
            return null;
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        CatalogStore.Entry e = store.findClassByOid(oid, snap);
        if (e == null) {
            return null;
        }
        return visible(sc, store, snap, oid, ((OidValue) e.row()[CatalogTables.CLASS_RELNAMESPACE]).value(),
            ((TextValue) e.row()[CatalogTables.CLASS_RELNAME]).value());
    }

    private static boolean visible(StorageContext sc, CatalogStore store, Snapshot snap, long oid, long nsp, String name) {
        for (long p : path(sc)) {
            CatalogStore.Entry found = store.findClass(p, name, snap);
            if (found != null) {
                return ((OidValue) found.row()[CatalogTables.CLASS_OID]).value() == oid;
            }
            if (p == nsp) {
                return false;
            }
        }
        return false;
    }

    /** Whether the session's search path holds the namespace (a function there prints unqualified). */
    public static boolean inSearchPath(StorageContext sc, long nsp) {
        return path(sc).contains(nsp);
    }

    private static List<Long> path(StorageContext sc) {
        RelationCache rc = sc.relationCache();
        if (rc == null) {
            return List.of(CatalogTables.PG_CATALOG_NAMESPACE, CatalogTables.PUBLIC_NAMESPACE);
        }
        return rc.searchPath(sc, sc.sessionUser());
    }

    /** regclassin: a number, or a (maybe qualified, maybe quoted) relation name; 42P01 when missing. */
    public static long relationOid(StorageContext sc, String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);
        }
        List<String> parts = splitName(t);
        if (parts.isEmpty() || parts.size() > 3) {
            throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid name syntax");
        }
        String name = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        if (schema == null || schema.equals("pg_catalog")) {
            long v = PgCatalogViews.oidOf(name);
            if (v != 0) {
                return v;
            }
        }
        if (tables(sc)) {
            Snapshot snap = sc.freshSnapshot();
            CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
            List<Long> nsps = new ArrayList<>();
            if (schema != null) {
                long n = namespaceOid(sc, schema);
                if (n < 0) {
                    throw DatabaseException.error("3F000", "schema \"" + schema + "\" does not exist");
                }
                nsps.add(n);
            } else {
                nsps.addAll(path(sc));
            }
            for (long n : nsps) {
                CatalogStore.Entry e = store.findClass(n, name, snap);
                if (e != null) {
                    return ((OidValue) e.row()[CatalogTables.CLASS_OID]).value();
                }
            }
        }
        throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "relation \"" + t + "\" does not exist");
    }

    /** regnamespacein. */
    public static long namespaceOidOf(StorageContext sc, String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);
        }
        List<String> parts = splitName(t);
        long n = parts.size() == 1 ? namespaceOid(sc, parts.get(0)) : -1;
        if (n < 0) {
            throw DatabaseException.error("3F000", "schema \"" + t + "\" does not exist");
        }
        return n;
    }

    /** regnamespaceout. */
    public static String namespaceLabel(StorageContext sc, long oid) {
        String n = tables(sc) || oid == CatalogTables.PG_CATALOG_NAMESPACE ? namespaceName(sc, oid) : null;
        return n == null ? Long.toString(oid) : RelationCache.quoteIdent(n);
    }

    public static String namespaceName(StorageContext sc, long oid) {
        if (oid == CatalogTables.PG_CATALOG_NAMESPACE) {
            return "pg_catalog";
        }
        if (oid == CatalogTables.PUBLIC_NAMESPACE) {
            return "public";
        }
        RelationCache rc = sc.relationCache();
        if (rc != null) {
            return rc.namespaceName(oid, sc);
        }
        CatalogStore.Entry e = new CatalogStore(sc.heap(), sc.transaction()).namespaceByOid(oid, sc.freshSnapshot());
        return e == null ? null : ((TextValue) e.row()[1]).value();
    }

    private static long namespaceOid(StorageContext sc, String name) {
        RelationCache rc = sc.relationCache();
        if (rc != null) {
            return rc.namespaceOid(name, sc);
        }
        if (name.equals("pg_catalog")) {
            return CatalogTables.PG_CATALOG_NAMESPACE;
        }
        return new CatalogStore(sc.heap(), sc.transaction()).namespaceOid(name, sc.freshSnapshot());
    }

    /**
     * regtypein: a built-in type's name as TypeInput reads it, else a user-defined type's
     * ([schema.]name, name[]) in search_path order; 42704 when none.
     */
    public static long typeOid(StorageContext sc, String text) {
        try {
            return ((org.tuskdb.sql.internal.value.OidValue) org.tuskdb.sql.internal.value.TypeInput.parse(PgType.REGTYPE,
                -1, text, org.tuskdb.sql.internal.value.SessionStyle.utc())).value();
        } catch (DatabaseException e) {
            PgType t = userType(sc, text);
            if (t == null) {
                throw e;
            }
            return t.oid();
        }
    }

    /** A user-defined type named by text ([schema.]name, name[]), or null. */
    public static PgType userType(StorageContext sc, String text) {
        if (!tables(sc) || sc.relationCache() == null) {
            return null;
        }
        String t = text.trim();
        boolean array = t.endsWith("[]");
        List<String> parts = splitName(array ? t.substring(0, t.length() - 2).trim() : t);
        if (parts.isEmpty() || parts.size() > 2) {
            return null;
        }
        String schema = parts.size() == 2 ? parts.get(0) : null;
        if (schema != null && sc.relationCache().namespaceOid(schema, sc) < 0) {
            return null;
        }
        return sc.relationCache().userType(schema, parts.get(parts.size() - 1) + (array ? "[]" : ""), sc);
    }

    /** A type by oid, built-in or user-defined (through the session's relation cache); null when none. */
    public static PgType typeByOid(StorageContext sc, long oid) {
        PgType t = PgType.byOid((int) oid);
        if (t != null || !tables(sc) || sc.relationCache() == null) {
            return t;
        }
        return sc.relationCache().typeByOid(oid, sc);
    }

    public static boolean tables(StorageContext sc) {
        return sc != null && sc.services() != null && sc.services().tablesAvailable();
    }

    /** a.b, "A".b: identifiers folded to lower case unless quoted. */
    public static List<String> splitName(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            StringBuilder b = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            b.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    b.append(c);
                    i++;
                }
            } else {
                while (i < n && s.charAt(i) != '.') {
                    b.append(Character.toLowerCase(s.charAt(i)));
                    i++;
                }
            }
            out.add(b.toString().trim());
            if (i < n && s.charAt(i) == '.') {
                i++;
            } else if (i < n) {
                throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid name syntax");
            }
        }
        return out;
    }

    /** A value as an oid (oid, reg*, integers). */
    public static long oid(Value v) {
        return v instanceof OidValue o ? o.value() : ((org.tuskdb.sql.internal.value.IntegerValue) v).value();
    }

    private static final java.util.regex.Pattern NEXTVAL = java.util.regex.Pattern.compile(
        "nextval\\('((?:[^']|'')*)'(?:::(?:pg_catalog\\.)?regclass)?\\)");

    /**
     * pg_get_expr over Tusk's stored source text of a default or check: nextval's argument shown
     * as PostgreSQL's regclass constant.
     */
    public static String deparsedExpression(StorageContext sc, String text) {
        java.util.regex.Matcher m = NEXTVAL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).replace("''", "'");
            String label;
            try {
                label = relationLabel(sc, relationOid(sc, name));
            } catch (org.tuskdb.api.DatabaseException e) {
                label = name;
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                "nextval('" + label.replace("'", "''") + "'::regclass)"));
        }
        m.appendTail(out);
        return out.toString();
    }
}

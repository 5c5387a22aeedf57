package org.tuskdb.sql.internal.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.catalog.UserTypes;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.PgType;

/**
 * CREATE TYPE name AS RANGE (PostgreSQL's DefineRange) and what DROP TYPE does to a range type.
 * A range type is two stored pg_type rows: the range (typtype r; typbasetype holds the subtype and
 * typdefault the subtype_diff function's name, which the pg_type view does not show as such: they
 * are pg_range's rngsubtype and rngsubdiff) and its multirange (typtype m, typbasetype the range),
 * each with an array type. Multiranges have no values yet; their rows exist because psql's \dT and
 * pg_dump list them, as PostgreSQL creates them with every range type.
 *
 * <p>Not supported, as PostgreSQL without a shell type: a canonical function (42P17). The subtype's
 * default btree ordering is the range's (subtype_opclass other than the default is 0A000) and its
 * collation the subtype's (COLLATE is accepted for a collatable subtype, not kept).
 */
final class RangeTypeCommands {
    private final Session session;
    private final DdlExecutor ddl;
    private final TypeCommands types;

    RangeTypeCommands(Session session, DdlExecutor ddl, TypeCommands types) {
        this.session = session;
        this.ddl = ddl;
        this.types = types;
    }

    /** The built-in functions subtype_diff may name (PostgreSQL's subtraction functions returning float8). */
    private static final Map<String, PgType> BUILTIN_DIFFS = Map.of("float8mi", PgType.FLOAT8,
        "int4range_subdiff", PgType.INT4, "int8range_subdiff", PgType.INT8, "numrange_subdiff", PgType.NUMERIC,
        "daterange_subdiff", PgType.DATE, "tsrange_subdiff", PgType.TIMESTAMP, "tstzrange_subdiff", PgType.TIMESTAMPTZ);

    String create(Statement.CreateRange s, StorageTransaction st) {
        ParseState ps = ddl.parseStateFor();
        long namespace = ddl.creationNamespace(st, s.name(), false, ps);
        String name = s.name().name();
        types.lockTypeName(st, namespace, name);
        types.checkTypeNameFree(st, namespace, name);
        Map<String, Statement.RangeParameter> params = new HashMap<>();
        PgType subtype = null;
        for (Statement.RangeParameter p : s.parameters()) {
            switch (p.name()) {
                case "subtype", "subtype_opclass", "collation", "canonical", "subtype_diff", "multirange_type_name" -> {
                    if (params.put(p.name(), p) != null) {
                        throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                            ps.position(p.location()));
                    }
                    if (p.name().equals("subtype")) {
                        subtype = resolve(p, ps);
                    }
                }
                default -> throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                    "type attribute \"" + p.name() + "\" not recognized");
            }
        }
        if (subtype == null) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "type attribute \"subtype\" is required");
        }
        if (subtype.isPseudo()) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "range subtype cannot be " + subtype.displayName());
        }
        PgType base = subtype.baseType();
        if (params.containsKey("collation") && org.tuskdb.sql.internal.catalog.PgCatalogViews.collation(base) == 0) {
            throw DatabaseException.error("42809", "range collation specified but subtype does not support collation");
        }
        if (params.containsKey("subtype_opclass")) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "subtype_opclass is not supported yet");
        }
        if (params.containsKey("canonical")) {
            throw DatabaseException.error("42P17", "cannot specify a canonical function without a pre-created shell type")
                .withHint("Create the type as a shell type, then create its canonicalization function, then do a full "
                    + "CREATE TYPE.");
        }
        String diff = params.containsKey("subtype_diff") ? subtypeDiff(params.get("subtype_diff"), subtype, ps) : null;
        String multirange;
        Statement.RangeParameter m = params.get("multirange_type_name");
        if (m != null) {
            multirange = m.value() != null ? m.value().name() : m.text();
            types.checkTypeNameFree(st, namespace, multirange);
        } else {
            int at = name.indexOf("range");
            multirange = at >= 0 ? name.substring(0, at) + "multirange" + name.substring(at + 5) : name + "_multirange";
            try {
                types.checkTypeNameFree(st, namespace, multirange);
            } catch (DatabaseException e) {
                throw e.withDetail("Failed while creating a multirange type for type \"" + name + "\".")
                    .withHint("You can manually specify a multirange type name using the \"multirange_type_name\" "
                        + "attribute.");
            }
        }
        long oid = st.services().transactions().newOid();
        long arrayOid = st.services().transactions().newOid();
        long multiOid = st.services().transactions().newOid();
        long multiArrayOid = st.services().transactions().newOid();
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        store.insert(CatalogTables.PG_TYPE, types.typeRow(oid, name, namespace, "r", arrayOid, subtype.oid(), -1, false,
            diff));
        store.insert(CatalogTables.PG_TYPE, types.typeRow(multiOid, multirange, namespace, "m", multiArrayOid, oid, -1,
            false, null));
        st.transaction().commandCounterIncrement();
        return "CREATE TYPE";
    }

    private static PgType resolve(Statement.RangeParameter p, ParseState ps) {
        if (p.value() == null) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "invalid argument for \"" + p.name() + "\"");
        }
        try {
            return StoredExpressions.resolveType(p.value(), "", ps).type();
        } catch (DatabaseException e) {
            throw e.withPosition(0); // typenameTypeId without a parse state: no position, as PostgreSQL's
        }
    }

    /**
     * findRangeSubtypeDiffFunction: a function of that name taking (subtype, subtype) exactly,
     * returning double precision, immutable; its name is kept.
     */
    private String subtypeDiff(Statement.RangeParameter p, PgType subtype, ParseState ps) {
        List<String> names = p.value() == null ? List.of(p.text()) : p.value().names();
        String fn = names.get(names.size() - 1);
        String schema = names.size() > 1 ? names.get(0) : null;
        String signature = String.join(".", names) + "(" + subtype.displayName() + ", " + subtype.displayName() + ")";
        PgType builtin = schema == null || schema.equals("pg_catalog") ? BUILTIN_DIFFS.get(fn) : null;
        if (builtin != null && PgType.same(builtin, subtype)) {
            return fn;
        }
        for (FunctionDef f : ps.functions().functions(fn)) {
            if (schema == null && f.argTypes().size() == 2 && PgType.same(f.argType(0), subtype)
                && PgType.same(f.argType(1), subtype)) {
                checkDiff(signature, f.returnType(), f.volatility());
                return fn;
            }
        }
        for (UserFunction f : ps.userFunctions(schema, fn)) {
            if (f.argTypes().size() == 2 && PgType.same(f.argTypes().get(0), subtype)
                && PgType.same(f.argTypes().get(1), subtype)) {
                checkDiff(signature, f.returnType(), f.volatility());
                return fn;
            }
        }
        throw DatabaseException.error(SqlState.UNDEFINED_FUNCTION, "function " + signature + " does not exist");
    }

    private static void checkDiff(String signature, PgType result, char volatility) {
        if (result != PgType.FLOAT8) {
            throw DatabaseException.error("42P17", "subtype diff function " + signature
                + " must return type double precision");
        }
        if (volatility != 'i') {
            throw DatabaseException.error("42P17", "subtype diff function " + signature + " must be immutable");
        }
    }

    /** DROP TYPE of a multirange: its range type requires it (2BP01), as PostgreSQL's internal dependency. */
    static void checkDroppable(UserTypes.Row t, UserTypes all) {
        if (t.typtype().equals("m")) {
            UserTypes.Row range = all.row(t.baseType());
            String rangeName = range == null ? Long.toString(t.baseType()) : range.name();
            throw DatabaseException.error("2BP01", "cannot drop type " + t.name() + " because type " + rangeName
                + " requires it").withHint("You can drop type " + rangeName + " instead.");
        }
    }

    /**
     * Deletes a range type's multirange row with it (DROP TYPE, DROP SCHEMA ... CASCADE), unless that
     * row is among {@code dropped} itself.
     */
    static void dropMultirange(StorageTransaction st, CatalogStore store, UserTypes.Row t, List<UserTypes.Row> dropped) {
        if (!t.typtype().equals("r")) {
            return;
        }
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_TYPE, st.freshSnapshot())) {
            UserTypes.Row r = UserTypes.rowOf(e.row());
            if (r.typtype().equals("m") && r.baseType() == t.oid() && dropped.stream().noneMatch(x -> x.oid() == r.oid())) {
                store.deleteWhere(CatalogTables.PG_TYPE, CatalogTables.TYPE_OID, r.oid(), st.freshSnapshot());
            }
        }
    }
}

package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.catalog.AclItems;
import org.tuskdb.sql.internal.catalog.CatalogNames;
import org.tuskdb.sql.internal.catalog.Privileges;
import org.tuskdb.sql.internal.catalog.Roles;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * has_table_privilege, has_sequence_privilege, has_schema_privilege, has_function_privilege,
 * has_database_privilege, has_any_column_privilege / has_column_privilege (the table's privileges,
 * else the column's own) and pg_has_role, as acl.c: a user by name ("public" for PUBLIC) or oid,
 * the object by name (42P01 / 3F000 / 3D000 / 42883 when missing) or oid (NULL when missing), and a
 * privilege list, any of which held is true; "WITH GRANT OPTION" asks for the grant option. Without
 * the storage services every answer is true (the session is the only, superuser, role).
 */
final class PrivilegeFunctions {
    private PrivilegeFunctions() {}

    private static final PgType TEXT = PgType.TEXT, OID = PgType.OID, NAME = PgType.NAME, BOOL = PgType.BOOL;

    /** How one has_*_privilege function finds its object. */
    private interface Resolver {
        /** The object's oid (0 for a built-in nobody may be refused), or -1 when an oid names nothing. */
        long oid(EvalContext c, Value object);
    }

    static void register(FunctionRegistry r) {
        define(r, "has_table_privilege", "TABLE", PrivilegeFunctions::relation, false);
        for (PgType objectType : List.of(TEXT, OID)) {
            r.fn("has_any_column_privilege", BOOL, List.of(objectType, TEXT), 's',
                (a, c) -> column(c, currentUser(c), relation(c, a[0]), null, a[1]));
            r.fn("has_any_column_privilege", BOOL, List.of(NAME, objectType, TEXT), 's',
                (a, c) -> column(c, role(c, a[0]), relation(c, a[1]), null, a[2]));
            r.fn("has_any_column_privilege", BOOL, List.of(OID, objectType, TEXT), 's',
                (a, c) -> column(c, oid(a[0]), relation(c, a[1]), null, a[2]));
            for (PgType columnType : List.of(TEXT, PgType.INT2)) {
                r.fn("has_column_privilege", BOOL, List.of(objectType, columnType, TEXT), 's',
                    (a, c) -> column(c, currentUser(c), relation(c, a[0]), a[1], a[2]));
                r.fn("has_column_privilege", BOOL, List.of(NAME, objectType, columnType, TEXT), 's',
                    (a, c) -> column(c, role(c, a[0]), relation(c, a[1]), a[2], a[3]));
                r.fn("has_column_privilege", BOOL, List.of(OID, objectType, columnType, TEXT), 's',
                    (a, c) -> column(c, oid(a[0]), relation(c, a[1]), a[2], a[3]));
            }
        }
        define(r, "has_sequence_privilege", "SEQUENCE", PrivilegeFunctions::relation, true);
        define(r, "has_schema_privilege", "SCHEMA", PrivilegeFunctions::schema, false);
        define(r, "has_database_privilege", "DATABASE", PrivilegeFunctions::database, false);
        define(r, "has_function_privilege", "FUNCTION", PrivilegeFunctions::function, false);
        r.fn("pg_has_role", BOOL, List.of(NAME, TEXT), 's', (a, c) -> hasRole(c, currentUser(c), role(c, a[0]), a[1]));
        r.fn("pg_has_role", BOOL, List.of(OID, TEXT), 's', (a, c) -> hasRole(c, currentUser(c), oid(a[0]), a[1]));
        r.fn("pg_has_role", BOOL, List.of(NAME, NAME, TEXT), 's', (a, c) -> hasRole(c, role(c, a[0]), role(c, a[1]), a[2]));
        r.fn("pg_has_role", BOOL, List.of(OID, NAME, TEXT), 's', (a, c) -> hasRole(c, oid(a[0]), role(c, a[1]), a[2]));
        r.fn("pg_has_role", BOOL, List.of(NAME, OID, TEXT), 's', (a, c) -> hasRole(c, role(c, a[0]), oid(a[1]), a[2]));
        r.fn("pg_has_role", BOOL, List.of(OID, OID, TEXT), 's', (a, c) -> hasRole(c, oid(a[0]), oid(a[1]), a[2]));
    }

    private static void define(FunctionRegistry r, String name, String kind, Resolver object,
                               boolean sequence) {
        for (PgType objectType : List.of(TEXT, OID)) {
            r.fn(name, BOOL, List.of(objectType, TEXT), 's',
                (a, c) -> answer(c, currentUser(c), kind, checked(c, object, a[0], sequence), a[1]));
            r.fn(name, BOOL, List.of(NAME, objectType, TEXT), 's',
                (a, c) -> answer(c, role(c, a[0]), kind, checked(c, object, a[1], sequence), a[2]));
            r.fn(name, BOOL, List.of(OID, objectType, TEXT), 's',
                (a, c) -> answer(c, oid(a[0]), kind, checked(c, object, a[1], sequence), a[2]));
        }
    }

    private static long checked(EvalContext c, Resolver object, Value v, boolean sequence) {
        long oid = object.oid(c, v);
        if (sequence && oid > 0 && tables(c)) {
            Privileges.ObjectAcl o = c.storage().relationCache().objectAcl(c.storage(), oid, false);
            if (o != null && !o.kind().equals("SEQUENCE")) {
                throw DatabaseException.error("42809", "\"" + o.name() + "\" is not a sequence");
            }
        }
        return oid;
    }

    private static boolean tables(EvalContext c) {
        StorageContext sc = c.storage();
        return CatalogNames.tables(sc) && sc.relationCache() != null;
    }

    private static long currentUser(EvalContext c) {
        return c.userOid();
    }

    /** A user argument by name: "public" is PUBLIC (0); 42704 for no such role. */
    private static long role(EvalContext c, Value v) {
        String name = ((TextValue) v).value();
        if (name.equals("public")) {
            return 0;
        }
        Roles.Role r = Roles.of(c).byName(name);
        if (r == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        return r.oid();
    }

    private static long oid(Value v) {
        return ((OidValue) v).value();
    }

    private static long relation(EvalContext c, Value v) {
        if (v instanceof OidValue o) {
            return o.value();
        }
        return CatalogNames.relationOid(c.storage(), ((TextValue) v).value());
    }

    private static long schema(EvalContext c, Value v) {
        if (v instanceof OidValue o) {
            return o.value();
        }
        return CatalogNames.namespaceOidOf(c.storage(), ((TextValue) v).value());
    }

    private static long database(EvalContext c, Value v) {
        if (v instanceof OidValue o) {
            return o.value();
        }
        String name = ((TextValue) v).value();
        Long oid = org.tuskdb.sql.internal.catalog.PgCatalogViews.databaseOids(c.storage()).get(name);
        if (oid == null) {
            throw DatabaseException.error("3D000", "database \"" + name + "\" does not exist");
        }
        return oid;
    }

    /** A function by regprocedure text ("f(integer)") or oid; 0 for a built-in (PUBLIC may run it). */
    private static long function(EvalContext c, Value v) {
        if (v instanceof OidValue o) {
            return o.value();
        }
        String text = ((TextValue) v).value().strip();
        int open = text.indexOf('(');
        String name = open < 0 ? text : text.substring(0, open).strip();
        List<String> parts = CatalogNames.splitName(name);
        String schema = parts.size() > 1 ? parts.get(0) : null;
        String fn = parts.get(parts.size() - 1);
        List<PgType> types = new ArrayList<>();
        if (open >= 0) {
            String args = text.substring(open + 1, text.lastIndexOf(')')).strip();
            if (!args.isEmpty()) {
                for (String t : args.split(",")) {
                    types.add(CatalogNames.typeByOid(c.storage(), CatalogNames.typeOid(c.storage(), t.strip())));
                }
            }
        }
        if (tables(c)) {
            for (UserFunction f : c.storage().relationCache().userFunctions(schema, fn, c.storage())) {
                if (open < 0 || f.argTypes().equals(types)) {
                    return f.oid();
                }
            }
        }
        return 0;
    }

    private static Value answer(EvalContext c, long user, String kind, long object, Value privileges) {
        int[] wanted = privileges(((TextValue) privileges).value(), kind);
        if (!tables(c) || object == 0) {
            return BoolValue.TRUE;
        }
        Privileges.ObjectAcl o = c.storage().relationCache().objectAcl(c.storage(), object, kind.equals("FUNCTION"));
        if (o == null) {
            return object < Roles.FIRST_NORMAL_OID ? BoolValue.TRUE : null;
        }
        Roles roles = Roles.of(c);
        int mask = user == 0 ? publicMask(o) : Privileges.mask(roles, user, o);
        int options = user == 0 ? 0 : roles.isSuperuser(user) ? AclItems.all(o.kind())
            : AclItems.grantOptions(o.items(), user, roles) | (roles.hasPrivilegesOf(user, o.owner())
                ? AclItems.all(o.kind()) : 0);
        return BoolValue.of((mask & wanted[0]) != 0 || (options & wanted[1]) != 0);
    }

    /**
     * has_column_privilege (column by name or attnum) and, with {@code column} null,
     * has_any_column_privilege: the table's privileges, else the column's own (any column's). A
     * column named that does not exist is 42703; an attnum naming none, or an oid no relation, NULL.
     */
    private static Value column(EvalContext c, long user, long table, Value column, Value privileges) {
        int[] wanted = privileges(((TextValue) privileges).value(), "COLUMN");
        if (!tables(c) || table == 0) {
            return BoolValue.TRUE;
        }
        Privileges.ObjectAcl o = c.storage().relationCache().objectAcl(c.storage(), table, false);
        if (o == null) {
            return table < Roles.FIRST_NORMAL_OID ? BoolValue.TRUE : null;
        }
        int attnum = 0;
        if (column instanceof TextValue t) {
            attnum = Privileges.attnum(c.storage(), table, t.value());
            if (attnum == 0) {
                throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + t.value() + "\" of relation \""
                    + o.name() + "\" does not exist");
            }
        } else if (column != null) {
            attnum = (int) ((org.tuskdb.sql.internal.value.IntegerValue) column).value();
            if (Privileges.attnum(c.storage(), table, attnum) == 0) {
                return null;
            }
        }
        if (answer(c, user, "TABLE", table, privileges) == BoolValue.TRUE) {
            return BoolValue.TRUE;
        }
        Roles roles = Roles.of(c);
        int mask = 0;
        int options = 0;
        for (java.util.Map.Entry<Integer, Value> e : o.columnAcls().entrySet()) {
            if (column == null || e.getKey() == attnum) {
                List<AclItems.Item> items = AclItems.parse(((TextValue) e.getValue()).value());
                for (AclItems.Item i : items) {
                    if (i.grantee() == 0 || user != 0 && roles.hasPrivilegesOf(user, i.grantee())) {
                        mask |= i.privileges();
                        options |= i.grantOptions();
                    }
                }
            }
        }
        return BoolValue.of((mask & wanted[0]) != 0 || (options & wanted[1]) != 0);
    }

    private static int publicMask(Privileges.ObjectAcl o) {
        int m = 0;
        for (AclItems.Item i : o.items()) {
            if (i.grantee() == 0) {
                m |= i.privileges();
            }
        }
        return m;
    }

    /** A privilege list: {plain bits, bits asked WITH GRANT OPTION}; 22023 for a word the kind does not know. */
    private static int[] privileges(String text, String kind) {
        int plain = 0;
        int option = 0;
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean withOption = p.endsWith(" with grant option");
            if (withOption) {
                p = p.substring(0, p.length() - " with grant option".length()).strip();
            }
            int b = AclItems.bit(p.equals("temp") ? "temporary" : p);
            int allowed = kind.equals("SEQUENCE") ? AclItems.ALL_SEQUENCE : kind.equals("COLUMN") ? Privileges.ALL_COLUMN
                : AclItems.all(kind);
            if (b == 0 || (b & allowed) == 0) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \""
                    + part.strip() + "\"");
            }
            if (withOption) {
                option |= b;
            } else {
                plain |= b;
            }
        }
        return new int[] {plain, option};
    }

    /** pg_has_role: MEMBER (is a member), USAGE (has its privileges), either WITH ADMIN / GRANT OPTION. */
    private static Value hasRole(EvalContext c, long user, long role, Value privilege) {
        Roles roles = Roles.of(c);
        boolean any = false;
        for (String part : ((TextValue) privilege).value().split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            any |= switch (p) {
                case "member" -> roles.isSuperuser(user) || roles.isMember(user, role);
                case "usage" -> roles.hasPrivilegesOf(user, role);
                case "member with admin option", "member with grant option", "usage with admin option",
                     "usage with grant option" -> roles.isSuperuser(user) || roles.hasAdminOption(user, role);
                default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "unrecognized privilege type: \"" + part.strip() + "\"");
            };
        }
        return BoolValue.of(any);
    }
}

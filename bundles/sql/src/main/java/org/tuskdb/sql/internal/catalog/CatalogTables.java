package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The bootstrap catalogs (PostgreSQL's pg_namespace, pg_class, pg_attribute with the columns
 * Tusk keeps, in PostgreSQL's order and names), hard-wired like PostgreSQL's relcache does for
 * its nailed relations: their own descriptors never come from the heap. Files are
 * {@code base/<db>/<oid>} of each database (relfilenode = oid; the session binds the database, see
 * session/DatabaseServices). Also the row layouts for their tuples.
 */
public final class CatalogTables {
    private CatalogTables() {}

    /**
     * The database the engine names its per-database relations with; each session's storage
     * services rebind it to the session's own database (session/DatabaseServices), so this is
     * the database of whoever runs the statement, not always postgres.
     */
    public static final int DB_OID = RelFileLocator.POSTGRES_DB_OID;
    public static final long PG_CATALOG_NAMESPACE = 11;
    public static final long PUBLIC_NAMESPACE = 2200;
    public static final long PG_NAMESPACE_OID = 2615;
    public static final long PG_CLASS_OID = 1259;
    public static final long PG_ATTRIBUTE_OID = 1249;
    /** The bootstrap superuser. */
    public static final long SUPERUSER_OID = 10;
    /** pg_am "heap". */
    public static final long HEAP_AM_OID = 2;

    /** Schemas; nspacl is the aclitem[] text ({@link AclItems}), null for the owner's default privileges. */
    public static final TableDescriptor PG_NAMESPACE = nailed(PG_NAMESPACE_OID, "pg_namespace", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("nspname", PgType.NAME),
        new Relation.Column("nspowner", PgType.OID), new Relation.Column("nspacl", PgType.TEXT)));

    public static final TableDescriptor PG_CLASS = nailed(PG_CLASS_OID, "pg_class", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("relname", PgType.NAME),
        new Relation.Column("relnamespace", PgType.OID), new Relation.Column("reltype", PgType.OID),
        new Relation.Column("relowner", PgType.OID), new Relation.Column("relam", PgType.OID),
        new Relation.Column("relfilenode", PgType.OID), new Relation.Column("reltablespace", PgType.OID),
        new Relation.Column("relpages", PgType.INT4), new Relation.Column("reltuples", PgType.FLOAT4),
        new Relation.Column("relhasindex", PgType.BOOL), new Relation.Column("relisshared", PgType.BOOL),
        new Relation.Column("relpersistence", PgType.TEXT), new Relation.Column("relkind", PgType.TEXT),
        new Relation.Column("relnatts", PgType.INT2), new Relation.Column("reloptions", PgType.TEXT),
        new Relation.Column("relacl", PgType.TEXT),
        new Relation.Column("relispopulated", PgType.BOOL),
        // declarative partitioning (catalog/Partitioning): the parent of a partition (0: none, null in older
        // rows), its bound as pg_get_expr shows it, the key of a partitioned table (PartitionKey.stored)
        new Relation.Column("relpartparent", PgType.OID), new Relation.Column("relpartbound", PgType.TEXT),
        new Relation.Column("relpartkey", PgType.TEXT)));
    public static final int CLASS_RELPARTPARENT = 18, CLASS_RELPARTBOUND = 19, CLASS_RELPARTKEY = 20;

    /** pg_class.relpartparent of a stored row: the parent partitioned table, 0 when the relation is no partition. */
    public static long partitionParent(Value[] cls) {
        return cls.length > CLASS_RELPARTPARENT && cls[CLASS_RELPARTPARENT] instanceof OidValue o ? o.value() : 0;
    }

    /** A text column of pg_class that older rows may lack: null then. */
    public static String classText(Value[] cls, int column) {
        return cls.length > column && cls[column] instanceof TextValue t ? t.value() : null;
    }

    public static final TableDescriptor PG_ATTRIBUTE = nailed(PG_ATTRIBUTE_OID, "pg_attribute", List.of(
        new Relation.Column("attrelid", PgType.OID), new Relation.Column("attname", PgType.NAME),
        new Relation.Column("atttypid", PgType.OID), new Relation.Column("attlen", PgType.INT2),
        new Relation.Column("attnum", PgType.INT2), new Relation.Column("atttypmod", PgType.INT4),
        new Relation.Column("attnotnull", PgType.BOOL), new Relation.Column("atthasdef", PgType.BOOL),
        new Relation.Column("attisdropped", PgType.BOOL), new Relation.Column("attidentity", PgType.TEXT),
        new Relation.Column("attgenerated", PgType.TEXT),
        // column privileges (session/ColumnGrants): the stored ACL text as relacl's, null for none (rows of
        // older builds decode it as null)
        new Relation.Column("attacl", PgType.TEXT)));

    public static final long PG_ATTRDEF_OID = 2604;
    public static final long PG_CONSTRAINT_OID = 2606;
    public static final long PG_SEQUENCE_OID = 2224;
    public static final long PG_DESCRIPTION_OID = 2609;
    public static final long PG_REWRITE_OID = 2618;

    /** Column defaults; adbin is the DEFAULT's source text (PostgreSQL keeps a node tree there). */
    public static final TableDescriptor PG_ATTRDEF = nailed(PG_ATTRDEF_OID, "pg_attrdef", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("adrelid", PgType.OID),
        new Relation.Column("adnum", PgType.INT2), new Relation.Column("adbin", PgType.TEXT)));

    /**
     * Constraints: contype c(heck), p(rimary key), u(nique), f(oreign key); conkey/confkey as
     * array text "{1,2}", conbin the CHECK's source text.
     */
    public static final TableDescriptor PG_CONSTRAINT = nailed(PG_CONSTRAINT_OID, "pg_constraint", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("conname", PgType.NAME),
        new Relation.Column("connamespace", PgType.OID), new Relation.Column("contype", PgType.TEXT),
        new Relation.Column("condeferrable", PgType.BOOL), new Relation.Column("condeferred", PgType.BOOL),
        new Relation.Column("convalidated", PgType.BOOL), new Relation.Column("conrelid", PgType.OID),
        new Relation.Column("contypid", PgType.OID), new Relation.Column("conindid", PgType.OID),
        new Relation.Column("confrelid", PgType.OID), new Relation.Column("confupdtype", PgType.TEXT),
        new Relation.Column("confdeltype", PgType.TEXT), new Relation.Column("confmatchtype", PgType.TEXT),
        new Relation.Column("conkey", PgType.TEXT), new Relation.Column("confkey", PgType.TEXT),
        new Relation.Column("conbin", PgType.TEXT)));

    /** A sequence's parameters (its state is in the sequence's own one-page relation). */
    public static final TableDescriptor PG_SEQUENCE = nailed(PG_SEQUENCE_OID, "pg_sequence", List.of(
        new Relation.Column("seqrelid", PgType.OID), new Relation.Column("seqtypid", PgType.OID),
        new Relation.Column("seqstart", PgType.INT8), new Relation.Column("seqincrement", PgType.INT8),
        new Relation.Column("seqmax", PgType.INT8), new Relation.Column("seqmin", PgType.INT8),
        new Relation.Column("seqcache", PgType.INT8), new Relation.Column("seqcycle", PgType.BOOL)));

    /** COMMENT ON. */
    public static final TableDescriptor PG_DESCRIPTION = nailed(PG_DESCRIPTION_OID, "pg_description", List.of(
        new Relation.Column("objoid", PgType.OID), new Relation.Column("classoid", PgType.OID),
        new Relation.Column("objsubid", PgType.INT4), new Relation.Column("description", PgType.TEXT)));

    /** A view's query; ev_action is the SELECT's source text (PostgreSQL keeps a node tree). */
    public static final TableDescriptor PG_REWRITE = nailed(PG_REWRITE_OID, "pg_rewrite", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("rulename", PgType.NAME),
        new Relation.Column("ev_class", PgType.OID), new Relation.Column("ev_type", PgType.TEXT),
        new Relation.Column("ev_action", PgType.TEXT)));

    public static final long PG_DEPEND_OID = 2608;

    /**
     * Dependencies (PostgreSQL's pg_depend): a serial's sequence on its column (deptype a), an
     * identity's (i), a view on the tables it reads (n).
     */
    public static final TableDescriptor PG_DEPEND = nailed(PG_DEPEND_OID, "pg_depend", List.of(
        new Relation.Column("classid", PgType.OID), new Relation.Column("objid", PgType.OID),
        new Relation.Column("objsubid", PgType.INT4), new Relation.Column("refclassid", PgType.OID),
        new Relation.Column("refobjid", PgType.OID), new Relation.Column("refobjsubid", PgType.INT4),
        new Relation.Column("deptype", PgType.TEXT)));

    public static final long PG_INDEX_OID = 2610;

    /**
     * Indexes (see {@link IndexCatalog}): indkey (attnums, 0 for an expression) / indoption as
     * int2vector text "1 3"; indexprs / indpred the expressions' deparsed text (null when none; rows
     * written before these columns existed decode them as null); indkeyattnums true (rows of older
     * builds, whose indkey held positions + 1, are rewritten at startup: {@link IndexCatalog#upgrade}).
     */
    public static final TableDescriptor PG_INDEX = nailed(PG_INDEX_OID, "pg_index", List.of(
        new Relation.Column("indexrelid", PgType.OID), new Relation.Column("indrelid", PgType.OID),
        new Relation.Column("indnatts", PgType.INT2), new Relation.Column("indisunique", PgType.BOOL),
        new Relation.Column("indisprimary", PgType.BOOL), new Relation.Column("indkey", PgType.TEXT),
        new Relation.Column("indoption", PgType.TEXT), new Relation.Column("indexprs", PgType.TEXT),
        new Relation.Column("indpred", PgType.TEXT), new Relation.Column("indkeyattnums", PgType.BOOL)));

    public static final long PG_PROC_OID = 1255;

    /**
     * User-defined functions (CREATE FUNCTION; the built-ins are the function registry's, not
     * stored): PostgreSQL's pg_proc columns Tusk keeps. provolatile is i, s or v; proargtypes the
     * oidvector text "23 25"; proargnames the text[] literal, null without names; proargdefaults
     * the DEFAULT expressions' source texts ({@link UserFunction#encodeDefaults}), null without
     * any; prosqlbody the statements of a RETURN / BEGIN ATOMIC body (prosrc is then ''). With OUT /
     * INOUT / TABLE parameters: proallargtypes (oidvector text of every parameter), proargmodes
     * ("iot": one letter per parameter) and proallargnames (every parameter's name); null otherwise.
     */
    public static final TableDescriptor PG_PROC = nailed(PG_PROC_OID, "pg_proc", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("proname", PgType.NAME),
        new Relation.Column("pronamespace", PgType.OID), new Relation.Column("prolang", PgType.OID),
        new Relation.Column("proisstrict", PgType.BOOL), new Relation.Column("proretset", PgType.BOOL),
        new Relation.Column("provolatile", PgType.TEXT), new Relation.Column("pronargs", PgType.INT2),
        new Relation.Column("pronargdefaults", PgType.INT2), new Relation.Column("prorettype", PgType.OID),
        new Relation.Column("proargtypes", PgType.TEXT), new Relation.Column("proargnames", PgType.TEXT),
        new Relation.Column("proargdefaults", PgType.TEXT), new Relation.Column("prosrc", PgType.TEXT),
        new Relation.Column("prosqlbody", PgType.TEXT), new Relation.Column("proallargtypes", PgType.TEXT),
        new Relation.Column("proargmodes", PgType.TEXT), new Relation.Column("proallargnames", PgType.TEXT),
        new Relation.Column("proowner", PgType.OID), new Relation.Column("proacl", PgType.TEXT)));
    /** pg_proc's owner and ACL, appended: rows written before them read both as null (the bootstrap superuser, default). */
    public static final int PROC_OWNER = 18, PROC_ACL = 19;

    public static final long PG_EXTENSION_OID = 3079;
    /** The oid of plpgsql's pg_extension row, which the bootstrap writes (initdb's CREATE EXTENSION plpgsql). */
    public static final long PLPGSQL_EXTENSION_OID = 13_540;

    /**
     * Installed extensions (CREATE EXTENSION; see function/ExtensionLibrary for what is available):
     * PostgreSQL's pg_extension without extconfig / extcondition (always null: no extension here
     * has configuration tables). Member objects are pg_depend rows of deptype e from pg_proc.
     */
    public static final TableDescriptor PG_EXTENSION = nailed(PG_EXTENSION_OID, "pg_extension", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("extname", PgType.NAME),
        new Relation.Column("extowner", PgType.OID), new Relation.Column("extnamespace", PgType.OID),
        new Relation.Column("extrelocatable", PgType.BOOL), new Relation.Column("extversion", PgType.TEXT)));

    public static Value[] extensionRow(long oid, String name, long namespace, boolean relocatable, String version) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(SUPERUSER_OID),
            OidValue.oid(namespace), BoolValue.of(relocatable), TextValue.text(version)};
    }

    /** A pg_depend row between objects of any catalogs (classid / refclassid: the catalogs' oids). */
    public static Value[] dependRow(long classid, long objid, long refclassid, long refobjid, String deptype) {
        return new Value[] {OidValue.oid(classid), OidValue.oid(objid), IntegerValue.int4(0),
            OidValue.oid(refclassid), OidValue.oid(refobjid), IntegerValue.int4(0), TextValue.text(deptype)};
    }

    public static final long PG_TRIGGER_OID = 2620;

    /**
     * User triggers (CREATE TRIGGER; see {@link TriggerCatalog}): PostgreSQL's pg_trigger columns
     * Tusk keeps. tgenabled is O / D / R / A; tgattr UPDATE OF's attnums as int2vector text "1 3"
     * ('' without a list); tgargs the arguments, each ended by a NUL character (null without any);
     * tgqual the WHEN condition's source text (PostgreSQL keeps a node tree), null without one.
     */
    public static final TableDescriptor PG_TRIGGER = nailed(PG_TRIGGER_OID, "pg_trigger", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("tgrelid", PgType.OID),
        new Relation.Column("tgname", PgType.NAME), new Relation.Column("tgfoid", PgType.OID),
        new Relation.Column("tgtype", PgType.INT2), new Relation.Column("tgenabled", PgType.TEXT),
        new Relation.Column("tgnargs", PgType.INT2), new Relation.Column("tgattr", PgType.TEXT),
        new Relation.Column("tgargs", PgType.TEXT), new Relation.Column("tgqual", PgType.TEXT)));

    public static final int TG_OID = 0, TG_RELID = 1, TG_NAME = 2, TG_FOID = 3, TG_TYPE = 4, TG_ENABLED = 5,
        TG_NARGS = 6, TG_ATTR = 7, TG_ARGS = 8, TG_QUAL = 9;


    /** A pg_trigger row. */
    public static Value[] triggerRow(long oid, long relid, String name, long foid, int type, char enabled,
                                     List<String> args, String attr, String qual) {
        StringBuilder a = new StringBuilder();
        for (String s : args) {
            a.append(s).append('\0');
        }
        return new Value[] {OidValue.oid(oid), OidValue.oid(relid), new TextValue(PgType.NAME, name),
            OidValue.oid(foid), IntegerValue.of(PgType.INT2, type), TextValue.text(String.valueOf(enabled)),
            IntegerValue.of(PgType.INT2, args.size()), TextValue.text(attr), args.isEmpty() ? null
            : TextValue.text(a.toString()), qual == null ? null : TextValue.text(qual)};
    }

    public static final long PG_TYPE_OID = 1247;
    public static final long PG_ENUM_OID = 3501;

    /**
     * User-defined types (CREATE TYPE ... AS ENUM, CREATE DOMAIN; the built-in types and tables'
     * row types are not stored, see value/PgType and RowTypes): typtype e or d; typarray the oid of
     * the type's array type "_name" (which has no row of its own: the pg_type view adds it);
     * typbasetype, typtypmod, typnotnull and typdefault (the DEFAULT's source text) for a domain.
     */
    public static final TableDescriptor PG_TYPE = nailed(PG_TYPE_OID, "pg_type", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("typname", PgType.NAME),
        new Relation.Column("typnamespace", PgType.OID), new Relation.Column("typowner", PgType.OID),
        new Relation.Column("typtype", PgType.TEXT), new Relation.Column("typarray", PgType.OID),
        new Relation.Column("typbasetype", PgType.OID), new Relation.Column("typtypmod", PgType.INT4),
        new Relation.Column("typnotnull", PgType.BOOL), new Relation.Column("typdefault", PgType.TEXT)));

    /** An enum's labels: PostgreSQL's pg_enum. */
    public static final TableDescriptor PG_ENUM = nailed(PG_ENUM_OID, "pg_enum", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("enumtypid", PgType.OID),
        new Relation.Column("enumsortorder", PgType.FLOAT4), new Relation.Column("enumlabel", PgType.NAME)));

    public static final int TYPE_OID = 0, TYPE_NAME = 1, TYPE_NAMESPACE = 2, TYPE_OWNER = 3, TYPE_TYPTYPE = 4,
        TYPE_ARRAY = 5, TYPE_BASETYPE = 6, TYPE_TYPMOD = 7, TYPE_NOTNULL = 8, TYPE_DEFAULT = 9;
    public static final int ENUM_OID = 0, ENUM_TYPID = 1, ENUM_SORTORDER = 2, ENUM_LABEL = 3;

    public static final long PG_AUTHID_OID = 1260;
    public static final long PG_AUTH_MEMBERS_OID = 1261;

    /**
     * Roles (see {@link Roles}): a shared catalog, {@code global/1260}, as PostgreSQL's. PostgreSQL's
     * columns, rolvaliduntil as timestamptz text (null: no limit), plus rolconfig: ALTER ROLE ... SET's
     * settings as a text[] literal (PostgreSQL keeps them in pg_db_role_setting, which is computed
     * from this column), null without any.
     */
    public static final TableDescriptor PG_AUTHID = shared(PG_AUTHID_OID, "pg_authid", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("rolname", PgType.NAME),
        new Relation.Column("rolsuper", PgType.BOOL), new Relation.Column("rolinherit", PgType.BOOL),
        new Relation.Column("rolcreaterole", PgType.BOOL), new Relation.Column("rolcreatedb", PgType.BOOL),
        new Relation.Column("rolcanlogin", PgType.BOOL), new Relation.Column("rolreplication", PgType.BOOL),
        new Relation.Column("rolbypassrls", PgType.BOOL), new Relation.Column("rolconnlimit", PgType.INT4),
        new Relation.Column("rolpassword", PgType.TEXT), new Relation.Column("rolvaliduntil", PgType.TEXT),
        new Relation.Column("rolconfig", PgType.TEXT)));

    /** Role memberships (GRANT role TO role): PostgreSQL 15's pg_auth_members, shared ({@code global/1261}). */
    public static final TableDescriptor PG_AUTH_MEMBERS = shared(PG_AUTH_MEMBERS_OID, "pg_auth_members", List.of(
        new Relation.Column("roleid", PgType.OID), new Relation.Column("member", PgType.OID),
        new Relation.Column("grantor", PgType.OID), new Relation.Column("admin_option", PgType.BOOL)));

    public static final long PG_DATABASE_OID = 1262;

    /**
     * The databases (shared, {@code global/1262}): PostgreSQL's pg_database columns Tusk keeps —
     * the oid, name, owner and ACL (GRANT ... ON DATABASE; null: the default), then encoding,
     * datistemplate, datallowconn, datconnlimit, datcollate and datctype (added after the first
     * four: rows of older data directories decode them as null, read as initdb's values). The rest
     * of PostgreSQL's columns are constants of the pg_database view.
     */
    public static final TableDescriptor PG_DATABASE = shared(PG_DATABASE_OID, "pg_database", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("datname", PgType.NAME),
        new Relation.Column("datdba", PgType.OID), new Relation.Column("datacl", PgType.TEXT),
        new Relation.Column("encoding", PgType.INT4), new Relation.Column("datistemplate", PgType.BOOL),
        new Relation.Column("datallowconn", PgType.BOOL), new Relation.Column("datconnlimit", PgType.INT4),
        new Relation.Column("datcollate", PgType.TEXT), new Relation.Column("datctype", PgType.TEXT),
        new Relation.Column("datconfig", PgType.TEXT), new Relation.Column("datroleconfig", PgType.TEXT)));
    /**
     * DAT_CONFIG: ALTER DATABASE ... SET's settings as a text[] literal, null without any (PostgreSQL
     * keeps them in pg_db_role_setting with setrole 0; here that view is computed from this column,
     * as it is from pg_authid.rolconfig for the role-wide settings).
     */
    public static final int DAT_OID = 0, DAT_NAME = 1, DAT_DBA = 2, DAT_ACL = 3, DAT_ENCODING = 4, DAT_IS_TEMPLATE = 5,
        DAT_ALLOW_CONN = 6, DAT_CONN_LIMIT = 7, DAT_COLLATE = 8, DAT_CTYPE = 9, DAT_CONFIG = 10;
    /**
     * DAT_ROLE_CONFIG: ALTER ROLE r IN DATABASE d SET's settings, per role, in d's row (see
     * {@link DatabaseRoleConfig}); null without any. Rows of older builds lack the column.
     */
    public static final int DAT_ROLE_CONFIG = 11;

    /** initdb's databases: template1 (bootstrapped), template0 and postgres (copied from it). */
    public static final int TEMPLATE1_OID = 1, TEMPLATE0_OID = 4;

    /** A pg_database row. */
    public static Value[] databaseRow(long oid, String name, long owner, String acl, boolean template, boolean allowConn,
                                      int connLimit, String collate, String ctype) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(owner),
            acl == null ? null : TextValue.text(acl), IntegerValue.int4(6), BoolValue.of(template), BoolValue.of(allowConn),
            IntegerValue.int4(connLimit), TextValue.text(collate), TextValue.text(ctype), null, null};
    }

    /** The database a relation lock names: 0 for a shared catalog, as PostgreSQL's. */
    public static int lockDatabase(long relOid) {
        return relOid == PG_AUTHID_OID || relOid == PG_AUTH_MEMBERS_OID || relOid == PG_DATABASE_OID ? 0 : DB_OID;
    }

    public static final long PG_DEFAULT_ACL_OID = 826;

    /**
     * ALTER DEFAULT PRIVILEGES (PostgreSQL's pg_default_acl): defaclobjtype r (tables and views), S, f, T
     * or n; defaclnamespace 0 for the role's global entry; defaclacl the stored ACL text.
     */
    public static final TableDescriptor PG_DEFAULT_ACL = nailed(PG_DEFAULT_ACL_OID, "pg_default_acl", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("defaclrole", PgType.OID),
        new Relation.Column("defaclnamespace", PgType.OID), new Relation.Column("defaclobjtype", PgType.TEXT),
        new Relation.Column("defaclacl", PgType.TEXT)));

    public static final List<TableDescriptor> ALL = List.of(PG_NAMESPACE, PG_CLASS, PG_ATTRIBUTE, PG_ATTRDEF,
        PG_CONSTRAINT, PG_SEQUENCE, PG_DESCRIPTION, PG_REWRITE, PG_DEPEND, PG_INDEX, PG_PROC, PG_EXTENSION,
        PG_TRIGGER, PG_TYPE, PG_ENUM, PG_AUTHID, PG_AUTH_MEMBERS, PG_DATABASE, PG_DEFAULT_ACL);

    public static final int DEP_OBJID = 1, DEP_REFOBJID = 4, DEP_REFOBJSUBID = 5, DEP_TYPE = 6;

    public static Value[] dependRow(long objid, long refobjid, int refobjsubid, String deptype) {
        return new Value[] {OidValue.oid(PG_CLASS_OID), OidValue.oid(objid), IntegerValue.int4(0),
            OidValue.oid(PG_CLASS_OID), OidValue.oid(refobjid), IntegerValue.int4(refobjsubid), TextValue.text(deptype)};
    }

    public static Value[] descriptionRow(long objoid, long classoid, int objsubid, String text) {
        return new Value[] {OidValue.oid(objoid), OidValue.oid(classoid), IntegerValue.int4(objsubid),
            TextValue.text(text)};
    }

    public static Value[] rewriteRow(long oid, long viewOid, String query) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, "_RETURN"), OidValue.oid(viewOid),
            TextValue.text("1"), TextValue.text(query)};
    }

    // pg_class column numbers used by the catalog code
    public static final int CLASS_OID = 0, CLASS_RELNAME = 1, CLASS_RELNAMESPACE = 2, CLASS_RELOWNER = 4,
        CLASS_RELFILENODE = 6, CLASS_RELPERSISTENCE = 12, CLASS_RELKIND = 13, CLASS_RELNATTS = 14, CLASS_RELOPTIONS = 15,
        CLASS_RELACL = 16, CLASS_RELISPOPULATED = 17;
    public static final int NSP_OWNER = 2, NSP_ACL = 3;

    /** pg_class.relispopulated of a stored row: false only for a materialized view without data (null in older rows: true). */
    public static boolean populated(Value[] cls) {
        return !(cls.length > CLASS_RELISPOPULATED && cls[CLASS_RELISPOPULATED] instanceof BoolValue b && !b.value());
    }

    /** An owner column's value: rows of builds before owners were recorded read null, the bootstrap superuser. */
    public static long owner(Value v) {
        return v == null ? SUPERUSER_OID : ((OidValue) v).value();
    }
    public static final int ATT_RELID = 0, ATT_NAME = 1, ATT_TYPID = 2, ATT_NUM = 4, ATT_TYPMOD = 5, ATT_NOTNULL = 6,
        ATT_HASDEF = 7, ATT_DROPPED = 8, ATT_IDENTITY = 9, ATT_GENERATED = 10, ATT_ACL = 11;
    public static final int CON_OID = 0, CON_NAME = 1, CON_NAMESPACE = 2, CON_TYPE = 3, CON_RELID = 7, CON_FRELID = 10, CON_KEY = 14,
        CON_BIN = 16, CON_TYPID = 8;
    public static final int ATTRDEF_RELID = 1, ATTRDEF_NUM = 2, ATTRDEF_BIN = 3;
    public static final int DESC_OBJOID = 0, REWRITE_CLASS = 2, REWRITE_ACTION = 4;

    private static TableDescriptor nailed(long oid, String name, List<Relation.Column> columns) {
        return nailed(oid, name, columns, DB_OID);
    }

    /** A shared catalog: one for the cluster, in {@code global/} (dbOid 0), as PostgreSQL's pg_authid. */
    private static TableDescriptor shared(long oid, String name, List<Relation.Column> columns) {
        return nailed(oid, name, columns, 0);
    }

    public static boolean isShared(TableDescriptor catalog) {
        return catalog.locator().dbOid() == 0;
    }

    private static TableDescriptor nailed(long oid, String name, List<Relation.Column> columns, int dbOid) {
        boolean[] notNull = new boolean[columns.size()];
        for (int i = 0; i < notNull.length; i++) {
            notNull[i] = columns.get(i).type() != PgType.TEXT;
        }
        return new TableDescriptor(oid, "pg_catalog", PG_CATALOG_NAMESPACE, name, new RelFileLocator(dbOid, oid),
            columns, notNull, new Expression[columns.size()], new String[columns.size()], null, true);
    }

    public static TableDescriptor nailedByName(String name) {
        for (TableDescriptor t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public static Value[] namespaceRow(long oid, String name, long owner) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(owner), null};
    }

    public static Value[] classRow(long oid, String name, long namespace, long relfilenode, int natts, String reloptions) {
        return classRow(oid, name, namespace, relfilenode, natts, reloptions, "r", "p", SUPERUSER_OID);
    }

    /**
     * A pg_class row of relkind r(table), S(equence), i(ndex), v(iew) or m(aterialized view; populated: see
     * {@link #populated}), relpersistence p(ermanent) or
     * t(emporary). relpages / reltuples are what PostgreSQL's creation leaves: 0 / -1 (never
     * vacuumed) for tables and views, 1 / 1 for a sequence (its one page and row), 1 / 0 for an index
     * (the metapage of an index built over no rows; PostgreSQL counts the rows of a populated table).
     */
    public static Value[] classRow(long oid, String name, long namespace, long relfilenode, int natts, String reloptions,
                                   String relkind, String relpersistence, long owner) {
        int pages = relkind.equals("S") || relkind.equals("i") ? 1 : 0;
        float tuples = relkind.equals("S") ? 1 : relkind.equals("i") ? 0 : -1;
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(namespace),
            OidValue.oid(0), OidValue.oid(owner), OidValue.oid(HEAP_AM_OID), OidValue.oid(relfilenode),
            OidValue.oid(0), IntegerValue.int4(pages), FloatValue.float4(tuples), BoolValue.FALSE, BoolValue.FALSE,
            TextValue.text(relpersistence), TextValue.text(relkind), IntegerValue.of(PgType.INT2, natts),
            reloptions == null ? null : TextValue.text(reloptions), null, BoolValue.TRUE, OidValue.oid(0), null, null};
    }

    /** A pg_attribute row; identity is "" or a(lways) / d (by default). */
    public static Value[] attributeRow(long relOid, int attnum, Relation.Column c, boolean notNull, boolean hasDefault,
                                       String identity) {
        return attributeRow(relOid, attnum, c, notNull, hasDefault, identity, false);
    }

    /**
     * As above; {@code generated}: a stored generated column (attgenerated s, its expression the
     * column's pg_attrdef row). Rows written before attgenerated existed decode it as null: ''.
     */
    public static Value[] attributeRow(long relOid, int attnum, Relation.Column c, boolean notNull, boolean hasDefault,
                                       String identity, boolean generated) {
        return new Value[] {OidValue.oid(relOid), new TextValue(PgType.NAME, c.name()),
            OidValue.oid(Integer.toUnsignedLong(c.type().oid())), IntegerValue.of(PgType.INT2, c.type().length()), IntegerValue.of(PgType.INT2, attnum),
            IntegerValue.int4(c.typmod()), BoolValue.of(notNull), BoolValue.of(hasDefault), BoolValue.FALSE,
            TextValue.text(identity == null ? "" : identity), TextValue.text(generated ? "s" : ""), null};
    }

    /** pg_attribute.attgenerated of a stored row: "s" or "" (null in rows older than the column). */
    public static boolean generated(Value[] attribute) {
        return attribute.length > ATT_GENERATED && attribute[ATT_GENERATED] instanceof TextValue g
            && g.value().equals("s");
    }

    public static Value[] attrdefRow(long oid, long relOid, int attnum, String text) {
        return new Value[] {OidValue.oid(oid), OidValue.oid(relOid), IntegerValue.of(PgType.INT2, attnum),
            TextValue.text(text)};
    }

    /** A pg_constraint row of a table constraint. */
    public static Value[] constraintRow(long oid, String name, long namespace, String type, long relOid,
                                        String conkey, long confrelid, String confkey, String confupdtype,
                                        String confdeltype, String conbin) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(namespace),
            TextValue.text(type), BoolValue.FALSE, BoolValue.FALSE, BoolValue.TRUE, OidValue.oid(relOid),
            OidValue.oid(0), OidValue.oid(0), OidValue.oid(confrelid), TextValue.text(confupdtype),
            TextValue.text(confdeltype), TextValue.text(confrelid == 0 ? " " : "s"),
            conkey == null ? null : TextValue.text(conkey), confkey == null ? null : TextValue.text(confkey),
            conbin == null ? null : TextValue.text(conbin)};
    }

    public static Value[] sequenceRow(long relOid, PgType type, long start, long increment, long max, long min,
                                      long cache, boolean cycle) {
        return new Value[] {OidValue.oid(relOid), OidValue.oid(type.oid()), IntegerValue.int8(start),
            IntegerValue.int8(increment), IntegerValue.int8(max), IntegerValue.int8(min), IntegerValue.int8(cache),
            BoolValue.of(cycle)};
    }
}

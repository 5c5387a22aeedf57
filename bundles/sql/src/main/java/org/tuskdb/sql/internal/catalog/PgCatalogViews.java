package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_catalog's relations as psql and drivers read them, with PostgreSQL 15's columns, computed
 * at scan start (a {@link SystemView} each). pg_class, pg_namespace, pg_attribute, pg_index and
 * pg_constraint shadow the stored bootstrap catalogs of the same names (which keep fewer columns,
 * text for "char"): their rows are the stored rows widened, with the columns Tusk has no data for
 * at PostgreSQL's defaults. The rest (pg_type, pg_am, pg_database, pg_roles ...) come from the
 * engine's constants, or are empty where Tusk has no such objects (pg_inherits, pg_trigger,
 * pg_policy, pg_extension, pg_publication ...). See the README's "System catalogs".
 */
public final class PgCatalogViews {
    private PgCatalogViews() {}

    /** A computed catalog relation: PostgreSQL's oid for it, its columns, its rows. */
    public record ComputedView(String name, long oid, List<Relation.Column> columns, Function<EvalContext, List<Value[]>> source)
        implements SystemView {
        @Override public String schema() { return "pg_catalog"; }
        @Override public List<Value[]> rows(EvalContext ctx) { return source.apply(ctx); }
    }

    /** The name of role 10, the bootstrap superuser (see {@link Roles}). */
    public static String superuserName(EvalContext ctx) {
        return Roles.of(ctx).name(Roles.BOOTSTRAP_SUPERUSER);
    }

    private static List<ComputedView> concat(List<ComputedView> a, List<ComputedView> b) {
        List<ComputedView> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
    public static final long DATABASE_OWNER_ROLE = 6171;
    /** initdb's privileges on schema public: its owner all, everyone USAGE. */
    private static final Value PUBLIC_ACL = new ArrayValue(PgType.TEXT_ARRAY, new Value[] {
        TextValue.text("pg_database_owner=UC/pg_database_owner"), TextValue.text("=U/pg_database_owner")});
    public static final long DEFAULT_COLLATION = 100, C_COLLATION = 950;

    private static final List<ComputedView> VIEWS = concat(concat(concat(RoleViews.views(), RangeViews.views()),
        TextSearchViews.views()), List.of(
        view("pg_class", 1259, PgCatalogViews::pgClass, "oid oid", "relname name", "relnamespace oid", "reltype oid",
            "reloftype oid", "relowner oid", "relam oid", "relfilenode oid", "reltablespace oid", "relpages int4",
            "reltuples float4", "relallvisible int4", "reltoastrelid oid", "relhasindex bool", "relisshared bool",
            "relpersistence char", "relkind char", "relnatts int2", "relchecks int2", "relhasrules bool",
            "relhastriggers bool", "relhassubclass bool", "relrowsecurity bool", "relforcerowsecurity bool",
            "relispopulated bool", "relreplident char", "relispartition bool", "relrewrite oid", "relfrozenxid xid",
            "relminmxid xid", "relacl text[]", "reloptions text[]", "relpartbound text"),
        view("pg_namespace", 2615, PgCatalogViews::pgNamespace, "oid oid", "nspname name", "nspowner oid",
            "nspacl text[]"),
        view("pg_attribute", 1249, PgCatalogViews::pgAttribute, "attrelid oid", "attname name", "atttypid oid",
            "attstattarget int4", "attlen int2", "attnum int2", "attndims int4", "attcacheoff int4", "atttypmod int4",
            "attbyval bool", "attalign char", "attstorage char", "attcompression char", "attnotnull bool",
            "atthasdef bool", "atthasmissing bool", "attidentity char", "attgenerated char", "attisdropped bool",
            "attislocal bool", "attinhcount int4", "attcollation oid", "attacl text[]", "attoptions text[]",
            "attfdwoptions text[]", "attmissingval text"),
        view("pg_index", 2610, PgCatalogViews::pgIndex, "indexrelid oid", "indrelid oid", "indnatts int2",
            "indnkeyatts int2", "indisunique bool", "indnullsnotdistinct bool", "indisprimary bool",
            "indisexclusion bool", "indimmediate bool", "indisclustered bool", "indisvalid bool", "indcheckxmin bool",
            "indisready bool", "indislive bool", "indisreplident bool", "indkey int2vector", "indcollation oid[]",
            "indclass oid[]", "indoption int2vector", "indexprs text", "indpred text"),
        view("pg_constraint", 2606, PgCatalogViews::pgConstraint, "oid oid", "conname name", "connamespace oid",
            "contype char", "condeferrable bool", "condeferred bool", "convalidated bool", "conrelid oid",
            "contypid oid", "conindid oid", "conparentid oid", "confrelid oid", "confupdtype char",
            "confdeltype char", "confmatchtype char", "conislocal bool", "coninhcount int4", "connoinherit bool",
            "conkey int2[]", "confkey int2[]", "conpfeqop oid[]", "conppeqop oid[]", "conffeqop oid[]",
            "confdelsetcols int2[]", "conexclop oid[]", "conbin text"),
        view("pg_indexes", 0, PgCatalogViews::pgIndexes, "schemaname name", "tablename name", "indexname name",
            "tablespace name", "indexdef text"),
        view("pg_tables", 0, PgCatalogViews::pgTables, "schemaname name", "tablename name", "tableowner name",
            "tablespace name", "hasindexes bool", "hasrules bool", "hastriggers bool", "rowsecurity bool"),
        view("pg_views", 0, PgCatalogViews::pgViews, "schemaname name", "viewname name", "viewowner name",
            "definition text"),
        view("pg_matviews", 0, PgCatalogViews::pgMatviews, "schemaname name", "matviewname name",
            "matviewowner name", "tablespace name", "hasindexes bool", "ispopulated bool", "definition text"),
        view("pg_sequences", 0, PgCatalogViews::pgSequences, "schemaname name", "sequencename name",
            "sequenceowner name", "data_type regtype", "start_value int8", "min_value int8", "max_value int8",
            "increment_by int8", "cycle bool", "cache_size int8", "last_value int8"),
        view("pg_rewrite", CatalogTables.PG_REWRITE_OID, PgCatalogViews::pgRewrite, "oid oid", "rulename name",
            "ev_class oid", "ev_type char", "ev_enabled char", "is_instead bool", "ev_qual text", "ev_action text"),
        view("pg_depend", CatalogTables.PG_DEPEND_OID, PgCatalogViews::pgDepend, "classid oid", "objid oid",
            "objsubid int4", "refclassid oid", "refobjid oid", "refobjsubid int4", "deptype char"),
        view("pg_type", 1247, PgCatalogViews::pgType, "oid oid", "typname name", "typnamespace oid", "typowner oid",
            "typlen int2", "typbyval bool", "typtype char", "typcategory char", "typispreferred bool",
            "typisdefined bool", "typdelim char", "typrelid oid", "typsubscript regproc", "typelem oid", "typarray oid",
            "typinput regproc", "typoutput regproc", "typreceive regproc", "typsend regproc", "typmodin regproc",
            "typmodout regproc", "typanalyze regproc", "typalign char",
            "typstorage char", "typnotnull bool", "typbasetype oid", "typtypmod int4", "typndims int4",
            "typcollation oid", "typdefaultbin text", "typdefault text", "typacl text[]"),
        view("pg_am", 2601, c -> rows(
            r(oid(2), name("heap"), regproc(3, "heap_tableam_handler"), ch("t")),
            r(oid(403), name("btree"), regproc(330, "bthandler"), ch("i")),
            r(oid(405), name("hash"), regproc(331, "hashhandler"), ch("i")),
            r(oid(783), name("gist"), regproc(332, "gisthandler"), ch("i")),
            r(oid(2742), name("gin"), regproc(333, "ginhandler"), ch("i")),
            r(oid(4000), name("spgist"), regproc(334, "spghandler"), ch("i")),
            r(oid(3580), name("brin"), regproc(335, "brinhandler"), ch("i"))),
            "oid oid", "amname name", "amhandler regproc", "amtype char"),
        view("pg_collation", 3456, c -> rows(
            r(oid(DEFAULT_COLLATION), name("default"), oid(11), oid(10), ch("d"), BoolValue.TRUE, int4(-1), null, null,
                null, null),
            r(oid(C_COLLATION), name("C"), oid(11), oid(10), ch("c"), BoolValue.TRUE, int4(-1), text("C"), text("C"),
                null, null),
            r(oid(951), name("POSIX"), oid(11), oid(10), ch("c"), BoolValue.TRUE, int4(-1), text("POSIX"),
                text("POSIX"), null, null)),
            "oid oid", "collname name", "collnamespace oid", "collowner oid", "collprovider char",
            "collisdeterministic bool", "collencoding int4", "collcollate text", "collctype text",
            "colliculocale text", "collversion text"),
        view("pg_database", 1262, PgCatalogViews::pgDatabase, "oid oid", "datname name", "datdba oid",
            "encoding int4", "datlocprovider char", "datistemplate bool", "datallowconn bool", "datconnlimit int4",
            "datfrozenxid xid", "datminmxid xid", "dattablespace oid", "datcollate text", "datctype text",
            "daticulocale text", "datcollversion text", "datacl text[]"),
        view("pg_tablespace", 1213, c -> rows(r(oid(1663), name("pg_default"), oid(10), null, null),
            r(oid(1664), name("pg_global"), oid(10), null, null)),
            "oid oid", "spcname name", "spcowner oid", "spcacl text[]", "spcoptions text[]"),
        view("pg_extension", CatalogTables.PG_EXTENSION_OID, PgCatalogViews::pgExtension, "oid oid", "extname name",
            "extowner oid", "extnamespace oid", "extrelocatable bool", "extversion text", "extconfig oid[]",
            "extcondition text[]"),
        view("pg_available_extensions", 0, c -> availableExtensions(c, false), "name name", "default_version text",
            "installed_version text", "comment text"),
        view("pg_available_extension_versions", 0, c -> availableExtensions(c, true), "name name", "version text",
            "installed bool", "superuser bool", "trusted bool", "relocatable bool", "schema name", "requires name[]",
            "comment text"),
        view("pg_inherits", 2611, PartitionViews::pgInherits, "inhrelid oid", "inhparent oid", "inhseqno int4",
            "inhdetachpending bool"),
        view("pg_policy", 3256, c -> List.of(), "oid oid", "polname name", "polrelid oid", "polcmd char",
            "polpermissive bool", "polroles oid[]", "polqual text", "polwithcheck text"),
        view("pg_trigger", CatalogTables.PG_TRIGGER_OID, PgCatalogViews::pgTrigger, "oid oid", "tgrelid oid",
            "tgparentid oid", "tgname name",
            "tgfoid oid", "tgtype int2", "tgenabled char", "tgisinternal bool", "tgconstrrelid oid",
            "tgconstrindid oid", "tgconstraint oid", "tgdeferrable bool", "tginitdeferred bool", "tgnargs int2",
            "tgattr int2vector", "tgargs bytea", "tgqual text", "tgoldtable name", "tgnewtable name"),
        view("pg_rules", 0, c -> List.of(), "schemaname name", "tablename name", "rulename name", "definition text"),
        // max_prepared_transactions is 0: never a prepared transaction
        view("pg_prepared_xacts", 0, c -> List.of(), "transaction xid", "gid text", "prepared timestamptz",
            "owner name", "database name"),
        view("pg_statistic_ext", 3381, c -> List.of(), "oid oid", "stxrelid oid", "stxname name",
            "stxnamespace oid", "stxowner oid", "stxstattarget int4", "stxkeys int2[]", "stxkind char[]",
            "stxexprs text"),
        view("pg_publication", 6104, c -> List.of(), "oid oid", "pubname name", "pubowner oid",
            "puballtables bool", "pubinsert bool", "pubupdate bool", "pubdelete bool", "pubtruncate bool",
            "pubviaroot bool"),
        view("pg_publication_rel", 6106, c -> List.of(), "oid oid", "prpubid oid", "prrelid oid", "prqual text",
            "prattrs int2[]"),
        view("pg_publication_namespace", 6237, c -> List.of(), "oid oid", "pnpubid oid", "pnnspid oid"),
        view("pg_foreign_table", 3118, c -> List.of(), "ftrelid oid", "ftserver oid", "ftoptions text[]"),
        view("pg_partitioned_table", 3350, PartitionViews::pgPartitionedTable, "partrelid oid", "partstrat char", "partnatts int2",
            "partdefid oid", "partattrs int2vector", "partclass oidvector", "partcollation oidvector", "partexprs text"),
        view("pg_language", 2612, c -> rows(language(12, "internal", 2246), language(13, "c", 2247),
            language(14, "sql", 2248), language(UserFunction.LANGUAGE_PLPGSQL,
                "plpgsql", 0)), "oid oid", "lanname name", "lanowner oid", "lanispl bool",
            "lanpltrusted bool", "lanplcallfoid oid", "laninline oid", "lanvalidator oid", "lanacl text[]"),
        // catalogs of objects Tusk does not have (yet): empty, with PostgreSQL 15's columns
        view("pg_aggregate", 2600, c -> List.of(), "aggfnoid regproc", "aggkind char", "aggnumdirectargs int2",
            "aggtransfn regproc", "aggfinalfn regproc", "aggcombinefn regproc", "aggserialfn regproc",
            "aggdeserialfn regproc", "aggmtransfn regproc", "aggminvtransfn regproc", "aggmfinalfn regproc",
            "aggfinalextra bool", "aggmfinalextra bool", "aggfinalmodify char", "aggmfinalmodify char",
            "aggsortop oid", "aggtranstype oid", "aggtransspace int4", "aggmtranstype oid", "aggmtransspace int4",
            "agginitval text", "aggminitval text"),
        view("pg_amop", 2602, c -> List.of(), "oid oid", "amopfamily oid", "amoplefttype oid", "amoprighttype oid",
            "amopstrategy int2", "amoppurpose char", "amopopr oid", "amopmethod oid", "amopsortfamily oid"),
        view("pg_amproc", 2603, c -> List.of(), "oid oid", "amprocfamily oid", "amproclefttype oid",
            "amprocrighttype oid", "amprocnum int2", "amproc regproc"),
        view("pg_conversion", 2607, c -> List.of(), "oid oid", "conname name", "connamespace oid", "conowner oid",
            "conforencoding int4", "contoencoding int4", "conproc regproc", "condefault bool"),
        view("pg_default_acl", 826, PgCatalogViews::pgDefaultAcl, "oid oid", "defaclrole oid", "defaclnamespace oid",
            "defaclobjtype char", "defaclacl text[]"),
        view("pg_enum", 3501, PgCatalogViews::pgEnum, "oid oid", "enumtypid oid", "enumsortorder float4", "enumlabel name"),
        view("pg_foreign_data_wrapper", 2328, c -> List.of(), "oid oid", "fdwname name", "fdwowner oid",
            "fdwhandler oid", "fdwvalidator oid", "fdwacl text[]", "fdwoptions text[]"),
        view("pg_foreign_server", 1417, c -> List.of(), "oid oid", "srvname name", "srvowner oid", "srvfdw oid",
            "srvtype text", "srvversion text", "srvacl text[]", "srvoptions text[]"),
        view("pg_user_mapping", 1418, c -> List.of(), "oid oid", "umuser oid", "umserver oid", "umoptions text[]"),
        view("pg_init_privs", 3394, PgCatalogViews::pgInitPrivs, "objoid oid", "classoid oid", "objsubid int4",
            "privtype char", "initprivs text[]"),
        view("pg_largeobject_metadata", 2995, c -> List.of(), "oid oid", "lomowner oid", "lomacl text[]"),
        view("pg_opclass", 2616, c -> List.of(), "oid oid", "opcmethod oid", "opcname name", "opcnamespace oid",
            "opcowner oid", "opcfamily oid", "opcintype oid", "opcdefault bool", "opckeytype oid"),
        view("pg_opfamily", 2753, c -> List.of(), "oid oid", "opfmethod oid", "opfname name", "opfnamespace oid",
            "opfowner oid"),
        view("pg_seclabel", 3596, c -> List.of(), "objoid oid", "classoid oid", "objsubid int4", "provider text",
            "label text"),
        view("pg_seclabels", 0, c -> List.of(), "objoid oid", "classoid oid", "objsubid int4", "objtype text",
            "objnamespace oid", "objname text", "provider text", "label text"),
        view("pg_shdescription", 2396, c -> List.of(), "objoid oid", "classoid oid", "description text"),
        view("pg_shseclabel", 3592, c -> List.of(), "objoid oid", "classoid oid", "provider text", "label text"),
        view("pg_parameter_acl", 6243, c -> List.of(), "oid oid", "parname text", "paracl text[]"),
        view("pg_subscription", 6100, c -> List.of(), "oid oid", "subdbid oid", "subskiplsn pg_lsn", "subname name",
            "subowner oid", "subenabled bool", "subbinary bool", "substream bool", "subtwophasestate char",
            "subdisableonerr bool", "subconninfo text", "subslotname name", "subsynccommit text",
            "subpublications text[]"),
        view("pg_transform", 3576, c -> List.of(), "oid oid", "trftype oid", "trflang oid", "trffromsql regproc",
            "trftosql regproc"),
        view("pg_event_trigger", 3466, c -> List.of(), "oid oid", "evtname name", "evtevent name", "evtowner oid",
            "evtfoid oid", "evtenabled char", "evttags text[]")));

    private static final Map<String, ComputedView> BY_NAME = new HashMap<>();
    private static final Map<Long, String> NAME_BY_OID = new HashMap<>();

    /** pg_proc: computed from the function registry (see the function package's PgProc). */
    public static final long PG_PROC_OID = 1255;
    /** pg_operator and pg_cast: computed by the function package's PgOperator and PgCast. */
    public static final long PG_OPERATOR_OID = 2617, PG_CAST_OID = 2605;

    static {
        NAME_BY_OID.put(PG_PROC_OID, "pg_proc");
        NAME_BY_OID.put(PG_OPERATOR_OID, "pg_operator");
        NAME_BY_OID.put(PG_CAST_OID, "pg_cast");
        for (ComputedView v : VIEWS) {
            BY_NAME.put(v.name(), v);
            if (v.oid() != 0) {
                NAME_BY_OID.put(v.oid(), v.name());
            }
        }
    }

    public static List<SystemView> all() {
        return List.copyOf(VIEWS);
    }

    /** The oid of a computed pg_catalog relation of that name, or 0. */
    public static long oidOf(String name) {
        if (name.equals("pg_proc")) {
            return PG_PROC_OID;
        }
        if (name.equals("pg_operator")) {
            return PG_OPERATOR_OID;
        }
        if (name.equals("pg_cast")) {
            return PG_CAST_OID;
        }
        ComputedView v = BY_NAME.get(name);
        return v == null ? 0 : v.oid();
    }

    /** The name of the computed pg_catalog relation with that oid, or null. */
    public static String nameOf(long oid) {
        return NAME_BY_OID.get(oid);
    }

    // ---- stored catalogs, widened --------------------------------------------------------------

    /** The stored user triggers (TriggerCatalog), widened: no internal, constraint or transition-table triggers. */
    private static List<Value[]> pgTrigger(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_TRIGGER, sc.freshSnapshot())) {
            Value[] s = e.row();
            int[] attnums = TriggerCatalog.attnums(s[CatalogTables.TG_ATTR]);
            Value[] attr = new Value[attnums.length];
            for (int i = 0; i < attr.length; i++) {
                attr[i] = IntegerValue.of(PgType.INT2, attnums[i]);
            }
            StringBuilder args = new StringBuilder();
            for (String a : TriggerCatalog.args(s[CatalogTables.TG_ARGS])) {
                args.append(a).append('\0');
            }
            out.add(new Value[] {s[CatalogTables.TG_OID], s[CatalogTables.TG_RELID], oid(0), s[CatalogTables.TG_NAME],
                s[CatalogTables.TG_FOID], s[CatalogTables.TG_TYPE], ch(str(s[CatalogTables.TG_ENABLED])),
                BoolValue.FALSE, oid(0), oid(0), oid(0), BoolValue.FALSE, BoolValue.FALSE, s[CatalogTables.TG_NARGS],
                new ArrayValue(PgType.INT2VECTOR, attr),
                new org.tuskdb.sql.internal.value.ByteaValue(args.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                s[CatalogTables.TG_QUAL], null, null});
        }
        return out;
    }

    private static List<Value[]> pgClass(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        Roles roles = Roles.of(ctx);
        Map<Long, Integer> checks = new HashMap<>();
        // PostgreSQL's foreign keys are triggers on both tables: relhastriggers tells psql to look for them
        java.util.Set<Long> triggers = new java.util.HashSet<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_CONSTRAINT, snap)) {
            String type = str(e.row()[CatalogTables.CON_TYPE]);
            if ("c".equals(type)) {
                checks.merge(oidv(e.row()[CatalogTables.CON_RELID]), 1, Integer::sum);
            } else if ("f".equals(type)) {
                triggers.add(oidv(e.row()[CatalogTables.CON_RELID]));
                triggers.add(oidv(e.row()[CatalogTables.CON_FRELID]));
            }
        }
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_TRIGGER, snap)) {
            triggers.add(oidv(e.row()[CatalogTables.TG_RELID]));
        }
        java.util.Set<Long> indexed = new java.util.HashSet<>();
        Map<Long, Long> indexTable = new HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_INDEX, snap)) {
            indexed.add(oidv(e.row()[1]));
            indexTable.put(oidv(e.row()[0]), oidv(e.row()[1]));
        }
        List<CatalogStore.Entry> classes = store.all(CatalogTables.PG_CLASS, snap);
        // partitioning: a partitioned table has subclasses, its indexes are partitioned indexes (relkind I)
        java.util.Set<Long> parents = new java.util.HashSet<>();
        java.util.Set<Long> partitioned = new java.util.HashSet<>();
        for (CatalogStore.Entry e : classes) {
            long parent = CatalogTables.partitionParent(e.row());
            if (parent != 0) {
                parents.add(parent);
            }
            if ("p".equals(str(e.row()[CatalogTables.CLASS_RELKIND]))) {
                partitioned.add(oidv(e.row()[CatalogTables.CLASS_OID]));
            }
        }
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : classes) {
            ctx.checkForInterrupts();
            Value[] s = e.row();
            long oid = oidv(s[CatalogTables.CLASS_OID]);
            String kind = str(s[CatalogTables.CLASS_RELKIND]);
            if (kind.equals("i") && partitioned.contains(indexTable.getOrDefault(oid, 0L))) {
                kind = "I";
            }
            long am = switch (kind) {
                case "r", "m", "t" -> CatalogTables.HEAP_AM_OID;
                case "i" -> 403;
                default -> 0;
            };
            boolean table = kind.equals("r") || kind.equals("m");
            out.add(new Value[] {s[0], s[1], s[2], RowTypes.hasRowType(kind) ? oid(RowTypes.rowTypeOid(oid)) : s[3],
                oid(0), s[4], oid(am), kind.equals("v") || kind.equals("p") || kind.equals("I") ? oid(0) : s[6],
                s[7], s[8], s[9], int4(0), oid(0), BoolValue.of(indexed.contains(oid)), s[11],
                ch(str(s[CatalogTables.CLASS_RELPERSISTENCE])), ch(kind), s[CatalogTables.CLASS_RELNATTS],
                IntegerValue.of(PgType.INT2, checks.getOrDefault(oid, 0)), BoolValue.of(kind.equals("v") || kind.equals("m")),
                BoolValue.of(triggers.contains(oid)), BoolValue.of(parents.contains(oid)), BoolValue.FALSE,
                BoolValue.FALSE, BoolValue.of(CatalogTables.populated(s)),
                ch(table || kind.equals("p") ? "d" : "n"), BoolValue.of(CatalogTables.partitionParent(s) != 0), oid(0),
                new OidValue(PgType.XID, 0),
                new OidValue(PgType.XID, 0), AclItems.displayArray(s[CatalogTables.CLASS_RELACL], roles),
                textArray(s[CatalogTables.CLASS_RELOPTIONS]),
                CatalogTables.partitionParent(s) != 0 ? s[CatalogTables.CLASS_RELPARTBOUND] : null});
        }
        return out;
    }

    /** The rows of a stored catalog, as this statement's fresh catalog snapshot sees them. */
    static List<CatalogStore.Entry> stored(StorageContext sc, TableDescriptor catalog) {
        return new CatalogStore(sc.heap(), sc.transaction()).all(catalog, sc.freshSnapshot());
    }

    /** pg_namespace as SQL sees it (owners, ACLs). */
    static List<Value[]> pgNamespaceRows(EvalContext ctx) {
        return pgNamespace(ctx);
    }

    private static List<Value[]> pgNamespace(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return rows(r(oid(11), name("pg_catalog"), oid(10), null), r(oid(2200), name("public"),
                oid(DATABASE_OWNER_ROLE), null));
        }
        List<Value[]> out = new ArrayList<>();
        Roles roles = Roles.of(ctx);
        for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_NAMESPACE)) {
            Value[] s = e.row();
            long oid = oidv(s[0]);
            boolean pub = oid == CatalogTables.PUBLIC_NAMESPACE;
            // public: initdb's owner and ACL (stored since roles exist; rows of older builds have neither)
            boolean old = pub && CatalogTables.owner(s[2]) == CatalogTables.SUPERUSER_OID && s[3] == null;
            out.add(new Value[] {s[0], s[1], old ? oid(DATABASE_OWNER_ROLE) : s[2], old || pub && s[3] == null
                ? PUBLIC_ACL : AclItems.displayArray(s[3], roles)});
        }
        out.add(new Value[] {oid(InformationSchema.NAMESPACE_OID), name(InformationSchema.SCHEMA), oid(10), null});
        return out;
    }

    private static List<Value[]> pgAttribute(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Value[]> out = new ArrayList<>();
        Map<Long, Map<Integer, Value[]>> byRel = new HashMap<>();
        Roles roles = Roles.of(ctx);
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_ATTRIBUTE, snap)) {
            ctx.checkForInterrupts();
            Value[] s = e.row();
            PgType t = CatalogNames.typeByOid(sc, oidv(s[CatalogTables.ATT_TYPID]));
            String identity = s[CatalogTables.ATT_IDENTITY] == null ? "" : str(s[CatalogTables.ATT_IDENTITY]);
            Value[] row = attribute(s[0], s[1], s[2], t, s[CatalogTables.ATT_NUM], s[CatalogTables.ATT_TYPMOD],
                s[CatalogTables.ATT_NOTNULL], s[CatalogTables.ATT_HASDEF], identity,
                CatalogTables.generated(s) ? "s" : "", s[CatalogTables.ATT_DROPPED]);
            if (s[CatalogTables.ATT_ACL] != null) {
                row[22] = AclItems.displayArray(s[CatalogTables.ATT_ACL], roles);
            }
            out.add(row);
            byRel.computeIfAbsent(oidv(s[0]), k -> new HashMap<>())
                .put((int) ((IntegerValue) s[CatalogTables.ATT_NUM]).value(), row);
        }
        // in (attrelid, attnum) order, as PostgreSQL's psql queries read them (through
        // pg_attribute_relid_attnum_index): a row an ALTER or GRANT rewrote does not move to the end
        out.sort(java.util.Comparator.<Value[]>comparingLong(r -> oidv(r[0]))
            .thenComparingLong(r -> ((IntegerValue) r[5]).value()));
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_CLASS, snap)) {
            if (RowTypes.hasSystemColumns(str(e.row()[CatalogTables.CLASS_RELKIND]))
                && byRel.containsKey(oidv(e.row()[CatalogTables.CLASS_OID]))) {
                RowTypes.systemColumns(e.row()[CatalogTables.CLASS_OID], out);
            }
        }
        // an index's columns (Tusk stores no pg_attribute rows for indexes): its key columns' copies
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_INDEX, snap)) {
            Value[] s = e.row();
            Map<Integer, Value[]> cols = byRel.getOrDefault(oidv(s[1]), Map.of());
            int n = 1;
            for (int k : int2vector(s[5])) {
                Value[] c = cols.get(k);
                if (c != null) {
                    Value[] row = c.clone();
                    row[0] = s[0];
                    row[5] = IntegerValue.of(PgType.INT2, n);
                    row[13] = BoolValue.FALSE;
                    row[14] = BoolValue.FALSE;
                    row[16] = ch("");
                    row[22] = null;
                    out.add(row);
                }
                n++;
            }
        }
        return out;
    }

    private static Value[] attribute(Value relid, Value name, Value typid, PgType t, Value attnum, Value typmod,
                                     Value notNull, Value hasDef, String identity, String generated, Value dropped) {
        int len = t == null ? -1 : t.length();
        return new Value[] {relid, name, typid, int4(-1), IntegerValue.of(PgType.INT2, len), attnum,
            int4(t != null && t.isArray() ? 1 : 0), int4(-1), typmod, BoolValue.of(len > 0 && len <= 8),
            ch(align(t)), ch(storage(t)), ch(""), notNull, hasDef, BoolValue.FALSE, ch(identity), ch(generated), dropped,
            BoolValue.TRUE, int4(0), oid(collation(t)), null, null, null, null};
    }

    private static List<Value[]> pgIndex(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_INDEX)) {
            Value[] s = e.row();
            int[] keys = int2vector(s[5]);
            Value[] coll = new Value[keys.length];
            Value[] cls = new Value[keys.length];
            for (int i = 0; i < keys.length; i++) {
                coll[i] = oid(0);
                cls[i] = oid(0);
            }
            out.add(new Value[] {s[0], s[1], s[2], s[2], s[3], BoolValue.FALSE, s[4], BoolValue.FALSE, BoolValue.TRUE,
                BoolValue.FALSE, BoolValue.TRUE, BoolValue.FALSE, BoolValue.TRUE, BoolValue.TRUE, BoolValue.FALSE,
                int2vector(keys), new ArrayValue(PgType.OID_ARRAY, coll), new ArrayValue(PgType.OID_ARRAY, cls),
                int2vector(int2vector(s[6])), s.length > IndexCatalog.IND_EXPRS ? s[IndexCatalog.IND_EXPRS] : null,
                s.length > IndexCatalog.IND_PRED ? s[IndexCatalog.IND_PRED] : null});
        }
        return out;
    }

    private static List<Value[]> pgConstraint(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        List<Value[]> out = new ArrayList<>();
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Value[]> indexes = null;
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_CONSTRAINT, snap)) {
            Value[] s = e.row();
            Value indid = s[9];
            if ("f".equals(str(s[3])) && oidv(indid) == 0) {
                if (indexes == null) {
                    indexes = new ArrayList<>();
                    for (CatalogStore.Entry i : store.all(CatalogTables.PG_INDEX, snap)) {
                        indexes.add(i.row());
                    }
                }
                indid = oid(referencedIndex(indexes, oidv(s[10]), str(s[15])));
            }
            out.add(new Value[] {s[0], s[1], s[2], ch(str(s[3])), s[4], s[5], s[6], s[7], s[8], indid, oid(0), s[10],
                ch(str(s[11])), ch(str(s[12])), ch(str(s[13])), BoolValue.TRUE, int4(0), BoolValue.FALSE,
                int2Array(s[14]), int2Array(s[15]), null, null, null, null, null, s[16]});
        }
        return out;
    }

    /**
     * A foreign key's conindid: the unique index of the referenced table whose columns are the
     * key's referenced columns (as a set; plain columns, not partial), the first by oid as
     * PostgreSQL's transformFkeyCheckAttrs finds it; 0 if none.
     */
    private static long referencedIndex(List<Value[]> indexes, long table, String confkey) {
        if (confkey == null) {
            return 0;
        }
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        for (int k : parseIntArray(confkey)) {
            wanted.add(k);
        }
        long best = 0;
        for (Value[] ix : indexes) {
            if (oidv(ix[IndexCatalog.IND_TABLE]) != table || !(ix[IndexCatalog.IND_UNIQUE] instanceof BoolValue u && u.value())
                || IndexCatalog.text(ix, IndexCatalog.IND_EXPRS) != null
                || IndexCatalog.text(ix, IndexCatalog.IND_PRED) != null) {
                continue;
            }
            java.util.Set<Integer> cols = new java.util.HashSet<>();
            for (int k : int2vector(ix[IndexCatalog.IND_KEY])) {
                cols.add(k);
            }
            long oid = oidv(ix[IndexCatalog.IND_RELID]);
            if (cols.equals(wanted) && (best == 0 || oid < best)) {
                best = oid;
            }
        }
        return best;
    }

    private static final java.util.regex.Pattern NEXTVAL =
        java.util.regex.Pattern.compile("nextval\\('((?:[^']|'')+)'(?:::regclass)?\\)");

    /**
     * pg_depend: the stored dependencies (a serial's or identity's sequence on its column, a view on
     * its tables), plus those of every column default as PostgreSQL records them: on its column
     * (a) and on each sequence its nextval() names (n), which Django's get_sequences joins through.
     */
    private static List<Value[]> pgDepend(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_DEPEND, snap)) {
            Value[] s = e.row();
            out.add(new Value[] {s[0], s[1], s[2], s[3], s[4], s[5], ch(str(s[6]))});
        }
        Value attrdef = oid(CatalogTables.PG_ATTRDEF_OID), pgClass = oid(CatalogTables.PG_CLASS_OID);
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_ATTRDEF, snap)) {
            Value[] d = e.row();
            out.add(new Value[] {attrdef, d[0], int4(0), pgClass, d[1], int4(((IntegerValue) d[2]).value()), ch("a")});
            String text = str(d[3]);
            if (text == null || !text.contains("nextval(")) {
                continue;
            }
            java.util.regex.Matcher m = NEXTVAL.matcher(text);
            while (m.find()) {
                long seq;
                try {
                    seq = CatalogNames.relationOid(sc, m.group(1).replace("''", "'"));
                } catch (org.tuskdb.api.DatabaseException ex) {
                    continue; // a sequence dropped since (PostgreSQL's dependency would have prevented that)
                }
                out.add(new Value[] {attrdef, d[0], int4(0), pgClass, oid(seq), int4(0), ch("n")});
            }
        }
        return out;
    }

    /** pg_extension: the stored rows (plpgsql's from the bootstrap, CREATE EXTENSION's). */
    private static List<Value[]> pgExtension(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_EXTENSION, sc.freshSnapshot())) {
            Value[] x = e.row();
            out.add(new Value[] {x[0], x[1], x[2], x[3], x[4], x[5], null, null});
        }
        return out;
    }

    /** pg_available_extensions / _versions: function/ExtensionLibrary's, with the installed version. */
    private static List<Value[]> availableExtensions(EvalContext ctx, boolean versions) {
        Map<String, String> installed = new HashMap<>();
        for (Value[] x : pgExtension(ctx)) {
            installed.put(str(x[1]), str(x[5]));
        }
        List<Value[]> out = new ArrayList<>();
        for (org.tuskdb.sql.internal.function.ExtensionLibrary.Extension e
                : org.tuskdb.sql.internal.function.ExtensionLibrary.available()) {
            String have = installed.get(e.name());
            if (versions) {
                out.add(new Value[] {name(e.name()), text(e.version()), BoolValue.of(e.version().equals(have)),
                    BoolValue.TRUE, BoolValue.TRUE,
                    BoolValue.of(e.relocatable()), e.schema() == null ? null : name(e.schema()), null,
                    text(e.comment())});
            } else {
                out.add(new Value[] {name(e.name()), text(e.version()), have == null ? null : text(have),
                    text(e.comment())});
            }
        }
        return out;
    }

    /** pg_class rows by oid and namespace names by oid, under one snapshot (empty without catalogs). */
    record Classes(Map<Long, Value[]> byOid, Map<Long, String> namespaces) {
        static Classes read(StorageContext sc) {
            Map<Long, Value[]> byOid = new java.util.LinkedHashMap<>();
            Map<Long, String> namespaces = new HashMap<>();
            if (CatalogNames.tables(sc)) {
                Snapshot snap = sc.freshSnapshot();
                CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
                for (CatalogStore.Entry e : store.all(CatalogTables.PG_CLASS, snap)) {
                    byOid.put(oidv(e.row()[CatalogTables.CLASS_OID]), e.row());
                }
                for (CatalogStore.Entry e : store.all(CatalogTables.PG_NAMESPACE, snap)) {
                    namespaces.put(oidv(e.row()[0]), str(e.row()[1]));
                }
            }
            return new Classes(byOid, namespaces);
        }

        String schema(Value[] rel) {
            return namespaces.get(oidv(rel[CatalogTables.CLASS_RELNAMESPACE]));
        }

        List<Value[]> ofKind(String kind) {
            List<Value[]> out = new ArrayList<>();
            for (Value[] r : byOid.values()) {
                if (str(r[CatalogTables.CLASS_RELKIND]).equals(kind) && schema(r) != null) {
                    out.add(r);
                }
            }
            return out;
        }
    }

    private static List<Value[]> pgIndexes(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        Classes c = Classes.read(sc);
        if (c.byOid().isEmpty()) {
            return List.of();
        }
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_INDEX)) {
            Value[] index = c.byOid().get(oidv(e.row()[0]));
            Value[] table = c.byOid().get(oidv(e.row()[1]));
            if (index == null || table == null || c.schema(table) == null) {
                continue;
            }
            String def = org.tuskdb.sql.internal.function.CatalogFunctions.indexDefinition(ctx, oidv(e.row()[0]));
            out.add(new Value[] {name(c.schema(table)), table[CatalogTables.CLASS_RELNAME],
                index[CatalogTables.CLASS_RELNAME], null, def == null ? null : text(def)});
        }
        return out;
    }

    private static List<Value[]> pgTables(EvalContext ctx) {
        List<Value[]> classes = pgClass(ctx);
        Map<Long, String> namespaces = new HashMap<>();
        for (Value[] n : pgNamespace(ctx)) {
            namespaces.put(oidv(n[0]), str(n[1]));
        }
        Roles roles = Roles.of(ctx);
        List<Value[]> out = new ArrayList<>();
        for (Value[] r : classes) {
            String schema = namespaces.get(oidv(r[2]));
            if ((str(r[16]).equals("r") || str(r[16]).equals("p")) && schema != null) {
                out.add(new Value[] {name(schema), r[1], name(roles.name(oidv(r[5]))), null, r[13], r[19], r[20], r[22]});
            }
        }
        return out;
    }

    private static List<Value[]> pgViews(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        Classes c = Classes.read(sc);
        Roles roles = Roles.of(ctx);
        List<Value[]> out = new ArrayList<>();
        for (Value[] v : c.ofKind("v")) {
            String owner = roles.name(CatalogTables.owner(v[CatalogTables.CLASS_RELOWNER]));
            String def = org.tuskdb.sql.internal.function.CatalogFunctions.viewDefinition(ctx,
                oidv(v[CatalogTables.CLASS_OID]));
            out.add(new Value[] {name(c.schema(v)), v[CatalogTables.CLASS_RELNAME], name(owner),
                def == null ? null : text(def)});
        }
        return out;
    }

    private static List<Value[]> pgMatviews(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        Classes c = Classes.read(sc);
        if (c.byOid().isEmpty()) {
            return List.of();
        }
        java.util.Set<Long> indexed = new java.util.HashSet<>();
        for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_INDEX)) {
            indexed.add(oidv(e.row()[1]));
        }
        String owner = superuserName(ctx);
        List<Value[]> out = new ArrayList<>();
        for (Value[] v : c.ofKind("m")) {
            long oid = oidv(v[CatalogTables.CLASS_OID]);
            String def = org.tuskdb.sql.internal.function.CatalogFunctions.viewDefinition(ctx, oid);
            out.add(new Value[] {name(c.schema(v)), v[CatalogTables.CLASS_RELNAME], name(owner), null,
                BoolValue.of(indexed.contains(oid)), BoolValue.of(CatalogTables.populated(v)),
                def == null ? null : text(def)});
        }
        return out;
    }

    private static List<Value[]> pgSequences(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        Classes c = Classes.read(sc);
        if (c.byOid().isEmpty()) {
            return List.of();
        }
        Roles roles = Roles.of(ctx);
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_SEQUENCE)) {
            Value[] q = e.row();
            Value[] rel = c.byOid().get(oidv(q[0]));
            if (rel == null || c.schema(rel) == null || "t".equals(str(rel[CatalogTables.CLASS_RELPERSISTENCE]))) {
                continue;
            }
            String owner = roles.name(CatalogTables.owner(rel[CatalogTables.CLASS_RELOWNER]));
            org.tuskdb.sql.internal.sequence.SequenceState state = SequenceDescriptor.storage(sc.services()).read(
                new org.tuskdb.api.storage.RelFileLocator(CatalogTables.DB_OID, oidv(rel[CatalogTables.CLASS_RELFILENODE])));
            out.add(new Value[] {name(c.schema(rel)), rel[CatalogTables.CLASS_RELNAME], name(owner),
                new OidValue(PgType.REGTYPE, oidv(q[1])), q[2], q[5], q[4], q[3], q[7], q[6],
                state.isCalled() ? IntegerValue.int8(state.lastValue()) : null});
        }
        return out;
    }

    /** A view's _RETURN rule: an unconditional INSTEAD SELECT (ev_type 1), enabled at origin. */
    private static List<Value[]> pgRewrite(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_REWRITE)) {
            Value[] s = e.row();
            out.add(new Value[] {s[0], s[1], s[CatalogTables.REWRITE_CLASS], ch(str(s[3])), ch("O"), BoolValue.TRUE,
                text("<>"), s[CatalogTables.REWRITE_ACTION]});
        }
        return out;
    }

    // ---- constants ---------------------------------------------------------------------------

    /** pg_type's rows in oid order, as initdb wrote them (the JDBC driver's getTypeInfo keeps that order). */
    private static final List<PgType> TYPES_BY_OID = PgType.all().stream()
        .sorted(java.util.Comparator.comparingInt(PgType::oid)).toList();

    private static List<Value[]> pgType(EvalContext ctx) {
        List<Value[]> out = new ArrayList<>();
        for (PgType t : TYPES_BY_OID) {
            PgType array = t.isArray() || t.isPseudo() ? null : PgType.arrayOf(t);
            OidValue[] io = TypeIoFunctions.of(t);
            out.add(new Value[] {oid(t.oid()), name(t.name()), oid(11), oid(10), IntegerValue.of(PgType.INT2, t.length()),
                BoolValue.of(t.length() > 0 && t.length() <= 8), ch(t.isPseudo() ? "p" : t.isRange() ? "r" : "b"),
                ch(String.valueOf(t.category())), BoolValue.of(t.isPreferred()), BoolValue.TRUE, ch(","), oid(0),
                io[TypeIoFunctions.SUBSCRIPT], oid(t.isArray() ? t.elementType().oid() : 0),
                oid(array == null ? 0 : array.oid()), io[TypeIoFunctions.INPUT], io[TypeIoFunctions.OUTPUT],
                io[TypeIoFunctions.RECEIVE], io[TypeIoFunctions.SEND], io[TypeIoFunctions.MODIN],
                io[TypeIoFunctions.MODOUT], io[TypeIoFunctions.ANALYZE], ch(align(t)),
                ch(storage(t)), BoolValue.FALSE, oid(0), int4(-1), int4(0), oid(collation(t)), null, null, null});
        }
        StorageContext sc = ctx.storage();
        if (CatalogNames.tables(sc)) {
            RelationCache rc = sc.relationCache();
            long ownTemp = rc == null ? -1 : rc.tempNamespace();
            for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_CLASS)) {
                Value[] s = e.row();
                // other sessions' temporary tables (a pooled backend's warm-up table) show no row type
                boolean othersTemp = "t".equals(str(s[CatalogTables.CLASS_RELPERSISTENCE]))
                    && oidv(s[CatalogTables.CLASS_RELNAMESPACE]) != ownTemp;
                if (RowTypes.hasRowType(str(s[CatalogTables.CLASS_RELKIND])) && !othersTemp) {
                    RowTypes.rowType(oidv(s[CatalogTables.CLASS_OID]), s[CatalogTables.CLASS_RELNAME],
                        s[CatalogTables.CLASS_RELNAMESPACE], s[4], out);
                }
            }
            if (rc != null) {
                rc.userTypes(sc).viewRows(out);
            }
        }
        return out;
    }

    /** The stored enum labels (PostgreSQL's columns, all of them stored). */
    private static List<Value[]> pgEnum(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        List<Value[]> out = new ArrayList<>();
        if (CatalogNames.tables(sc)) {
            for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_ENUM)) {
                out.add(e.row());
            }
        }
        return out;
    }

    /** ALTER DEFAULT PRIVILEGES' stored entries, their ACLs as aclitem text. */
    private static List<Value[]> pgDefaultAcl(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        Roles roles = Roles.of(ctx);
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_DEFAULT_ACL)) {
            Value[] d = e.row();
            out.add(new Value[] {d[0], d[1], d[2], ch(str(d[3])), AclItems.displayArray(d[4], roles)});
        }
        return out;
    }

    /** initdb's privileges of the schemas pg_catalog and public (pg_dump dumps only what differs from them). */
    private static List<Value[]> pgInitPrivs(EvalContext ctx) {
        Roles roles = Roles.of(ctx);
        long su = Roles.BOOTSTRAP_SUPERUSER;
        long dbo = Roles.DATABASE_OWNER;
        return rows(r(oid(CatalogTables.PG_CATALOG_NAMESPACE), oid(CatalogTables.PG_NAMESPACE_OID), int4(0), ch("i"),
                AclItems.displayItems(List.of(new AclItems.Item(su, su, AclItems.ALL_SCHEMA, 0),
                    new AclItems.Item(0, su, AclItems.USAGE, 0)), roles)),
            r(oid(CatalogTables.PUBLIC_NAMESPACE), oid(CatalogTables.PG_NAMESPACE_OID), int4(0), ch("i"),
                AclItems.displayItems(List.of(new AclItems.Item(dbo, dbo, AclItems.ALL_SCHEMA, 0),
                    new AclItems.Item(0, dbo, AclItems.USAGE, 0)), roles)));
    }

    private static List<Value[]> pgDatabase(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (CatalogNames.tables(sc)) {
            Roles roles = Roles.of(ctx);
            List<Value[]> out = new ArrayList<>();
            for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_DATABASE)) {
                Value[] d = e.row();
                long oid = oidv(d[0]);
                Value[] row = database(oid, str(d[1]), oid != CatalogTables.DB_OID, AclItems.displayArray(d[3], roles));
                row[2] = d[2];
                // columns a row of an older data directory lacks keep initdb's values
                if (d.length > CatalogTables.DAT_CTYPE && d[CatalogTables.DAT_IS_TEMPLATE] != null) {
                    row[3] = d[CatalogTables.DAT_ENCODING];
                    row[5] = d[CatalogTables.DAT_IS_TEMPLATE];
                    row[6] = d[CatalogTables.DAT_ALLOW_CONN];
                    row[7] = d[CatalogTables.DAT_CONN_LIMIT];
                    row[11] = d[CatalogTables.DAT_COLLATE];
                    row[12] = d[CatalogTables.DAT_CTYPE];
                }
                out.add(row);
            }
            return out;
        }
        String su = superuserName(ctx);
        Value acl = new ArrayValue(PgType.TEXT_ARRAY, new Value[] {text("=c/" + su), text(su + "=CTc/" + su)});
        return rows(database(5, "postgres", false, null), database(1, "template1", true, acl),
            database(4, "template0", true, acl));
    }

    /** The databases' oids by name (pg_database), for the views and functions that name them. */
    public static java.util.Map<String, Long> databaseOids(StorageContext sc) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (sc != null && CatalogNames.tables(sc)) {
            for (CatalogStore.Entry e : stored(sc, CatalogTables.PG_DATABASE)) {
                out.put(str(e.row()[CatalogTables.DAT_NAME]), oidv(e.row()[CatalogTables.DAT_OID]));
            }
        } else {
            out.put("postgres", (long) CatalogTables.DB_OID);
            out.put("template1", (long) CatalogTables.TEMPLATE1_OID);
            out.put("template0", (long) CatalogTables.TEMPLATE0_OID);
        }
        return out;
    }

    private static Value[] database(long oid, String name, boolean template, Value acl) {
        return new Value[] {oid(oid), name(name), oid(10), int4(6), ch("c"), BoolValue.of(template),
            BoolValue.of(oid != 4), int4(-1), new OidValue(PgType.XID, 0), new OidValue(PgType.XID, 1), oid(1663),
            text("C"), text("C"), null, null, acl};
    }

    /** plpgsql's call handler, inline handler and validator (built in: no pg_proc rows; psql's \\dL asks for a handler). */
    private static final long PLPGSQL_HANDLER = 13_537;

    private static Value[] language(long oid, String name, long validator) {
        boolean pl = oid == UserFunction.LANGUAGE_PLPGSQL;
        return new Value[] {oid(oid), name(name), oid(10), BoolValue.of(pl), BoolValue.of(oid == 14 || pl),
            oid(pl ? PLPGSQL_HANDLER : 0), oid(pl ? PLPGSQL_HANDLER + 1 : 0), oid(pl ? PLPGSQL_HANDLER + 2 : validator),
            null};
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A computed pg_catalog relation of columns "name type" ("char" the one-byte type). */
    public static ComputedView computed(String name, long oid, Function<EvalContext, List<Value[]>> source,
                                        String... columns) {
        return view(name, oid, source, columns);
    }

    static ComputedView view(String name, long oid, Function<EvalContext, List<Value[]>> source,
                                     String... columns) {
        List<Relation.Column> cols = new ArrayList<>();
        for (String c : columns) {
            int sp = c.indexOf(' ');
            String type = c.substring(sp + 1);
            // "char" here is the catalogs' single-byte type, not SQL's char (bpchar)
            PgType t = type.equals("char") ? PgType.CHAR : type.equals("char[]") ? PgType.CHAR_ARRAY : PgType.byName(type);
            cols.add(new Relation.Column(c.substring(0, sp), t));
        }
        return new ComputedView(name, oid, List.copyOf(cols), source);
    }

    private static List<Value[]> rows(Value[]... rows) {
        return List.of(rows);
    }

    private static Value[] r(Value... values) {
        return values;
    }

    /** typstorage / attstorage: p(lain) for fixed-width types, m(ain) for numeric and inet, else x(tended). */
    static String storage(PgType t) {
        if (t == null || t.length() > 0) {
            return "p";
        }
        return t == PgType.NUMERIC || t == PgType.INET ? "m" : "x";
    }

    static String align(PgType t) {
        if (t == null) {
            return "i";
        }
        if (t.isRange()) {
            return RangeViews.align(t);
        }
        return switch (t.length()) {
            case 1 -> "c";
            case 2 -> "s";
            case 8, 12, 16 -> t == PgType.UUID ? "c" : "d";
            case 64 -> "c";
            default -> "i";
        };
    }

    /** typcollation: default for the collatable string types, "C" for name, else none. */
    public static long collation(PgType t) {
        if (t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.BPCHAR) {
            return DEFAULT_COLLATION;
        }
        return t == PgType.NAME ? C_COLLATION : 0;
    }

    static OidValue oid(long v) {
        return OidValue.oid(v);
    }

    private static OidValue regproc(long v, String name) {
        return new OidValue(PgType.REGPROC, v, name);
    }

    private static TextValue name(String s) {
        return new TextValue(PgType.NAME, s);
    }

    private static TextValue text(String s) {
        return TextValue.text(s);
    }

    static TextValue ch(String s) {
        return new TextValue(PgType.CHAR, s == null ? "" : s);
    }

    private static IntegerValue int4(long v) {
        return IntegerValue.int4(v);
    }

    private static long oidv(Value v) {
        return ((OidValue) v).value();
    }

    private static String str(Value v) {
        return v == null ? null : ((TextValue) v).value();
    }

    /** Tusk's int2vector text "1 3". */
    public static int[] int2vector(Value v) {
        String s = str(v);
        if (s == null || s.isBlank()) {
            return new int[0];
        }
        String[] parts = s.trim().split("\\s+");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static Value int2vector(int[] values) {
        Value[] e = new Value[values.length];
        for (int i = 0; i < values.length; i++) {
            e[i] = IntegerValue.of(PgType.INT2, values[i]);
        }
        return new ArrayValue(PgType.INT2VECTOR, e);
    }

    /** Tusk's array text "{1,2}" (conkey) as int2[]. */
    private static Value int2Array(Value v) {
        String s = str(v);
        if (s == null) {
            return null;
        }
        return int2Array(parseIntArray(s));
    }

    public static int[] parseIntArray(String s) {
        String body = s.trim();
        if (body.startsWith("{")) {
            body = body.substring(1, body.length() - 1);
        }
        if (body.isBlank()) {
            return new int[0];
        }
        String[] parts = body.split("[,\\s]+");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }

    private static Value int2Array(int[] values) {
        Value[] e = new Value[values.length];
        for (int i = 0; i < values.length; i++) {
            e[i] = IntegerValue.of(PgType.INT2, values[i]);
        }
        return new ArrayValue(PgType.INT2_ARRAY, e);
    }

    /** reloptions text "{fillfactor=70}" as text[]. */
    private static Value textArray(Value v) {
        String s = str(v);
        if (s == null) {
            return null;
        }
        String body = s.trim();
        if (body.startsWith("{")) {
            body = body.substring(1, body.length() - 1);
        }
        List<Value> e = new ArrayList<>();
        for (String p : body.split(",")) {
            if (!p.isBlank()) {
                e.add(text(p.trim().replace("\"", "")));
            }
        }
        return new ArrayValue(PgType.TEXT_ARRAY, e.toArray(Value[]::new));
    }

    /** Float helper kept for reltuples of computed rows. */
    static FloatValue float4(float v) {
        return FloatValue.float4(v);
    }
}

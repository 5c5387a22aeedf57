package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_get_keywords(): PostgreSQL 15's SQL keywords with their category (U unreserved, C
 * unreserved but no function or type name, T reserved but a function or type name, R reserved)
 * and whether they can be a bare column label, in word order. The JDBC driver's
 * DatabaseMetaData.getSQLKeywords reads it; the list is PostgreSQL's (kwlist.h), also where
 * Tusk's parser does not know a word.
 */
final class KeywordFunctions {
    private KeywordFunctions() {}

    private static final String UNRESERVED = """
        abort absolute access action add admin after aggregate also alter always asensitive assertion
        assignment at atomic attach attribute backward before begin breadth by cache call called cascade
        cascaded catalog chain characteristics checkpoint class close cluster columns comment comments
        commit committed compression configuration conflict connection constraints content continue
        conversion copy cost csv cube current cursor cycle data database day deallocate declare defaults
        deferred definer delete delimiter delimiters depends depth detach dictionary disable discard
        document domain double drop each enable encoding encrypted enum escape event exclude excluding
        exclusive execute explain expression extension external family filter finalize first following
        force forward function functions generated global granted groups handler header hold hour identity
        if immediate immutable implicit import include including increment index indexes inherit inherits
        inline input insensitive insert instead invoker isolation key label language large last leakproof
        level listen load local location lock locked logged mapping match matched materialized maxvalue
        merge method minute minvalue mode month move name names new next nfc nfd nfkc nfkd no normalized
        nothing notify nowait nulls object of off oids old operator option options ordinality others over
        overriding owned owner parallel parameter parser partial partition passing password plans policy
        preceding prepare prepared preserve prior privileges procedural procedure procedures program
        publication quote range read reassign recheck recursive ref referencing refresh reindex relative
        release rename repeatable replace replica reset restart restrict return returns revoke role
        rollback rollup routine routines rows rule savepoint schema schemas scroll search second security
        sequence sequences serializable server session set sets share show simple skip snapshot sql stable
        standalone start statement statistics stdin stdout storage stored strict strip subscription support
        sysid system tables tablespace temp template temporary text ties transaction transform trigger
        truncate trusted type types uescape unbounded uncommitted unencrypted unknown unlisten unlogged
        until update vacuum valid validate validator value varying version view views volatile whitespace
        within without work wrapper write xml year yes zone
        """;
    private static final String COL_NAME = """
        between bigint bit boolean char character coalesce dec decimal exists extract float greatest
        grouping inout int integer interval least national nchar none normalize nullif numeric out overlay
        position precision real row setof smallint substring time timestamp treat trim values varchar
        xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot
        xmlserialize xmltable
        """;
    private static final String TYPE_FUNC_NAME = """
        authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull
        join left like natural notnull outer overlaps right similar tablesample verbose
        """;
    private static final String RESERVED = """
        all analyse analyze and any array as asc asymmetric both case cast check collate column constraint
        create current_catalog current_date current_role current_time current_timestamp current_user
        default deferrable desc distinct do else end except false fetch for foreign from grant group having
        in initially intersect into lateral leading limit localtime localtimestamp not null offset on only
        or order placing primary references returning select session_user some symmetric table then to
        trailing true union unique user using variadic when where window with
        """;
    /** The keywords that need AS before them as a column label. */
    private static final String REQUIRES_AS = """
        array as char character create day except fetch filter for from grant group having hour intersect
        into isnull limit minute month notnull offset on order over overlaps precision returning second to
        union varying where window with within without year
        """;

    private static final List<Value[]> ROWS = rows();

    static void register(FunctionRegistry r) {
        PgType record = PgType.recordOf(List.of("word", "catcode", "barelabel", "catdesc", "baredesc"),
            List.of(PgType.TEXT, PgType.CHAR, PgType.BOOL, PgType.TEXT, PgType.TEXT));
        r.addTableFunction(new TableFunctionDef(new FunctionDef("pg_get_keywords", List.of(), record, false, true,
            's', null), List.of(new Relation.Column("word", PgType.TEXT), new Relation.Column("catcode", PgType.CHAR),
                new Relation.Column("barelabel", PgType.BOOL), new Relation.Column("catdesc", PgType.TEXT),
                new Relation.Column("baredesc", PgType.TEXT)),
            (a, c) -> {
                int[] i = {0};
                return () -> i[0] < ROWS.size() ? ROWS.get(i[0]++).clone() : null;
            }));
    }

    private static List<Value[]> rows() {
        Set<String> requiresAs = Set.of(REQUIRES_AS.strip().split("\\s+"));
        List<String[]> words = new ArrayList<>();
        add(words, UNRESERVED, "U");
        add(words, COL_NAME, "C");
        add(words, TYPE_FUNC_NAME, "T");
        add(words, RESERVED, "R");
        words.sort((x, y) -> x[0].compareTo(y[0]));
        List<Value[]> out = new ArrayList<>(words.size());
        for (String[] w : words) {
            String desc = switch (w[1]) {
                case "U" -> "unreserved";
                case "C" -> "unreserved (cannot be function or type name)";
                case "T" -> "reserved (can be function or type name)";
                default -> "reserved";
            };
            boolean bare = !requiresAs.contains(w[0]);
            out.add(new Value[] {TextValue.text(w[0]), new TextValue(PgType.CHAR, w[1]), BoolValue.of(bare),
                TextValue.text(desc), TextValue.text(bare ? "can be bare label" : "requires AS")});
        }
        return List.copyOf(out);
    }

    private static void add(List<String[]> words, String block, String code) {
        for (String w : block.strip().split("\\s+")) {
            words.add(new String[] {w, code});
        }
    }
}

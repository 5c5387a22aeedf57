package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.tsearch.TextParser;
import org.tuskdb.sql.internal.tsearch.TextSearchConfig;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The text search catalogs (pg_ts_config, pg_ts_config_map, pg_ts_dict, pg_ts_parser,
 * pg_ts_template) with the built-in objects of {@link TextSearchConfig}: the default parser, the
 * simple and english configurations with their dictionaries, and initdb's five templates. What
 * psql's \dF, \dFd, \dFp and \dFt read.
 */
public final class TextSearchViews {
    private TextSearchViews() {}

    private static final long PG_CATALOG = 11;
    private static final long BOOTSTRAP_SUPERUSER = 10;

    static List<PgCatalogViews.ComputedView> views() {
        return List.of(
            PgCatalogViews.view("pg_ts_config", 3602, c -> configs(), "oid oid", "cfgname name", "cfgnamespace oid",
                "cfgowner oid", "cfgparser oid"),
            PgCatalogViews.view("pg_ts_config_map", 3603, c -> configMap(), "mapcfg oid", "maptokentype int4",
                "mapseqno int4", "mapdict oid"),
            PgCatalogViews.view("pg_ts_dict", 3600, c -> dictionaries(), "oid oid", "dictname name", "dictnamespace oid",
                "dictowner oid", "dicttemplate oid", "dictinitoption text"),
            PgCatalogViews.view("pg_ts_parser", 3601, c -> List.<Value[]>of(new Value[] {oid(TextSearchConfig.PARSER_OID),
                    name("default"), oid(PG_CATALOG), proc(3717, "prsd_start"), proc(3718, "prsd_nexttoken"),
                    proc(3719, "prsd_end"), proc(3720, "prsd_headline"), proc(3721, "prsd_lextype")}),
                "oid oid", "prsname name", "prsnamespace oid", "prsstart regproc", "prstoken regproc", "prsend regproc",
                "prsheadline regproc", "prslextype regproc"),
            PgCatalogViews.view("pg_ts_template", 3764, c -> templates(), "oid oid", "tmplname name",
                "tmplnamespace oid", "tmplinit regproc", "tmpllexize regproc"));
    }

    /** The descriptions obj_description shows for these objects (pg_description rows of initdb). */
    public static String description(String catalog, long oid) {
        switch (catalog) {
            case "pg_ts_config" -> {
                TextSearchConfig c = TextSearchConfig.byOid(oid);
                return c == null ? null : c.description;
            }
            case "pg_ts_dict" -> {
                TextSearchConfig.Dictionary d = TextSearchConfig.dictionaryByOid(oid);
                return d == null ? null : d.description;
            }
            case "pg_ts_parser" -> {
                return oid == TextSearchConfig.PARSER_OID ? "default word parser" : null;
            }
            case "pg_ts_template" -> {
                for (Template t : TEMPLATES) {
                    if (t.oid == oid) {
                        return t.description;
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private record Template(long oid, String name, long init, String initName, long lexize, String lexizeName,
                            String description) {}

    private static final List<Template> TEMPLATES = List.of(
        new Template(TextSearchConfig.SIMPLE_TEMPLATE_OID, "simple", 3725, "dsimple_init", 3726, "dsimple_lexize",
            "simple dictionary: just lower case and check for stopword"),
        new Template(3730, "synonym", 3728, "dsynonym_init", 3729, "dsynonym_lexize",
            "synonym dictionary: replace word by its synonym"),
        new Template(3733, "ispell", 3731, "dispell_init", 3732, "dispell_lexize", "ispell dictionary"),
        new Template(3742, "thesaurus", 3740, "thesaurus_init", 3741, "thesaurus_lexize",
            "thesaurus dictionary: phrase by phrase substitution"),
        new Template(TextSearchConfig.SNOWBALL_TEMPLATE_OID, "snowball", 13148, "dsnowball_init", 13149,
            "dsnowball_lexize", "snowball stemmer"));

    private static List<Value[]> configs() {
        List<Value[]> out = new ArrayList<>();
        for (TextSearchConfig c : TextSearchConfig.ALL) {
            out.add(new Value[] {oid(c.oid), name(c.name), oid(PG_CATALOG), oid(BOOTSTRAP_SUPERUSER),
                oid(TextSearchConfig.PARSER_OID)});
        }
        return out;
    }

    private static List<Value[]> configMap() {
        List<Value[]> out = new ArrayList<>();
        for (TextSearchConfig c : TextSearchConfig.ALL) {
            for (int t = 1; t <= TextParser.LAST_TYPE; t++) {
                TextSearchConfig.Dictionary d = c.dictionaryFor(t);
                if (d != null) {
                    out.add(new Value[] {oid(c.oid), IntegerValue.int4(t), IntegerValue.int4(1), oid(d.oid)});
                }
            }
        }
        return out;
    }

    private static List<Value[]> dictionaries() {
        List<Value[]> out = new ArrayList<>();
        for (TextSearchConfig.Dictionary d : TextSearchConfig.Dictionary.values()) {
            Value init = d == TextSearchConfig.Dictionary.SIMPLE ? null
                : TextValue.text("language = 'english', stopwords = 'english'");
            out.add(new Value[] {oid(d.oid), name(d.dictName), oid(PG_CATALOG), oid(BOOTSTRAP_SUPERUSER), oid(d.template),
                init});
        }
        return out;
    }

    private static List<Value[]> templates() {
        List<Value[]> out = new ArrayList<>();
        for (Template t : TEMPLATES) {
            out.add(new Value[] {oid(t.oid), name(t.name), oid(PG_CATALOG), t.init == 0 ? proc(0, "-")
                : proc(t.init, t.initName), proc(t.lexize, t.lexizeName)});
        }
        return out;
    }

    private static OidValue oid(long v) {
        return OidValue.oid(v);
    }

    private static Value name(String s) {
        return new TextValue(PgType.NAME, s);
    }

    private static OidValue proc(long oid, String name) {
        return new OidValue(PgType.REGPROC, oid, name);
    }
}

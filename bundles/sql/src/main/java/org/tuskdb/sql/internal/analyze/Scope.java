package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.catalog.PgCatalogViews;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SequenceDescriptor;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.OuterRef;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;

/**
 * The names one query level can see (PostgreSQL's namespace over the range table), and the
 * levels around it ({@link #parent}, for correlated subqueries).
 *
 * <p>Rows of the FROM part are "wide": every base relation (table, view, derived table, CTE
 * reference) of the level has its own slice {@code [offset, offset + width)} of one array, so a
 * column is bound once to a fixed index and joins only copy slices. {@link #entries} are the
 * names qualified references see ({@code t.a}, {@code t.*}: base relations, and aliased joins
 * in place of their inputs); {@link #items} are the top-level FROM items, whose columns
 * unqualified references and {@code *} see (a join's columns merge its USING columns).
 */
public final class Scope {
    static final Scope EMPTY = new Scope(null);

    /** A column as a name sees it: its expression over the wide row and the base columns it reads. */
    record Column(String name, Expression expr, int[] baseIds, int[] baseColumns) {}

    /** A named relation: a base relation (baseId >= 0) or an aliased join (baseId -1). */
    static final class Entry {
        final String refName;
        final String schema;
        final Relation relation;
        final List<Column> columns;
        final int baseId;
        /** Base column index of the first system column slot (SystemColumns), -1 without them. */
        int systemColumn = -1;

        Entry(String refName, String schema, Relation relation, List<Column> columns, int baseId) {
            this.refName = refName;
            this.schema = schema;
            this.relation = relation;
            this.columns = columns;
            this.baseId = baseId;
        }
    }

    /** A base relation's bookkeeping: where its slice is and which of its columns are read. */
    static final class Base {
        final int offset;
        final int width;
        final boolean[] used;
        /**
         * The columns names of the statement read (for column privileges: {@link ParseState#checkColumns}),
         * unlike {@link #used} never set wholesale for a plan's own needs (an UPDATE's whole old row).
         */
        final boolean[] read;

        Base(int offset, int width) {
            this.offset = offset;
            this.width = width;
            this.used = new boolean[width];
            this.read = new boolean[width];
        }
    }

    final Scope parent;
    final List<Entry> entries = new ArrayList<>();
    final List<List<Column>> items = new ArrayList<>();
    /** Every base relation's entry in the order they were added (the range table, for hints). */
    final List<Entry> rangeTable = new ArrayList<>();
    /** Entries an aliased join hides (for PostgreSQL's hint on a reference to one). */
    final List<Entry> hidden = new ArrayList<>();
    final List<Base> bases = new ArrayList<>();
    int width;
    /** Base ids that the expression being analyzed reads (set by the analyzer per conjunct). */
    BitSet collector;
    /** While the target list / HAVING / ORDER BY of an aggregating level are analyzed. */
    Grouping grouping;
    /** While the target list and ORDER BY are analyzed: the window calls found (null: none allowed). */
    List<org.tuskdb.sql.internal.analyze.WindowCall> windows;
    /** The WINDOW clause of this level (named windows OVER may refer to). */
    List<org.tuskdb.sql.internal.ast.Statement.WindowDef> namedWindows = List.of();
    final List<org.tuskdb.sql.internal.expr.WindowRef> windowRefs = new ArrayList<>();
    /** While the target list is analyzed: its set-returning function calls (null: none allowed). */
    List<Query.SrfCall> srfs;
    final List<org.tuskdb.sql.internal.expr.WindowRef> srfRefs = new ArrayList<>();

    /** Nesting depth of this query level (the outermost is 1). */
    final int depth;
    /**
     * The smallest depth an outer reference has pointed at since the holder was last reset;
     * one holder shared by all levels of a statement (the analyzer resets it around each
     * subquery to see whether the subquery is correlated).
     */
    final int[] outerDepth;

    Scope(Scope parent) {
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.outerDepth = parent == null ? null
            : parent.outerDepth == null ? new int[] {Integer.MAX_VALUE} : parent.outerDepth;
    }

    /** A scope of one relation (UPDATE / DELETE / INSERT ... RETURNING, and single-table SELECT). */
    static Scope of(Relation relation, String schema, String alias) {
        return of(relation, schema, alias, false);
    }

    /** The same, with the system column slots after a table's columns when {@code systemColumns}. */
    static Scope of(Relation relation, String schema, String alias, boolean systemColumns) {
        Scope s = new Scope(EMPTY);
        s.addBase(relation, alias == null ? relation.name() : alias, alias == null ? schema : null, null, null, true,
            systemColumns);
        return s;
    }

    public Relation relation() {
        return entries.isEmpty() ? null : entries.get(0).relation;
    }

    /**
     * Adds a base relation of the given column names and types at the end of the wide row;
     * returns its entry. The caller adds it to {@link #items} (topLevel) or to a join's items.
     */
    Entry addBase(Relation relation, String refName, String schema, List<String> names, List<Relation.Column> cols,
                  boolean topLevel) {
        return addBase(relation, refName, schema, names, cols, topLevel, false);
    }

    /**
     * The same; a table added with {@code systemColumns} gets SystemColumns.SLOTS slots after
     * its columns (in its slice and its used array) for ctid, xmin, xmax and tableoid.
     */
    Entry addBase(Relation relation, String refName, String schema, List<String> names, List<Relation.Column> cols,
                  boolean topLevel, boolean systemColumns) {
        List<Relation.Column> columns = cols != null ? cols : relation.columns();
        int id = bases.size();
        boolean system = systemColumns && cols == null && relation instanceof TableDescriptor;
        Base b = new Base(width, columns.size() + (system ? SystemColumns.SLOTS : 0));
        bases.add(b);
        List<Column> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Relation.Column c = columns.get(i);
            String name = names != null && i < names.size() ? names.get(i) : c.name();
            out.add(new Column(name, new ColumnVar(width + i, c.type(), c.typmod(), name), new int[] {id},
                new int[] {i}));
        }
        width += b.width;
        Entry e = new Entry(refName, schema, relation, List.copyOf(out), id);
        if (system) {
            e.systemColumn = columns.size();
        }
        entries.add(e);
        rangeTable.add(e);
        if (topLevel) {
            items.add(e.columns);
        }
        return e;
    }

    /** Which columns of base relation 0 expressions bound so far read; null without a relation. */
    boolean[] usedColumns() {
        return bases.isEmpty() ? null : bases.get(0).used.clone();
    }

    boolean[] usedColumns(int baseId) {
        return bases.get(baseId).used.clone();
    }

    void markAllUsed() {
        for (Base b : bases) {
            java.util.Arrays.fill(b.used, true);
        }
    }

    void use(Column c) {
        for (int i = 0; i < c.baseIds.length; i++) {
            bases.get(c.baseIds[i]).used[c.baseColumns[i]] = true;
            bases.get(c.baseIds[i]).read[c.baseColumns[i]] = true;
            if (collector != null) {
                collector.set(c.baseIds[i]);
            }
        }
    }

    /** Every column as a Var, for SELECT * (qualifier empty) or t.*. */
    List<Expression> expandStar(List<String> qualifier, ParseState ps, int location) {
        List<Column> cols = starColumns(qualifier, ps, location);
        List<Expression> out = new ArrayList<>(cols.size());
        for (Column c : cols) {
            use(c);
            out.add(grouping != null ? grouping.column(c, this, ps, location) : c.expr());
        }
        return out;
    }

    /** The names of what {@link #expandStar} returns. */
    List<String> starNames(List<String> qualifier, ParseState ps, int location) {
        List<String> names = new ArrayList<>();
        for (Column c : starColumns(qualifier, ps, location)) {
            names.add(c.name());
        }
        return names;
    }

    private List<Column> starColumns(List<String> qualifier, ParseState ps, int location) {
        if (qualifier.isEmpty()) {
            if (items.isEmpty()) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "SELECT * with no tables specified is not valid", ps.position(location));
            }
            List<Column> all = new ArrayList<>();
            for (List<Column> item : items) {
                all.addAll(item);
            }
            return all;
        }
        Entry e = findEntry(qualifier);
        if (e == null) {
            throw missingFrom(qualifier.get(qualifier.size() - 1), ps, location);
        }
        return e.columns;
    }

    private Entry findEntry(List<String> qualifier) {
        String rel = qualifier.get(qualifier.size() - 1);
        for (Entry e : entries) {
            if (!e.refName.equals(rel)) {
                continue;
            }
            if (qualifier.size() >= 2) {
                String s = qualifier.get(qualifier.size() - 2);
                boolean ok = e.schema != null ? s.equals(e.schema)
                    : e.relation != null && e.refName.equals(e.relation.name()) && s.equals(e.relation.schema());
                if (!ok) {
                    continue;
                }
            }
            return e;
        }
        return null;
    }

    /** Binds [rel.]col here or in an enclosing level, or 42703 / 42P01 / 42702. */
    Expression resolveColumn(List<String> names, ParseState ps, int location) {
        String column = names.get(names.size() - 1);
        List<String> qualifier = names.subList(0, names.size() - 1);
        int levels = 0;
        for (Scope s = this; s != null && s != EMPTY; s = s.parent, levels++) {
            Column c = s.find(qualifier, column, ps, location);
            if (c == null) {
                continue;
            }
            s.use(c);
            Expression e = s.grouping != null ? s.grouping.column(c, s, ps, location) : c.expr();
            if (levels == 0) {
                return e;
            }
            outerDepth[0] = Math.min(outerDepth[0], s.depth);
            return new OuterRef(levels, e);
        }
        if (qualifier.isEmpty()) {
            Expression row = wholeRow(column, ps, location);
            if (row != null) {
                return row;
            }
        }
        if (!qualifier.isEmpty()) {
            boolean found = false;
            for (Scope s = this; s != null && s != EMPTY; s = s.parent) {
                found |= s.findEntry(qualifier) != null;
            }
            if (!found) {
                String rel = qualifier.get(qualifier.size() - 1);
                for (Scope s = this; s != null && s != EMPTY; s = s.parent) {
                    for (Entry e : s.hidden) {
                        if (e.refName.equals(rel) && qualifier.size() == 1) {
                            throw DatabaseException.atPosition(SqlState.UNDEFINED_TABLE,
                                "invalid reference to FROM-clause entry for table \"" + rel + "\"", ps.position(location))
                                .withHint("There is an entry for table \"" + rel
                                    + "\", but it cannot be referenced from this part of the query.");
                        }
                    }
                    for (Entry e : s.entries) {
                        if (e.relation != null && e.relation.name().equals(rel) && qualifier.size() == 1) {
                            throw DatabaseException.atPosition(SqlState.UNDEFINED_TABLE,
                                "invalid reference to FROM-clause entry for table \"" + rel + "\"", ps.position(location))
                                .withHint("Perhaps you meant to reference the table alias \"" + e.refName + "\".");
                        }
                    }
                }
                throw missingFrom(rel, ps, location);
            }
        }
        String shown = qualifier.isEmpty() ? "column \"" + column + "\"" : "column " + String.join(".", names);
        throw withHint(DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, shown + " does not exist",
            ps.position(location)), missingColumnHint(qualifier.isEmpty() ? null : qualifier.get(qualifier.size() - 1),
            column));
    }

    /** {@code t.*} inside an expression ({@code f(t.*)}): the whole row of FROM item t, or null. */
    Expression wholeRowOf(List<String> qualifier, ParseState ps, int location) {
        return qualifier.size() == 1 ? wholeRow(qualifier.get(0), ps, location) : null;
    }

    /**
     * A whole-row reference, {@code SELECT t FROM t} or {@code row_to_json(t)}: a name that is no
     * column of any level but a FROM item's name is that item's row, a record of its columns
     * named as they are (PostgreSQL binds a whole-row Var there; columns win, as here). Null
     * when no level has such an item.
     */
    private Expression wholeRow(String name, ParseState ps, int location) {
        int levels = 0;
        for (Scope s = this; s != null && s != EMPTY; s = s.parent, levels++) {
            Entry e = s.findEntry(List.of(name));
            if (e == null) {
                continue;
            }
            Expression[] fields = new Expression[e.columns.size()];
            List<String> names = new ArrayList<>(fields.length);
            List<org.tuskdb.sql.internal.value.PgType> types = new ArrayList<>(fields.length);
            for (int i = 0; i < fields.length; i++) {
                Column c = e.columns.get(i);
                s.use(c);
                Expression f = s.grouping != null ? s.grouping.column(c, s, ps, location) : c.expr();
                fields[i] = levels == 0 ? f : new OuterRef(levels, f);
                names.add(c.name());
                types.add(f.type());
            }
            if (levels > 0) {
                outerDepth[0] = Math.min(outerDepth[0], s.depth);
            }
            return new org.tuskdb.sql.internal.expr.RowExpr(fields,
                org.tuskdb.sql.internal.value.PgType.recordOf(names, types));
        }
        return null;
    }

    private static DatabaseException withHint(DatabaseException e, String hint) {
        return hint == null ? e : e.withHint(hint);
    }

    private static final int MAX_FUZZY_DISTANCE = 3;

    /**
     * errorMissingColumn's hint: the closest column name (Levenshtein distance, at most 3 and at
     * most half the name, plus the distance of the table name when one was written) over every
     * base relation of this and the enclosing levels; two equally close ones are both named, more
     * make no hint; an exact match that is not visible here says so. Null for no hint.
     */
    String missingColumnHint(String relation, String column) {
        int distance = MAX_FUZZY_DISTANCE + 1;
        Entry first = null;
        String firstColumn = null;
        Entry second = null;
        String secondColumn = null;
        for (Scope s = this; s != null && s != EMPTY; s = s.parent) {
            for (Entry e : s.rangeTable) {
                int penalty = relation == null ? 0 : Math.min(levenshtein(relation, e.refName), MAX_FUZZY_DISTANCE + 1);
                for (Scope.Column c : e.columns) {
                    if (c.name().equals(column)) {
                        if (penalty == 0) {
                            return "There is a column named \"" + column + "\" in table \"" + e.refName
                                + "\", but it cannot be referenced from this part of the query.";
                        }
                    }
                    if (penalty > distance) {
                        continue;
                    }
                    int d = levenshtein(c.name(), column);
                    if (d > column.length() / 2) {
                        continue;
                    }
                    d += penalty;
                    if (d < distance) {
                        distance = d;
                        first = e;
                        firstColumn = c.name();
                        second = null;
                        secondColumn = null;
                    } else if (d == distance) {
                        if (second != null) {
                            first = null;
                            firstColumn = null;
                            second = null;
                            secondColumn = null;
                        } else if (first != null) {
                            second = e;
                            secondColumn = c.name();
                        }
                    }
                }
            }
        }
        if (first == null) {
            return null;
        }
        if (second == null) {
            return "Perhaps you meant to reference the column \"" + first.refName + "." + firstColumn + "\".";
        }
        return "Perhaps you meant to reference the column \"" + first.refName + "." + firstColumn
            + "\" or the column \"" + second.refName + "." + secondColumn + "\".";
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The column at this level, null if none; 42702 if the name is ambiguous. */
    private Column find(List<String> qualifier, String column, ParseState ps, int location) {
        if (!qualifier.isEmpty()) {
            Entry e = findEntry(qualifier);
            if (e == null) {
                return null;
            }
            Column found = null;
            for (Column c : e.columns) {
                if (c.name().equals(column)) {
                    if (found != null) {
                        throw ambiguous(String.join(".", qualifier) + "." + column, ps, location);
                    }
                    found = c;
                }
            }
            if (found == null) {
                found = systemColumn(e, column);
            }
            if (found == null) {
                throw withHint(DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN,
                    "column " + String.join(".", qualifier) + "." + column + " does not exist", ps.position(location)),
                    missingColumnHint(qualifier.get(qualifier.size() - 1), column));
            }
            return found;
        }
        Column found = null;
        for (List<Column> item : items) {
            for (Column c : item) {
                if (c.name().equals(column)) {
                    if (found != null) {
                        throw ambiguous(column, ps, location);
                    }
                    found = c;
                }
            }
        }
        if (found == null && SystemColumns.reserved(column)) {
            for (Entry e : entries) {
                Column c = systemColumn(e, column);
                if (c != null) {
                    if (found != null) {
                        throw ambiguous(column, ps, location);
                    }
                    found = c;
                }
            }
        }
        return found;
    }

    private static final String TABLEOID = "tableoid";

    /** A system column of an entry (tableoid, or one of the slots it has), or null. */
    private Column systemColumn(Entry e, String column) {
        if (column.equals(TABLEOID) && !(e.systemColumn >= 0 && e.relation instanceof TableDescriptor t
            && t.partitioned())) {
            return tableOid(e); // a constant, but through a partitioned table the slot its leaves' scans fill
        }
        int slot = SystemColumns.slot(column);
        if (slot < 0 || e.systemColumn < 0) {
            return null;
        }
        int at = e.systemColumn + slot;
        return new Column(column, new ColumnVar(bases.get(e.baseId).offset + at, SystemColumns.type(slot), column),
            new int[] {e.baseId}, new int[] {at});
    }

    /**
     * The system column tableoid of a stored table or catalog relation: the relation's oid, a
     * constant (Tusk keeps no other system columns); null for what has none (views, subqueries).
     */
    private static Column tableOid(Entry e) {
        long oid = switch (e.relation) {
            case TableDescriptor t -> t.oid();
            case PgCatalogViews.ComputedView v -> v.oid();
            case SequenceDescriptor q -> q.oid();
            case null, default -> 0;
        };
        if (oid == 0) {
            return null;
        }
        return new Column(TABLEOID, new Const(OidValue.oid(oid), PgType.OID, -1), new int[0], new int[0]);
    }

    /** The relation name PostgreSQL's 42803 message shows for a column (its first base's). */
    String relationNameOf(Column c) {
        int id = c.baseIds()[0];
        for (Entry e : entries) {
            if (e.baseId == id) {
                return e.refName;
            }
        }
        return "?";
    }

    private static DatabaseException ambiguous(String column, ParseState ps, int location) {
        return DatabaseException.atPosition(SqlState.AMBIGUOUS_COLUMN,
            "column reference \"" + column + "\" is ambiguous", ps.position(location));
    }

    static DatabaseException missingFrom(String rel, ParseState ps, int location) {
        return DatabaseException.atPosition(SqlState.UNDEFINED_TABLE,
            "missing FROM-clause entry for table \"" + rel + "\"", ps.position(location));
    }
}

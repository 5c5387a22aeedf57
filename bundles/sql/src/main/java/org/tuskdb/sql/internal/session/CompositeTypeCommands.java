package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.CompositeTypeDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.RowTypes;
import org.tuskdb.sql.internal.catalog.UserTypes;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE TYPE name AS (...) and what ALTER / DROP TYPE do to a composite type (PostgreSQL's
 * DefineCompositeType, the ALTER TABLE machinery behind ALTER TYPE ... ATTRIBUTE, RenameRelation /
 * AlterTypeNamespace of a relkind c class). As in PostgreSQL a composite type is a pg_class row of
 * relkind c without storage and its attributes pg_attribute rows; its pg_type row and array type
 * are the row type every such class has (catalog/RowTypes: the type's oid is the class's), so
 * nothing is written to the stored pg_type. Every change marks the catalog changed: tables with
 * columns of the type are loaded again with its new attributes.
 *
 * <p>Values of the type are stored in its text form (storage/RowCodec), read back by attribute
 * position; so ADD ATTRIBUTE keeps stored values (the new attribute reads as NULL), while DROP
 * ATTRIBUTE and ALTER ATTRIBUTE TYPE are refused while a table column uses the type (PostgreSQL
 * refuses only the latter; it keeps a dropped attribute's place in stored values).
 */
final class CompositeTypeCommands {
    private final Session session;
    private final DdlExecutor ddl;

    CompositeTypeCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    /** DefineCompositeType: the type name must be free (42710), then the relation name (42P07). */
    String create(Statement.CreateComposite s, StorageTransaction st, TypeCommands types) {
        ParseState ps = ddl.parseStateFor();
        long namespace = ddl.creationNamespace(st, s.name(), false, ps);
        String name = s.name().name();
        List<Relation.Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Statement.CompositeAttribute a : s.attributes()) {
            if (!names.add(a.name())) {
                throw DatabaseException.error("42701", "column \"" + a.name() + "\" specified more than once");
            }
        }
        for (Statement.CompositeAttribute a : s.attributes()) {
            columns.add(attributeType(a, ps));
        }
        types.lockTypeName(st, namespace, name);
        types.checkTypeNameFree(st, namespace, name);
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        if (store.findClass(namespace, name, st.freshSnapshot()) != null) {
            throw DatabaseException.error("42P07", "relation \"" + name + "\" already exists");
        }
        st.catalogChanged();
        long oid = st.services().transactions().newOid();
        store.insert(CatalogTables.PG_CLASS, CatalogTables.classRow(oid, name, namespace, 0, columns.size(), null, "c",
            "p", session.currentUserOid()));
        for (int i = 0; i < columns.size(); i++) {
            store.insert(CatalogTables.PG_ATTRIBUTE, CatalogTables.attributeRow(oid, i + 1, columns.get(i), false, false,
                null));
        }
        st.transaction().commandCounterIncrement();
        return "CREATE TYPE";
    }

    /** An attribute's type: pseudo-types are 42P16 as for a table's column. */
    private static Relation.Column attributeType(Statement.CompositeAttribute a, ParseState ps) {
        Relation.Column c;
        try {
            c = StoredExpressions.resolveType(a.type(), a.name(), ps);
        } catch (DatabaseException e) {
            throw e.withPosition(0); // DefineCompositeType's errors carry no position
        }
        if (c.type() == PgType.UNKNOWN || c.type().isPseudo()) {
            throw DatabaseException.error("42P16", "column \"" + a.name() + "\" has pseudo-type "
                + c.type().displayName());
        }
        return c;
    }

    /** The composite type a name means (search_path or its schema), or null. */
    CompositeTypeDescriptor find(StorageTransaction st, Statement.RangeVar rv) {
        if (rv.schema() != null && session.relcache().namespaceOid(rv.schema(), st) < 0) {
            return null;
        }
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), null, 0, true, st);
        return r instanceof CompositeTypeDescriptor c ? c : null;
    }

    /** The type as DROP TYPE's dependency walk sees types (typtype c, its array type RowTypes'). */
    static UserTypes.Row row(CompositeTypeDescriptor c) {
        return new UserTypes.Row(c.oid(), c.name(), c.namespaceOid(), "c", RowTypes.arrayTypeOid(c.oid()), 0, -1, false,
            null, c.owner());
    }

    /** DROP TYPE of a composite type: its class, attributes and comment. */
    static void drop(StorageTransaction st, CatalogStore store, long oid) {
        CatalogStore.Entry cls = store.findClassByOid(oid, st.freshSnapshot());
        if (cls != null) {
            store.delete(CatalogTables.PG_CLASS, cls.tid());
        }
        for (CatalogStore.Entry a : store.attributes(oid, st.freshSnapshot())) {
            store.delete(CatalogTables.PG_ATTRIBUTE, a.tid());
        }
    }

    /** ALTER TYPE of a composite type. */
    String alter(Statement.AlterType s, CompositeTypeDescriptor c, StorageTransaction st, StatementContext ctx,
                 TypeCommands types, List<String> usedBy) {
        types.lockTypeName(st, c.namespaceOid(), c.name());
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        switch (s.action()) {
            case Statement.AlterAttributes a -> {
                for (Statement.AttributeCmd cmd : a.commands()) {
                    attributeCommand(c, cmd, st, store, ctx, usedBy);
                    st.transaction().commandCounterIncrement();
                }
            }
            case Statement.RenameAttribute r -> {
                CatalogStore.Entry e = attribute(st, store, c, r.from());
                if (e == null) {
                    throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + r.from() + "\" does not exist");
                }
                if (attribute(st, store, c, r.to()) != null) {
                    throw DatabaseException.error("42701", "column \"" + r.to() + "\" of relation \"" + c.name()
                        + "\" already exists");
                }
                Value[] row = e.row().clone();
                row[CatalogTables.ATT_NAME] = new TextValue(PgType.NAME, r.to());
                st.catalogChanged();
                store.update(CatalogTables.PG_ATTRIBUTE, e.tid(), row);
            }
            case Statement.RenameType r -> moveClass(st, store, c, r.to(), c.namespaceOid(), types);
            case Statement.SetTypeSchema ss -> {
                long nsp = session.relcache().namespaceOid(ss.schema(), st);
                if (nsp < 0) {
                    throw DatabaseException.error("3F000", "schema \"" + ss.schema() + "\" does not exist");
                }
                moveClass(st, store, c, c.name(), nsp, types);
            }
            case Statement.TypeOwner o -> {
                org.tuskdb.sql.internal.catalog.Roles.Role r = session.roleNamed(o.role());
                if (r.oid() != c.owner()) {
                    Ownership.checkOwnerChange(session, c.owner(), r, "type", c.name());
                    updateClass(st, store, c, CatalogTables.CLASS_RELOWNER, OidValue.oid(r.oid()));
                }
            }
            default -> throw DatabaseException.error("42809", RowTypes.of(c).displayName() + " is not an enum");
        }
        st.transaction().commandCounterIncrement();
        return "ALTER TYPE";
    }

    private void attributeCommand(CompositeTypeDescriptor c, Statement.AttributeCmd cmd, StorageTransaction st,
                                  CatalogStore store, StatementContext ctx, List<String> usedBy) {
        ParseState ps = ddl.parseStateFor();
        switch (cmd) {
            case Statement.AddAttribute a -> {
                String n = a.attribute().name();
                Relation.Column col = attributeType(a.attribute(), ps);
                if (attribute(st, store, c, n) != null) {
                    throw DatabaseException.error("42701", "column \"" + n + "\" of relation \"" + c.name()
                        + "\" already exists");
                }
                int attnum = 0;
                for (CatalogStore.Entry e : store.attributes(c.oid(), st.freshSnapshot())) {
                    attnum = Math.max(attnum, (int) ((IntegerValue) e.row()[CatalogTables.ATT_NUM]).value());
                }
                st.catalogChanged();
                store.insert(CatalogTables.PG_ATTRIBUTE, CatalogTables.attributeRow(c.oid(), attnum + 1, col, false, false,
                    null));
                updateClass(st, store, c, CatalogTables.CLASS_RELNATTS, IntegerValue.of(PgType.INT2, attnum + 1));
            }
            case Statement.DropAttribute d -> {
                CatalogStore.Entry e = attribute(st, store, c, d.name());
                if (e == null) {
                    if (d.ifExists()) {
                        ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "column \"" + d.name() + "\" of relation \"" + c.name() + "\" does not exist, skipping", null,
                            null, 0, null));
                        return;
                    }
                    throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + d.name() + "\" of relation \""
                        + c.name() + "\" does not exist");
                }
                if (!usedBy.isEmpty()) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot drop an attribute of type \""
                        + c.name() + "\" because column \"" + usedBy.get(0) + "\" uses it");
                }
                dropAttribute(st, c.oid(), d.name());
            }
            case Statement.AlterAttributeType a -> {
                CatalogStore.Entry e = attribute(st, store, c, a.attribute().name());
                if (e == null) {
                    throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + a.attribute().name()
                        + "\" of relation \"" + c.name() + "\" does not exist");
                }
                Relation.Column col = attributeType(a.attribute(), ps);
                if (!usedBy.isEmpty()) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter type \"" + c.name()
                        + "\" because column \"" + usedBy.get(0) + "\" uses it");
                }
                Value[] row = e.row().clone();
                row[CatalogTables.ATT_TYPID] = OidValue.oid(Integer.toUnsignedLong(col.type().oid()));
                row[3] = IntegerValue.of(PgType.INT2, col.type().length());
                row[CatalogTables.ATT_TYPMOD] = IntegerValue.int4(col.typmod());
                st.catalogChanged();
                store.update(CatalogTables.PG_ATTRIBUTE, e.tid(), row);
            }
        }
    }

    /** DROP TYPE ... CASCADE of a type a composite type's attribute has: that attribute goes. */
    void dropAttribute(StorageTransaction st, long typeOid, String attribute) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry e : store.attributes(typeOid, st.freshSnapshot())) {
            if (((TextValue) e.row()[CatalogTables.ATT_NAME]).value().equals(attribute)) {
                int attnum = (int) ((IntegerValue) e.row()[CatalogTables.ATT_NUM]).value();
                Value[] row = e.row().clone();
                row[CatalogTables.ATT_NAME] = new TextValue(PgType.NAME, "........pg.dropped." + attnum + "........");
                row[CatalogTables.ATT_TYPID] = OidValue.oid(0);
                row[CatalogTables.ATT_DROPPED] = BoolValue.TRUE;
                st.catalogChanged();
                store.update(CatalogTables.PG_ATTRIBUTE, e.tid(), row);
            }
        }
        st.transaction().commandCounterIncrement();
    }

    /** The live attribute of that name, or null. */
    private static CatalogStore.Entry attribute(StorageTransaction st, CatalogStore store, CompositeTypeDescriptor c,
                                                String name) {
        for (CatalogStore.Entry e : store.attributes(c.oid(), st.freshSnapshot())) {
            if (!((BoolValue) e.row()[CatalogTables.ATT_DROPPED]).value()
                && ((TextValue) e.row()[CatalogTables.ATT_NAME]).value().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** RENAME TO / SET SCHEMA: the new type name must be free there (42710), and the relation name. */
    private void moveClass(StorageTransaction st, CatalogStore store, CompositeTypeDescriptor c, String name,
                           long namespace, TypeCommands types) {
        if (name.equals(c.name()) && namespace == c.namespaceOid()) {
            return;
        }
        types.lockTypeName(st, namespace, name);
        // RenameRelation: the relation name first, then the row type's (RenameTypeInternal)
        if (store.findClass(namespace, name, st.freshSnapshot()) != null) {
            throw DatabaseException.error("42P07", "relation \"" + name + "\" already exists");
        }
        types.checkTypeNameFree(st, namespace, name);
        CatalogStore.Entry cls = store.findClassByOid(c.oid(), st.freshSnapshot());
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELNAME] = new TextValue(PgType.NAME, name);
        row[CatalogTables.CLASS_RELNAMESPACE] = OidValue.oid(namespace);
        st.catalogChanged();
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
    }

    private static void updateClass(StorageTransaction st, CatalogStore store, CompositeTypeDescriptor c, int column,
                                    Value v) {
        CatalogStore.Entry cls = store.findClassByOid(c.oid(), st.freshSnapshot());
        Value[] row = cls.row().clone();
        row[column] = v;
        st.catalogChanged();
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
    }
}

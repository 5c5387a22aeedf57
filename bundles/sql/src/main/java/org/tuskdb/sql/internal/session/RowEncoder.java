package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/** Values to DataRow bytes (text or binary per column) and result columns to RowDescription fields. */
final class RowEncoder {
    private RowEncoder() {}

    static byte[][] encode(Value[] row, int columns, Portal portal, SessionStyle style) {
        byte[][] out = new byte[columns][];
        for (int i = 0; i < columns; i++) {
            Value v = row[i];
            if (v != null) {
                out[i] = portal.format(i) == 1 ? v.toBinary() : v.toTextBytes(style);
            }
        }
        return out;
    }

    /**
     * The RowDescription fields of a portal: the statement's text-format description, made
     * once when it was prepared, unless the portal asked for binary columns.
     */
    static List<ColumnDescription> describe(Portal portal) {
        return portal.allText() ? portal.statement.textDescription() : describe(portal.statement.columns(), portal);
    }

    static List<ColumnDescription> describe(List<ResultColumn> columns, Portal portal) {
        List<ColumnDescription> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            // printtup: a domain's column is described as its base type and modifier
            PgType t = c.type().baseType();
            out.add(new ColumnDescription(c.name(), 0, (short) 0, t.oid(), t.length(), c.type().baseTypmod(c.typmod()),
                portal == null ? 0 : portal.format(i)));
        }
        return out;
    }
}

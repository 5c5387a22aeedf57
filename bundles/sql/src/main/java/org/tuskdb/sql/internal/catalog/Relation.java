package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Something FROM can name: a system view (computed) or a table (stored in the heap). The
 * analyzer binds column names against {@link #columns()}.
 */
public interface Relation {
    String schema();

    String name();

    List<Column> columns();

    /** A column: name, type and type modifier (-1 when none). */
    record Column(String name, PgType type, int typmod) {
        public Column(String name, PgType type) {
            this(name, type, -1);
        }
    }
}

package org.tuskdb.sql.internal.analyze;

import org.tuskdb.sql.internal.value.PgType;

/** One column a statement returns: name, type and type modifier (RowDescription's fields). */
public record ResultColumn(String name, PgType type, int typmod) {}

package org.tuskdb.sql.internal.catalog;

import org.tuskdb.sql.internal.expr.Expression;

/**
 * A CHECK constraint as the relation cache holds it: its pg_constraint name, the source text kept
 * in conbin, and the expression analyzed against the table's columns (a boolean; NULL passes).
 */
public record CheckConstraint(String name, String text, Expression expr) {}

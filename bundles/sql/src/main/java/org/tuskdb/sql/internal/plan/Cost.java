package org.tuskdb.sql.internal.plan;

/**
 * A plan node's estimate in PostgreSQL's terms: the cost before the first row ({@code startup})
 * and for all rows ({@code total}) in units of one sequential page read, the number of rows it
 * returns and their average width in bytes.
 */
public record Cost(double startup, double total, double rows, int width) {}

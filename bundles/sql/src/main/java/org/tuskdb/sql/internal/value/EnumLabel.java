package org.tuskdb.sql.internal.value;

/**
 * One pg_enum row: the label's oid (what a stored row holds, so RENAME VALUE does not touch the
 * rows), its sort order (what comparisons use: ADD VALUE BEFORE / AFTER gives a value between its
 * neighbours' orders, existing orders never change) and its text. {@code unsafe}: added by ALTER
 * TYPE ... ADD VALUE in the reading session's open transaction, so not
 * usable yet (PostgreSQL's check_safe_enum_use).
 */
public record EnumLabel(long oid, float sortOrder, String label, boolean unsafe) {}

/** Bound, typed expression trees that evaluate themselves against an input row. */
package org.tuskdb.sql.internal.expr;

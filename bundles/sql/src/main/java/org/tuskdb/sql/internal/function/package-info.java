/** The function and operator catalog (pg_proc / pg_operator) and the built-in libraries. */
package org.tuskdb.sql.internal.function;

/** parse_analyze: binding names and types, overload resolution, coercion, result column names. */
package org.tuskdb.sql.internal.analyze;

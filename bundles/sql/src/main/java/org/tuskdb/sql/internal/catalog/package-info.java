/** Relation lookup and the system views (pg_stat_activity). */
package org.tuskdb.sql.internal.catalog;

/** LISTEN / NOTIFY: the shared NOTIFY queue and each session's listen state (PostgreSQL's commands/async.c). */
package org.tuskdb.sql.internal.async;

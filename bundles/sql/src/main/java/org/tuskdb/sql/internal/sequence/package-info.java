/**
 * Sequences (PostgreSQL's commands/sequence.c): the one-page relation holding a sequence's state,
 * its WAL record and redo, and the per-session nextval / currval / setval / lastval logic.
 */
package org.tuskdb.sql.internal.sequence;

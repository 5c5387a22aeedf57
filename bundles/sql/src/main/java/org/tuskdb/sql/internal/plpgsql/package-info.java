/**
 * PL/pgSQL (PostgreSQL's src/pl/plpgsql): {@code PlParser} reads the block language of a DO
 * body or a LANGUAGE plpgsql function into {@code PlStmt} trees, cutting the embedded
 * expressions and SQL statements out as text; {@code Interpreter} runs the trees, handing every
 * embedded piece to the sql bundle's parser, analyzer, planner and executor through {@link
 * org.tuskdb.sql.internal.plpgsql.Spi} (the session's side, PostgreSQL's SPI). Each piece is
 * prepared at its first run and its plan kept in the tree ({@code PlQuery}), which lives in the
 * session's cache of compiled functions: prepared once per function per session. Private.
 */
package org.tuskdb.sql.internal.plpgsql;

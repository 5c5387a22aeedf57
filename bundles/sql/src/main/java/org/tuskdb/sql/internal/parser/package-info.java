/** Lexer and hand-written recursive-descent parser, one class per statement family. */
package org.tuskdb.sql.internal.parser;

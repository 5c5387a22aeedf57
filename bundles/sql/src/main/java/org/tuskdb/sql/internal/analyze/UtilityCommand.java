package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * A statement the session executes itself (SET, SHOW, transaction control, DISCARD), with the
 * columns it returns (SHOW) or null.
 */
public record UtilityCommand(Statement statement, List<ResultColumn> columns) implements AnalyzedStatement {}

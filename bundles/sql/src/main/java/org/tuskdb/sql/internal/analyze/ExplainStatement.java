package org.tuskdb.sql.internal.analyze;

import org.tuskdb.sql.internal.plan.explain.ExplainOptions;

/** EXPLAIN of an analyzed query or INSERT / UPDATE / DELETE. */
public record ExplainStatement(ExplainOptions options, AnalyzedStatement statement) implements AnalyzedStatement {}

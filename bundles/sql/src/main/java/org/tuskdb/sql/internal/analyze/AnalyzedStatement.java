package org.tuskdb.sql.internal.analyze;

/** The analyzer's output: a query the planner plans, or a utility command the session runs. */
public sealed interface AnalyzedStatement permits Query, UtilityCommand, ModifyQuery, CopyStatement, ExplainStatement {}

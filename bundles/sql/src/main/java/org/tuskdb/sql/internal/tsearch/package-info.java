/**
 * Full-text search's machinery below the SQL functions: the default parser ({@code TextParser}),
 * the configurations and dictionaries ({@code TextSearchConfig}, the english stemmer and stop
 * words), the query builder of to_tsquery and friends, the tsquery executor behind {@code @@} and
 * the ranking functions.
 */
package org.tuskdb.sql.internal.tsearch;

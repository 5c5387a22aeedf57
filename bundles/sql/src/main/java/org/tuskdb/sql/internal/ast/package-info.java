/** Raw parse trees: what the parser builds, before names and types are bound. */
package org.tuskdb.sql.internal.ast;

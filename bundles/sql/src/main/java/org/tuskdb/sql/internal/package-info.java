/** The SQL engine (plain Java {@code Engine}) and its Declarative Services component. Private. */
package org.tuskdb.sql.internal;

/** The session's transactional overlay on the settings registry, and built-in defaults. */
package org.tuskdb.sql.internal.settings;

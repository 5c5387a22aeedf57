/** Plans (immutable, reusable) and the pull cursors that execute them. */
package org.tuskdb.sql.internal.plan;

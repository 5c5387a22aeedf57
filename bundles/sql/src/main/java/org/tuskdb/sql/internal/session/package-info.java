/** SqlSession: protocol entry points, transaction blocks, portals, utility statements. */
package org.tuskdb.sql.internal.session;

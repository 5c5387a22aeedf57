/** COPY's data formats: options, the streaming text / CSV decoder of COPY FROM, the encoder of COPY TO. */
package org.tuskdb.sql.internal.copy;

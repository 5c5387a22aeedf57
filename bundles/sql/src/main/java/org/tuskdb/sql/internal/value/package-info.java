/** Types (pg_type), value classes with their text and binary forms, input functions and casts. */
package org.tuskdb.sql.internal.value;

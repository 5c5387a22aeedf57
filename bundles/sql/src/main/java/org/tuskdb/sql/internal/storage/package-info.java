/** Rows as heap tuple contents (RowCodec) and the storage services the engine uses. */
package org.tuskdb.sql.internal.storage;

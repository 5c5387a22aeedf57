/**
 * The control protocol between the postmaster and its workers (private, both ends in this
 * bundle): message types, their encoding, and a channel over a Unix stream socket that passes
 * client descriptors with SCM_RIGHTS.
 */
package org.tuskdb.postmaster.internal.control;

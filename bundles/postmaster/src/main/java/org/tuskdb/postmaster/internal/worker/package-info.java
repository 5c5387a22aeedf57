/**
 * What this bundle does in worker processes (private): the worker's link to its postmaster
 * (PostmasterLink) and the startup process, which runs the StartupStep services.
 */
package org.tuskdb.postmaster.internal.worker;

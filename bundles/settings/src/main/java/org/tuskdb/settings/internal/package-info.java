/**
 * The settings registry: definitions of every setting (PostgreSQL's names, types, units and
 * contexts), tusk.conf parsing, PostgreSQL's unit and value rules, reload. Private to the bundle;
 * other bundles use {@link org.tuskdb.api.SettingsRegistry}.
 */
package org.tuskdb.settings.internal;

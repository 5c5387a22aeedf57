package org.tuskdb.lmgr.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;

/** Settings with fixed values (only {@link #value} is used by the lock manager). */
record FakeSettings(Map<String, String> values) implements SettingsRegistry {
    @Override
    public Collection<SettingDefinition> definitions() {
        return List.of();
    }

    @Override
    public SettingDefinition find(String name) {
        return null;
    }

    @Override
    public String value(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown setting " + name);
        }
        return value;
    }

    @Override
    public String source(String name) {
        return "default";
    }

    @Override
    public String normalize(String name, String value) {
        return value;
    }

    @Override
    public String display(String name, String baseValue) {
        return baseValue;
    }

    @Override
    public void reload() {
    }
}

package org.tuskdb.wal.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.wal.WalStrategy;

/**
 * Picks the active {@link WalStrategy} among the registered ones: the one named by the setting
 * {@code wal_strategy} when that setting exists, else the one with the highest positive
 * service.ranking, else the wal bundle's own "default", else any; with none registered, a
 * built-in instance of the default. Re-evaluated when strategies come and go and at most once a
 * second for the setting.
 */
final class StrategySelector {
    static final String SETTING = "wal_strategy";

    private record Entry(WalStrategy strategy, String name, int ranking) {
    }

    private final Map<WalStrategy, Entry> registered = new ConcurrentHashMap<>();
    private final WalStrategy builtIn;
    private final Supplier<SettingsRegistry> settings;
    private volatile WalStrategy chosen;
    private volatile long chosenAt;

    StrategySelector(WalStrategy builtIn, Supplier<SettingsRegistry> settings) {
        this.builtIn = builtIn;
        this.settings = settings;
    }

    void add(WalStrategy s, Map<String, Object> props) {
        Object name = props.get(WalStrategy.NAME_PROPERTY);
        Object ranking = props.get("service.ranking");
        registered.put(s, new Entry(s, name == null ? safeName(s) : name.toString(),
                ranking instanceof Integer i ? i : 0));
        chosen = null;
    }

    void remove(WalStrategy s) {
        registered.remove(s);
        chosen = null;
    }

    WalStrategy get() {
        WalStrategy c = chosen;
        long now = System.nanoTime();
        if (c == null || now - chosenAt > 1_000_000_000L) {
            c = choose();
            chosen = c;
            chosenAt = now;
        }
        return c;
    }

    private WalStrategy choose() {
        String wanted = null;
        SettingsRegistry r = settings.get();
        if (r != null) {
            try {
                if (r.find(SETTING) != null) {
                    wanted = r.value(SETTING);
                }
            } catch (RuntimeException e) {
                wanted = null;
            }
        }
        Entry best = null;
        Entry ours = null;
        Entry any = null;
        for (Entry e : registered.values()) {
            if (wanted != null && wanted.equals(e.name)) {
                return e.strategy;
            }
            if (e.ranking > 0 && (best == null || e.ranking > best.ranking)) {
                best = e;
            }
            if (DefaultWalStrategy.NAME.equals(e.name)) {
                ours = e;
            }
            any = any == null ? e : any;
        }
        Entry pick = best != null ? best : ours != null ? ours : any;
        return pick == null ? builtIn : pick.strategy;
    }

    private static String safeName(WalStrategy s) {
        try {
            return s.name();
        } catch (RuntimeException e) {
            return s.getClass().getName();
        }
    }
}

package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/**
 * Hash join on equality clauses: the build side is read into a hash table on its key
 * expressions (rows with a NULL key never match and are kept aside only when they must be
 * returned null-extended), then each probe row looks its keys up and every candidate is checked
 * with the whole join qual (so hashing only has to be consistent with equality). Outer joins:
 * unmatched probe rows null-extended (emitUnmatchedProbe), unmatched build rows at the end
 * (emitUnmatchedBuild) — so the build side may be either input of a LEFT / RIGHT / FULL join.
 * The table is a java.util.HashMap from the key (the value itself for one key, else a key
 * record) to a chain of build rows (an open-addressing table over the key hashes would be the
 * faster next step). Past work_mem the join works in batches over temporary files
 * ({@link HashJoinCursor}).
 */
public final class HashJoinPlan extends Plan {
    private final Plan probe;
    private final Plan build;
    private final Expression[] probeKeys;
    private final Expression[] buildKeys;
    private final Expression qual;
    private final int buildLo;
    private final int buildHi;
    private final boolean emitUnmatchedProbe;
    private final boolean emitUnmatchedBuild;

    public HashJoinPlan(Plan probe, Plan build, Expression[] probeKeys, Expression[] buildKeys, Expression qual,
                        int buildLo, int buildHi, boolean emitUnmatchedProbe, boolean emitUnmatchedBuild) {
        this.probe = probe;
        this.build = build;
        this.probeKeys = probeKeys;
        this.buildKeys = buildKeys;
        this.qual = qual;
        this.buildLo = buildLo;
        this.buildHi = buildHi;
        this.emitUnmatchedProbe = emitUnmatchedProbe;
        this.emitUnmatchedBuild = emitUnmatchedBuild;
    }

    /** A build row, its key, whether some probe row matched it, and the next row of its key (a chain, not a list). */
    private static final class Entry {
        final Value[] row;
        final Object key;
        boolean matched;
        Entry next;

        Entry(Value[] row, Object key) {
            this.row = row;
            this.key = key;
        }
    }

    /** The row's key: the value itself for one key (no wrapper), else a GroupKey; null if a key is NULL. */
    private static Object key(Expression[] keys, Value[] row, EvalContext ctx) {
        if (keys.length == 1) {
            return keys[0].eval(row, ctx);
        }
        Value[] k = new Value[keys.length];
        for (int i = 0; i < keys.length; i++) {
            k[i] = keys[i].eval(row, ctx);
            if (k[i] == null) {
                return null;
            }
        }
        return new GroupKey(k);
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        HashJoinCursor c = new HashJoinCursor(ctx);
        c.load(build.open(ctx));
        c.probeSource = probe.open(ctx);
        return c;
    }

    /**
     * One execution, PostgreSQL's hybrid hash join: the build rows go into the hash table while
     * their estimated size stays within work_mem; past it the number of batches doubles and the
     * rows whose hash now names a later batch move to that batch's build file (batch 0 stays in
     * memory). Probe rows of a later batch go to its probe file. When batch 0 is done, each later
     * batch's build file is loaded (it may split again) and its probe file probed. A batch's
     * number only grows as batches double, so no row ever moves to a batch already done. When a
     * split moves no row or every row (one key, skew), splitting stops and the batch stays over
     * work_mem.
     */
    private final class HashJoinCursor implements RowCursor {
        private final EvalContext ctx;
        private final long memLimit;
        private Map<Object, Entry> table;
        private List<Entry> all;
        private long mem;
        private int nbatch = 1;
        private int batch;
        private boolean growEnabled = true;
        private int nullCounter;
        private TempFiles files;
        private TempFiles.Writer[] buildFiles;
        private TempFiles.Writer[] probeFiles;
        RowCursor probeSource;
        private Value[] current;
        private Entry candidate;
        private boolean matched;
        private boolean probeDone;
        private int unmatchedNext;

        HashJoinCursor(EvalContext ctx) {
            this.ctx = ctx;
            this.memLimit = TempFiles.memoryLimit(ctx);
        }

        private int batchOf(int hash) {
            return hash & (nbatch - 1);
        }

        /** Reads a batch's build rows into the table (the rows of later batches into their files). */
        void load(RowCursor src) {
            table = new HashMap<>();
            all = new ArrayList<>();
            mem = 0;
            Value[] r;
            while ((r = src.next()) != null) {
                Object k = key(buildKeys, r, ctx);
                if (k == null && !emitUnmatchedBuild) {
                    ctx.checkForInterrupts();
                    continue; // never matches, never returned
                }
                if (nbatch > 1 && k != null) {
                    int b = batchOf(AggPlan.spillHash(k.hashCode(), 0));
                    if (b != batch) {
                        buildFile(b).write(r);
                        ctx.checkForInterrupts();
                        continue;
                    }
                }
                Entry e = new Entry(r, k);
                all.add(e);
                if (k != null) {
                    e.next = table.put(k, e);
                }
                mem += TempFiles.rowBytes(r) + 80;
                if (mem > memLimit && growEnabled) {
                    grow();
                }
                ctx.checkForInterrupts();
            }
        }

        /** Doubles the batches and moves the rows of the current batch that now belong to a later one. */
        private void grow() {
            if (nbatch >= (1 << 20)) {
                growEnabled = false;
                return;
            }
            int old = nbatch;
            nbatch = old * 2;
            if (files == null) {
                files = TempFiles.open(ctx);
                buildFiles = new TempFiles.Writer[nbatch];
                probeFiles = new TempFiles.Writer[nbatch];
            } else {
                buildFiles = java.util.Arrays.copyOf(buildFiles, nbatch);
                probeFiles = java.util.Arrays.copyOf(probeFiles, nbatch);
            }
            Map<Object, Entry> kept = new HashMap<>();
            List<Entry> keptAll = new ArrayList<>();
            long keptMem = 0;
            for (Entry e : all) {
                int h = e.key != null ? AggPlan.spillHash(e.key.hashCode(), 0)
                    : (AggPlan.spillHash(nullCounter++, 1) & ~(old - 1)) | batch; // NULL keys: spread, never to a done batch
                int b = batchOf(h);
                if (b != batch) {
                    buildFile(b).write(e.row);
                    continue;
                }
                e.next = null;
                keptAll.add(e);
                if (e.key != null) {
                    e.next = kept.put(e.key, e);
                }
                keptMem += TempFiles.rowBytes(e.row) + 80;
            }
            if (keptAll.size() == all.size() || keptAll.isEmpty()) {
                growEnabled = false; // the split did not divide the batch: more batches would not either
            }
            table = kept;
            all = keptAll;
            mem = keptMem;
        }

        private TempFiles.Writer buildFile(int b) {
            if (buildFiles[b] == null) {
                buildFiles[b] = files.create();
            }
            return buildFiles[b];
        }

        private TempFiles.Writer probeFile(int b) {
            if (probeFiles[b] == null) {
                probeFiles[b] = files.create();
            }
            return probeFiles[b];
        }

        @Override
        public Value[] next() {
            while (true) {
                Value[] r = nextInBatch();
                if (r != null) {
                    return r;
                }
                if (!nextBatch()) {
                    return null;
                }
            }
        }

        /** Moves to the next batch with work to do; false when none is left (the files are then gone). */
        private boolean nextBatch() {
            while (files != null && batch + 1 < nbatch) {
                batch++;
                TempFiles.Writer bw = buildFiles[batch];
                TempFiles.Writer pw = probeFiles[batch];
                buildFiles[batch] = null;
                probeFiles[batch] = null;
                boolean needBuild = bw != null && (pw != null || emitUnmatchedBuild);
                boolean needProbe = pw != null && (bw != null || emitUnmatchedProbe);
                if (!needBuild && !needProbe) {
                    if (bw != null) {
                        bw.close();
                    }
                    if (pw != null) {
                        pw.close();
                    }
                    continue;
                }
                if (needBuild) {
                    load(bw.finish()::next);
                } else {
                    if (bw != null) {
                        bw.close();
                    }
                    table = new HashMap<>();
                    all = new ArrayList<>();
                }
                if (pw != null) {
                    probeSource = pw.finish()::next;
                } else {
                    probeSource = () -> null;
                }
                probeDone = false;
                current = null;
                candidate = null;
                unmatchedNext = 0;
                return true;
            }
            table = null;
            all = null;
            if (files != null) {
                files.close();
            }
            return false;
        }

        private Value[] nextInBatch() {
            while (!probeDone) {
                if (current == null) {
                    current = probeSource.next();
                    if (current == null) {
                        probeDone = true;
                        break;
                    }
                    Object k = key(probeKeys, current, ctx);
                    if (k != null && nbatch > 1) {
                        int b = batchOf(AggPlan.spillHash(k.hashCode(), 0));
                        if (b != batch) {
                            probeFile(b).write(current);
                            current = null;
                            ctx.checkForInterrupts();
                            continue;
                        }
                    }
                    candidate = k == null ? null : table.get(k);
                    matched = false;
                }
                while (candidate != null) {
                    Entry e = candidate;
                    candidate = e.next;
                    Value[] joined = JoinRows.combine(current, e.row, buildLo, buildHi);
                    if (JoinRows.passes(qual, joined, ctx)) {
                        matched = true;
                        e.matched = true;
                        return joined;
                    }
                }
                Value[] done = current;
                current = null;
                ctx.checkForInterrupts();
                if (emitUnmatchedProbe && !matched) {
                    return done;
                }
            }
            if (emitUnmatchedBuild) {
                while (unmatchedNext < all.size()) {
                    Entry e = all.get(unmatchedNext++);
                    if (!e.matched) {
                        return e.row;
                    }
                }
            }
            return null;
        }
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainProbe() { return probe; }
    public Plan explainBuild() { return build; }
    public Expression[] explainProbeKeys() { return probeKeys; }
    public Expression[] explainBuildKeys() { return buildKeys; }
    public Expression explainQual() { return qual; }
    public boolean explainEmitsUnmatchedProbe() { return emitUnmatchedProbe; }
    public boolean explainEmitsUnmatchedBuild() { return emitUnmatchedBuild; }
}

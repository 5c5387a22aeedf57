package org.tuskdb.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolved bundle list the postmaster writes for its workers (pg_runtime/bundles.list): one
 * absolute jar path per line, in start order; lines starting with '#' are comments. Written to a
 * temporary file and renamed, so a worker starting meanwhile never reads half a list.
 */
final class BundleList {
    private BundleList() {
    }

    static void write(Path file, List<Path> jars, String comment) throws IOException {
        StringBuilder b = new StringBuilder("# ").append(comment).append('\n');
        for (Path jar : jars) {
            b.append(jar.toAbsolutePath()).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, b);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Path> read(Path file) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                jars.add(Path.of(text));
            }
        }
        return jars;
    }
}

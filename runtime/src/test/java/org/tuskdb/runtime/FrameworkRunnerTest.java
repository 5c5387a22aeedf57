package org.tuskdb.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class FrameworkRunnerTest {
    /** Bundles of the distribution that are not ours (runtime/pom.xml, tusk.bundle.artifacts). */
    private static final Set<String> THIRD_PARTY_BUNDLES = Set.of("org.apache.felix.scr", "org.osgi.service.component",
            "org.osgi.util.promise", "org.osgi.util.function", "org.apache.felix.gogo.runtime",
            "org.apache.felix.gogo.command");

    @Test
    void systemBundleExportsTheFrameworkPackagesAndTheListedJdkPackagesOnly() {
        assertNotNull(FrameworkRunner.systemPackages(), "this Felix declares its osgi-exports");
        Set<String> exported = packageNames(FrameworkRunner.systemPackages());
        assertTrue(exported.contains("org.osgi.framework"), exported.toString());
        assertTrue(exported.contains("org.osgi.dto"), exported.toString());
        assertTrue(exported.contains("javax.xml.parsers"), exported.toString());
        assertTrue(exported.size() < 40, "not every JDK package: " + exported.size());
    }

    @Test
    void everyMandatoryImportOfTheDistributionsBundlesIsExportedByABundleOrTheSystemBundle() throws IOException {
        List<Manifest> bundles = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Manifest m = manifest(Path.of(entry));
            String name = m == null ? null : symbolicName(m);
            if (name != null && (name.startsWith("org.tuskdb.") || THIRD_PARTY_BUNDLES.contains(name))) {
                bundles.add(m);
            }
        }
        assertTrue(bundles.size() >= 20, "bundles found on the test class path: " + bundles.size());
        Set<String> available = packageNames(FrameworkRunner.systemPackages() + ","
                + FrameworkRunner.SYSTEM_PACKAGES_EXTRA);
        for (Manifest m : bundles) {
            available.addAll(packageNames(m.getMainAttributes().getValue("Export-Package")));
        }
        Set<String> missing = new TreeSet<>();
        for (Manifest m : bundles) {
            for (String clause : clauses(m.getMainAttributes().getValue("Import-Package"))) {
                String pkg = clause.split(";", 2)[0].strip();
                if (!pkg.startsWith("java.") && !clause.contains("resolution:=optional") && !available.contains(pkg)) {
                    missing.add(pkg + " (imported by " + symbolicName(m) + ")");
                }
            }
        }
        assertEquals(Set.of(), missing, "add these JDK packages to FrameworkRunner.JDK_PACKAGES");
    }

    private static Manifest manifest(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            Path mf = entry.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(mf)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(mf)) {
                return new Manifest(in);
            }
        }
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return null;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getManifest();
        }
    }

    private static String symbolicName(Manifest m) {
        String v = m.getMainAttributes().getValue("Bundle-SymbolicName");
        return v == null ? null : v.split(";", 2)[0].strip();
    }

    private static Set<String> packageNames(String header) {
        Set<String> names = new HashSet<>();
        for (String clause : clauses(header)) {
            names.add(clause.split(";", 2)[0].strip());
        }
        return names;
    }

    /** The clauses of a manifest header: split at commas outside quotes. */
    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        if (!b.isEmpty()) {
            out.add(b.toString());
        }
        return out;
    }
}

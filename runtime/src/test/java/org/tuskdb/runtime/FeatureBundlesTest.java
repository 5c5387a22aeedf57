package org.tuskdb.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureBundlesTest {
    @TempDir
    Path dist;
    Path features;
    Path bundles;

    @BeforeEach
    void layout() throws IOException {
        features = Files.createDirectories(dist.resolve("features"));
        bundles = Files.createDirectories(dist.resolve("bundles"));
        for (String jar : List.of("a-1.0.jar", "b-2.0.jar", "c-0.1.0-SNAPSHOT.jar")) {
            Files.writeString(bundles.resolve(jar), "");
        }
        feature("one", "x:a:1.0", "x:b:2.0");
        feature("two", "x:b:2.0", "y:c:0.1.0-SNAPSHOT");
    }

    private void feature(String name, String... ids) throws IOException {
        StringBuilder b = new StringBuilder("{\"feature-resource-version\":\"1.0\",\"id\":\"t:" + name
                + ":osgifeature:1\",\"bundles\":[");
        for (int i = 0; i < ids.length; i++) {
            b.append(i > 0 ? "," : "").append("{\"id\":\"").append(ids[i]).append("\"}");
        }
        Files.writeString(features.resolve(name + ".json"), b.append("]}"));
    }

    @Test
    void bundlesMapToArtifactVersionJarsInListedOrderOnce() throws IOException {
        List<Path> jars = FeatureBundles.resolve(features, bundles, List.of("one", "two"));
        assertEquals(List.of(bundles.resolve("a-1.0.jar"), bundles.resolve("b-2.0.jar"),
                bundles.resolve("c-0.1.0-SNAPSHOT.jar")), jars);
    }

    @Test
    void missingBundleJarIsNamed() throws IOException {
        feature("three", "x:d:9");
        IOException e = assertThrows(IOException.class,
                () -> FeatureBundles.resolve(features, bundles, List.of("three")));
        assertTrue(e.getMessage().contains("d-9.jar"), e.getMessage());
    }

    @Test
    void missingFeatureIsNamed() {
        IOException e = assertThrows(IOException.class,
                () -> FeatureBundles.resolve(features, bundles, List.of("nope")));
        assertTrue(e.getMessage().contains("\"nope\""), e.getMessage());
    }

    @Test
    void shippedFeaturesNameOnlyBundlesTheDistributionHas() throws IOException {
        // The real features/*.json of the repository, versions as the build fills them in.
        Path repoFeatures = Path.of("..", "features");
        for (String name : List.of("core", "shell")) {
            String text = Files.readString(repoFeatures.resolve(name + ".json"));
            assertTrue(text.contains("\"bundles\""), name);
        }
        Path built = Path.of("target", "tusk");
        if (Files.isDirectory(built.resolve("features"))) {
            List<Path> jars = FeatureBundles.resolve(built.resolve("features"), built.resolve("bundles"),
                    List.of("core", "shell"));
            assertTrue(jars.size() >= 12, jars.toString());
        }
    }

    @Test
    void bundleListRoundTrips() throws IOException {
        Path file = dist.resolve("pg_runtime/bundles.list");
        List<Path> jars = List.of(bundles.resolve("a-1.0.jar"), bundles.resolve("b-2.0.jar"));
        BundleList.write(file, jars, "test");
        assertEquals(jars, BundleList.read(file));
    }
}

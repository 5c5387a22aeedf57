package org.tuskdb.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * Reads features (OSGi Feature Service JSON, Compendium R8 ch. 160) with the Felix
 * implementation and turns them into the ordered list of bundle jars to install.
 *
 * <p>Rules: a bundle id {@code groupId:artifactId:version} names the file
 * {@code bundles/artifactId-version.jar} of the distribution (the build copies them under exactly
 * that name). Bundles start in the order the features list them, features in the order given;
 * a bundle named twice is installed once, where it first appears. Only the postmaster reads
 * features: it writes the result for the workers ({@link BundleList}), which start faster
 * without a JSON parser.
 */
final class FeatureBundles {
    static final String CORE = "core";
    static final String SHELL = "shell";

    private FeatureBundles() {
    }

    static List<Path> resolve(Path featuresDirectory, Path bundlesDirectory, List<String> featureNames)
            throws IOException {
        FeatureService service = ServiceLoader.load(FeatureService.class, FeatureBundles.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IOException("no OSGi Feature Service implementation on the class path"));
        Set<Path> jars = new LinkedHashSet<>();
        for (String name : featureNames) {
            Path file = featuresDirectory.resolve(name + ".json");
            Feature feature;
            try (Reader reader = Files.newBufferedReader(file)) {
                feature = service.readFeature(reader);
            } catch (NoSuchFileException e) {
                throw new IOException("feature \"" + name + "\" not found: " + file);
            } catch (RuntimeException e) {
                throw new IOException("feature file " + file + " is not valid: " + e.getMessage(), e);
            }
            for (FeatureBundle bundle : feature.getBundles()) {
                jars.add(jarOf(bundlesDirectory, bundle.getID(), feature.getID()));
            }
        }
        return new ArrayList<>(jars);
    }

    static Path jarOf(Path bundlesDirectory, ID id, ID feature) throws IOException {
        String name = id.getArtifactId() + "-" + id.getVersion()
                + id.getClassifier().map(c -> "-" + c).orElse("") + "." + id.getType().orElse("jar");
        Path jar = bundlesDirectory.resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IOException("bundle " + id + " of feature " + feature + " is missing: " + jar);
        }
        return jar.toAbsolutePath().normalize();
    }
}

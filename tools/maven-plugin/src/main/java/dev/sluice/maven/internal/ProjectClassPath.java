package dev.sluice.maven.internal;

import dev.sluice.connection.Vendor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import org.codehaus.plexus.classworlds.realm.ClassRealm;

/**
 * What the plugin takes from the project's class path: its JDBC driver, and its resources and dependencies for
 * {@code classpath:} migration locations (including {@code src/main/resources} before Maven copies it).
 *
 * <p>The driver jar is added to the plugin's own class realm rather than to a loader of its own, because the libraries
 * that use it must see it from theirs: HikariCP, and Flyway, which loads the PostgreSQL driver's {@code CopyManager}
 * for {@code COPY ... FROM stdin} through the class loader of the (pooled) connection. Only jars holding a JDBC driver
 * of a supported vendor are added, and only when the plugin has none for that vendor (the user may also list it among
 * the plugin's dependencies). A project without its driver gets the missing-driver error naming the coordinates.
 */
public final class ProjectClassPath {
    private static final Map<List<String>, ClassLoader> RESOURCE_LOADERS = new ConcurrentHashMap<>();

    private ProjectClassPath() {}

    /**
     * Adds the drivers found among {@code entries} to {@code pluginLoader} when it is Maven's class realm and lacks
     * them; returns the vendors whose driver was added.
     */
    public static Set<Vendor> addDrivers(List<String> entries, ClassLoader pluginLoader) {
        Set<Vendor> added = new LinkedHashSet<>();
        if (!(pluginLoader instanceof ClassRealm realm)) {
            return added;
        }
        for (Vendor v : Vendor.values()) {
            if (v.isDriverAvailable(pluginLoader)) {
                continue;
            }
            String entry = v.driverClassName().replace('.', '/') + ".class";
            for (String e : entries) {
                File f = new File(e);
                if (f.isFile() && f.getName().endsWith(".jar") && holds(f, entry)) {
                    realm.addURL(url(f));
                    added.add(v);
                    break;
                }
            }
        }
        return added;
    }

    /**
     * A loader for the project's resources and dependencies ({@code classpath:} locations), over the plugin's own
     * classes; one per distinct class path for the whole build.
     */
    public static ClassLoader resources(List<String> entries, ClassLoader pluginLoader) {
        Set<String> unique = new LinkedHashSet<>();
        for (String e : entries) {
            if (e != null && new File(e).exists()) {
                unique.add(new File(e).getAbsolutePath());
            }
        }
        List<String> key = new ArrayList<>(unique);
        key.add("parent:" + System.identityHashCode(pluginLoader));
        return RESOURCE_LOADERS.computeIfAbsent(List.copyOf(key),
                k -> new URLClassLoader("sluice-project", unique.stream().map(p -> url(new File(p))).toArray(URL[]::new), pluginLoader));
    }

    private static boolean holds(File jar, String entry) {
        try (JarFile j = new JarFile(jar)) {
            return j.getEntry(entry) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    private static URL url(File f) {
        try {
            return f.toURI().toURL();
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException("Not a class path entry: " + f, impossible);
        }
    }
}

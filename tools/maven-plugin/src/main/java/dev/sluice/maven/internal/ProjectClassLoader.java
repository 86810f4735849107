package dev.sluice.maven.internal;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The project's classes, resources and dependencies on top of the plugin's own classes: where the JDBC driver is found
 * (the project declares it, as its application needs it at run time) and where {@code classpath:} migration
 * locations are read, including {@code src/main/resources} before Maven copies it to {@code target/classes}.
 *
 * <p>Parent first: Sluice, Flyway and jOOQ always come from the plugin, only what the plugin lacks (the driver, the
 * project's scripts) from the project. One loader per distinct class path is kept for the whole build, so a driver
 * with a native library (sqlite-jdbc) is loaded once however many goals run.
 */
public final class ProjectClassLoader {
    private static final java.util.Map<List<String>, ClassLoader> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private ProjectClassLoader() {}

    /**
     * The loader for these class path entries (directories and jars; missing ones are left out), parented by
     * {@code parent}.
     */
    public static ClassLoader of(List<String> entries, ClassLoader parent) {
        Set<String> unique = new LinkedHashSet<>();
        for (String e : entries) {
            if (e != null && new File(e).exists()) {
                unique.add(new File(e).getAbsolutePath());
            }
        }
        List<String> key = new ArrayList<>(unique);
        key.add("parent:" + System.identityHashCode(parent));
        return CACHE.computeIfAbsent(List.copyOf(key), k -> new URLClassLoader("sluice-project", urls(unique), parent));
    }

    private static URL[] urls(Set<String> entries) {
        List<URL> urls = new ArrayList<>();
        for (String e : entries) {
            try {
                urls.add(new File(e).toURI().toURL());
            } catch (MalformedURLException impossible) {
                throw new IllegalStateException("Not a class path entry: " + e, impossible);
            }
        }
        return urls.toArray(URL[]::new);
    }
}

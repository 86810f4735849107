package dev.sluice.migrations.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists the files under a Flyway location ({@code filesystem:dir}, {@code classpath:pkg/dir} or a bare classpath path),
 * recursively: directories on disk, and directories in jars on the class path. Used to check a location before
 * anything touches a database, and to find seed scripts.
 */
public final class ScriptLocations {
    /** Flyway's default naming of versioned and repeatable SQL migrations. */
    private static final Pattern MIGRATION = Pattern.compile("(V[0-9][0-9._]*|R)__.+\\.sql");
    /** Class path locations in jars known to hold migrations, per class loader (weakly: a loader may go away). */
    private static final Map<ClassLoader, Set<String>> IN_JARS = Collections.synchronizedMap(new WeakHashMap<>());

    private ScriptLocations() {}

    /** A file found under a location: its path relative to the location ({@code /}-separated) and how to read it. */
    public record Script(String relativePath, URL url) {
        /** The file name without directories. */
        public String name() {
            return relativePath.substring(relativePath.lastIndexOf('/') + 1);
        }

        /** The file's text (UTF-8). */
        public String read() {
            try (var in = url.openStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + url + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The files under {@code location}, sorted by relative path; empty when it does not exist. Empty as well for class
     * path entries in a form this cannot list (neither a directory nor a jar), which {@link #listable} reports.
     */
    public static List<Script> list(String location, ClassLoader loader) {
        List<Script> out = new ArrayList<>();
        try {
            if (location.startsWith("filesystem:")) {
                addTree(Path.of(location.substring("filesystem:".length())), out);
            } else {
                String base = classpathBase(location);
                Enumeration<URL> roots = loader.getResources(base);
                while (roots.hasMoreElements()) {
                    URL root = roots.nextElement();
                    if ("file".equals(root.getProtocol())) {
                        addTree(Path.of(root.toURI()), out);
                    } else if ("jar".equals(root.getProtocol())) {
                        addJar(root, base, out);
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new UncheckedIOException("Cannot list " + location + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        out.sort(java.util.Comparator.comparing(Script::relativePath));
        return out;
    }

    /**
     * Whether this class can see what {@code location} holds: false only for a class path location that resolves to
     * something other than directories and jars (then the caller should not conclude it is empty).
     */
    public static boolean listable(String location, ClassLoader loader) {
        if (location.startsWith("filesystem:")) {
            return true;
        }
        Set<String> protocols = rootProtocols(location, loader);
        return protocols != null && Set.of("file", "jar").containsAll(protocols);
    }

    /** The URL protocols of the class path roots {@code location} resolves to, or {@code null} when they cannot be read. */
    private static Set<String> rootProtocols(String location, ClassLoader loader) {
        try {
            Set<String> out = new java.util.HashSet<>();
            for (Enumeration<URL> roots = loader.getResources(classpathBase(location)); roots.hasMoreElements();) {
                out.add(roots.nextElement().getProtocol());
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether {@code location} holds at least one migration ({@code V<version>__<description>.sql} or {@code R__...}).
     * A class path location found in jars only is remembered per class loader when it holds one: a jar does not change
     * under a running JVM, and listing one means reading all its entries (12,000 in the CLI's jar), which the check
     * before connecting and the one of {@code Migrations.build()} would otherwise both do.
     */
    public static boolean holdsMigrations(String location, ClassLoader loader) {
        if (!listable(location, loader)) {
            return true;
        }
        Set<String> known = IN_JARS.get(loader);
        if (known != null && known.contains(location)) {
            return true;
        }
        boolean holds = list(location, loader).stream().anyMatch(s -> MIGRATION.matcher(s.name()).matches());
        if (holds && inJarsOnly(location, loader)) {
            IN_JARS.computeIfAbsent(loader, l -> ConcurrentHashMap.newKeySet()).add(location);
        }
        return holds;
    }

    private static boolean inJarsOnly(String location, ClassLoader loader) {
        return !location.startsWith("filesystem:") && Set.of("jar").equals(rootProtocols(location, loader));
    }

    /** Why a location holds no migrations, for the error message. */
    public static String whyEmpty(String location, ClassLoader loader) {
        if (location.startsWith("filesystem:")) {
            Path dir = Path.of(location.substring("filesystem:".length()));
            if (!Files.exists(dir)) {
                return "the directory " + dir.toAbsolutePath() + " does not exist";
            }
            if (!Files.isDirectory(dir)) {
                return dir.toAbsolutePath() + " is not a directory";
            }
            return "it has no V<version>__<description>.sql or R__<description>.sql scripts";
        }
        return list(location, loader).isEmpty() && !hasRoot(location, loader)
                ? "nothing on the class path is at " + classpathBase(location)
                : "it has no V<version>__<description>.sql or R__<description>.sql scripts";
    }

    /** A file at {@code relativePath} under {@code location}, if there is one. */
    public static Optional<Script> find(String location, String relativePath, ClassLoader loader) {
        if (location.startsWith("filesystem:")) {
            Path p = Path.of(location.substring("filesystem:".length())).resolve(relativePath);
            try {
                return Files.isRegularFile(p) ? Optional.of(new Script(relativePath, p.toUri().toURL())) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String base = classpathBase(location);
        URL url = loader.getResource(base.isEmpty() ? relativePath : base + "/" + relativePath);
        return Optional.ofNullable(url).map(u -> new Script(relativePath, u));
    }

    private static boolean hasRoot(String location, ClassLoader loader) {
        try {
            return loader.getResources(classpathBase(location)).hasMoreElements();
        } catch (IOException e) {
            return false;
        }
    }

    private static String classpathBase(String location) {
        String base = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (base.startsWith("/")) {
            base = base.substring(1);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static void addTree(Path dir, List<Script> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.add(new Script(dir.relativize(p).toString().replace('\\', '/'), p.toUri().toURL()));
            }
        }
    }

    private static void addJar(URL root, String base, List<Script> out) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = base.isEmpty() ? "" : base + "/";
        try (JarFile jar = connection.getJarFile()) {
            String jarUrl = root.toString().substring(0, root.toString().indexOf("!/") + 2);
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    out.add(new Script(entry.getName().substring(prefix.length()), java.net.URI.create(jarUrl + entry.getName()).toURL()));
                }
            }
        }
    }
}

package dev.sluice.maven.internal;

import dev.sluice.connection.Vendor;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration locations of a project, as Flyway reads them. The default is the project's own
 * {@value #DEFAULT}; relative {@code filesystem:} paths are taken from the project's directory (not from wherever
 * Maven was started), and {@code {vendor}} is replaced by {@code postgresql}, {@code mysql} or {@code sqlite}.
 */
public final class Locations {
    /** Where a project's migrations are unless it says otherwise. */
    public static final String DEFAULT = "filesystem:src/main/resources/db/migration/{vendor}";

    private Locations() {}

    /**
     * The locations to use: {@code configured} (blank entries dropped, comma-separated entries split), or
     * {@link #DEFAULT}, with relative {@code filesystem:} paths made absolute against {@code basedir}.
     */
    public static List<String> resolve(List<String> configured, File basedir) {
        List<String> given = new ArrayList<>();
        if (configured != null) {
            for (String c : configured) {
                if (c == null) {
                    continue;
                }
                for (String part : c.split(",")) {
                    if (!part.isBlank()) {
                        given.add(part.strip());
                    }
                }
            }
        }
        if (given.isEmpty()) {
            given.add(DEFAULT);
        }
        List<String> out = new ArrayList<>();
        for (String l : given) {
            if (l.startsWith("filesystem:")) {
                String path = l.substring("filesystem:".length());
                File f = new File(path);
                out.add("filesystem:" + (f.isAbsolute() ? path : new File(basedir, path).getPath()));
            } else {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    /** The locations with {@code {vendor}} replaced, as they are read for {@code vendor}. */
    public static List<String> forVendor(List<String> locations, Vendor vendor) {
        return locations.stream().map(l -> l.replace("{vendor}", vendor.id())).toList();
    }

    /**
     * The directories a location's scripts are in: the path of a {@code filesystem:} location; for a
     * {@code classpath:} location (or one without a prefix), that path under each of {@code resourceRoots}.
     */
    public static List<File> directories(String location, List<File> resourceRoots) {
        if (location.startsWith("filesystem:")) {
            return List.of(new File(location.substring("filesystem:".length())));
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        path = path.startsWith("/") ? path.substring(1) : path;
        List<File> out = new ArrayList<>();
        for (File root : resourceRoots) {
            out.add(new File(root, path));
        }
        return out;
    }
}

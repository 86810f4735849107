package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Drivers are optional dependencies: a missing one fails at once with the coordinates to add. */
class MissingDriverTest {

    /** Loads everything from the test class path except the jar that holds {@code hidden}'s driver. */
    private static URLClassLoader withoutDriverOf(Vendor hidden) throws Exception {
        String driverResource = hidden.driverClassName().replace('.', '/') + ".class";
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.isFile() && f.getName().endsWith(".jar")) {
                try (var jar = new java.util.jar.JarFile(f)) {
                    if (jar.getEntry(driverResource) != null) {
                        continue;
                    }
                }
            }
            urls.add(f.toURI().toURL());
        }
        // parent = platform loader, so nothing leaks in from the application class loader
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void creatingAManagerWithoutTheDriverFailsNamingTheCoordinates(Vendor vendor) throws Exception {
        String url = switch (vendor) {
            case POSTGRESQL -> "postgres://u:secret@127.0.0.1:5432/db";
            case MYSQL -> "mysql://u:secret@127.0.0.1:3306/db";
            case SQLITE -> "sqlite:/tmp/never-created.db";
        };
        try (URLClassLoader loader = withoutDriverOf(vendor)) {
            Class<?> configClass = loader.loadClass(ConnectionConfig.class.getName());
            Object config = configClass.getMethod("fromUrl", String.class).invoke(null, url);
            Method create = loader.loadClass(ConnectionManager.class.getName()).getMethod("create", configClass);
            Throwable thrown = null;
            try {
                create.invoke(null, config);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            }
            assertThat(thrown).isNotNull();
            assertThat(thrown.getClass().getName()).isEqualTo(MissingDriverException.class.getName());
            String[] gav = vendor.driverCoordinates().split(":");
            assertThat(thrown.getMessage())
                    .startsWith("No JDBC driver for " + vendor.displayName() + ": class " + vendor.driverClassName()
                            + " is not on the class path. Add the Maven dependency " + vendor.driverCoordinates())
                    .contains("<groupId>" + gav[0] + "</groupId><artifactId>" + gav[1] + "</artifactId><version>" + gav[2] + "</version>")
                    .doesNotContain("secret");
        }
    }

    @Test
    void aDriverOnlyTheConfiguredClassLoaderSeesIsTheOnePooledConnectionsUse(@TempDir Path dir) throws Exception {
        // Sluice's classes in a loader without sqlite-jdbc; the driver in another loader, configured as the driver's
        // (as a build tool does with a project's driver): HikariCP must load it from there too.
        URL sqliteJar = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.isFile() && f.getName().startsWith("sqlite-jdbc")) {
                sqliteJar = f.toURI().toURL();
            }
        }
        assertThat(sqliteJar).as("sqlite-jdbc on the test class path").isNotNull();
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader sluice = withoutDriverOf(Vendor.SQLITE);
                URLClassLoader driver = new URLClassLoader(new URL[] {sqliteJar}, ClassLoader.getPlatformClassLoader())) {
            // as in a Maven plugin: the context class loader is Sluice's, which has no driver
            thread.setContextClassLoader(sluice);
            Class<?> configClass = sluice.loadClass(ConnectionConfig.class.getName());
            Object builder = configClass.getMethod("builder").invoke(null);
            Class<?> builderClass = builder.getClass();
            builderClass.getMethod("url", String.class).invoke(builder, "sqlite:" + dir.resolve("driver-loader.db"));
            builderClass.getMethod("driverClassLoader", ClassLoader.class).invoke(builder, driver);
            Object config = builderClass.getMethod("build").invoke(builder);
            Class<?> managerClass = sluice.loadClass(ConnectionManager.class.getName());
            AutoCloseable manager = (AutoCloseable) managerClass.getMethod("connect", configClass).invoke(null, config);
            try (java.sql.Connection c = (java.sql.Connection) managerClass.getMethod("getConnection").invoke(manager);
                    java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            } finally {
                manager.close();
            }
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    @Test
    void theDriverCheckUsesTheConfiguredClassLoader() throws Exception {
        try (URLClassLoader loader = withoutDriverOf(Vendor.POSTGRESQL)) {
            assertThat(Vendor.POSTGRESQL.isDriverAvailable(loader)).isFalse();
            assertThat(Vendor.MYSQL.isDriverAvailable(loader)).isTrue();
            ConnectionConfig config = ConnectionConfig.builder().url("postgres://127.0.0.1/db").driverClassLoader(loader).build();
            assertThatThrownBy(() -> ConnectionManager.create(config))
                    .isInstanceOf(MissingDriverException.class)
                    .satisfies(e -> assertThat(((MissingDriverException) e).coordinates()).isEqualTo(Vendor.POSTGRESQL.driverCoordinates()));
        }
    }
}

package dev.sluice.testkit;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.internal.StubConnection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC driver that talks to no server: its connections answer every call at once and run no SQL. For measuring what
 * a pool itself costs (the {@code benchmarks} module) and for testing pool mechanics without a database.
 *
 * <p>Sluice loads a vendor's driver by class name, so {@link #classLoader(Vendor)} gives a class loader in which that
 * vendor's driver class is this stub; give it to {@code ConnectionConfig.Builder.driverClassLoader} and the manager
 * pools stub connections:
 *
 * <pre>{@code
 * ConnectionManager m = ConnectionManager.connect(ConnectionConfig.builder()
 *         .url("postgres://127.0.0.1:5432/stub")             // never contacted
 *         .driverClassLoader(StubDriver.classLoader(Vendor.POSTGRESQL))
 *         .build());
 * }</pre>
 *
 * A bare pool (HikariCP, for a baseline) takes {@link #dataSource()}.
 */
public class StubDriver implements Driver {
    /** A driver; the subclass {@link #classLoader(Vendor)} defines calls this. */
    public StubDriver() {}

    /**
     * A class loader in which the vendor's driver class ({@code org.postgresql.Driver}...) is an empty subclass of
     * this class; every other class comes from this class's own loader.
     */
    public static ClassLoader classLoader(Vendor vendor) {
        String driverName = vendor.driverClassName();
        byte[] bytes = subclassBytes(driverName.replace('.', '/'), StubDriver.class.getName().replace('.', '/'));
        return new ClassLoader("stub-" + vendor.id() + "-driver", StubDriver.class.getClassLoader()) {
            private Class<?> stub;

            @Override
            protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(driverName)) {
                    return super.loadClass(name, resolve);
                }
                if (stub == null) {
                    stub = defineClass(name, bytes, 0, bytes.length);
                }
                return stub;
            }
        };
    }

    /** A data source of stub connections, e.g. for a bare HikariCP pool. */
    public static DataSource dataSource() {
        StubDriver driver = new StubDriver();
        return (DataSource) Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> driver.connect("jdbc:stub:", new Properties());
                    case "getLoginTimeout" -> 0;
                    case "isWrapperFor" -> false;
                    case "toString" -> "StubDataSource";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Override
    public Connection connect(String url, Properties info) {
        return acceptsURL(url) ? new StubConnection(this) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith("jdbc:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 42;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    /**
     * The class file of {@code public class <name> extends <superName> { public <name>() { super(); } }}: a few
     * constants and one constructor, so the stub needs neither a compiler nor a bytecode library at run time.
     */
    static byte[] subclassBytes(String name, String superName) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52); // Java 8 class file: no stack map frames needed
            out.writeShort(10); // constant pool entries 1..9
            utf8(out, name); // 1
            classRef(out, 1); // 2
            utf8(out, superName); // 3
            classRef(out, 3); // 4
            utf8(out, "<init>"); // 5
            utf8(out, "()V"); // 6
            out.writeByte(12); // 7: NameAndType <init> ()V
            out.writeShort(5);
            out.writeShort(6);
            out.writeByte(10); // 8: Methodref super.<init>
            out.writeShort(4);
            out.writeShort(7);
            utf8(out, "Code"); // 9
            out.writeShort(0x0021); // public, super
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(1); // methods
            out.writeShort(0x0001); // public <init>()V
            out.writeShort(5);
            out.writeShort(6);
            out.writeShort(1);
            out.writeShort(9); // Code
            out.writeInt(17);
            out.writeShort(1); // max stack
            out.writeShort(1); // max locals
            out.writeInt(5);
            out.write(new byte[] {0x2a, (byte) 0xb7, 0x00, 0x08, (byte) 0xb1}); // aload_0; invokespecial #8; return
            out.writeShort(0); // exception table
            out.writeShort(0); // code attributes
            out.writeShort(0); // class attributes
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s);
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(7);
        out.writeShort(nameIndex);
    }
}

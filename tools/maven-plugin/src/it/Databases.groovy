// Fresh databases for the consumer projects, created and dropped over JDBC (the drivers come from the plugin
// module's test class path). Names follow the testkit's form, sluice_t_<yyMMddHHmmss>_<random>, so a run that dies
// leaves databases that the testkit drops once they are six hours old. Servers: the machine's local PostgreSQL
// (postgres, no password) and MariaDB (root, no password) on 127.0.0.1.
import java.sql.Driver
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter

class Databases {
    static final String PG = 'jdbc:postgresql://127.0.0.1:5432/postgres'
    static final String MARIADB = 'jdbc:mysql://127.0.0.1:3306/'

    static String freshName() {
        def stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern('yyMMddHHmmss'))
        def chars = ('a'..'z') + ('0'..'9')
        def random = new Random()
        'sluice_t_' + stamp + '_' + (1..8).collect { chars[random.nextInt(chars.size())] }.join()
    }

    static void execute(String driverClass, String url, String user, String sql) {
        Driver driver = Class.forName(driverClass).getDeclaredConstructor().newInstance()
        def props = new Properties()
        props.setProperty('user', user)
        props.setProperty('password', '')
        def c = driver.connect(url, props)
        try {
            c.createStatement().execute(sql)
        } finally {
            c.close()
        }
    }

    static String createPostgres() {
        def name = freshName()
        execute('org.postgresql.Driver', PG, 'postgres', "CREATE DATABASE \"${name}\"")
        name
    }

    static String createMariadb() {
        def name = freshName()
        execute('com.mysql.cj.jdbc.Driver', MARIADB, 'root', "CREATE DATABASE `${name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        name
    }

    static void dropPostgres(String name) {
        execute('org.postgresql.Driver', PG, 'postgres', "DROP DATABASE IF EXISTS \"${name}\" WITH (FORCE)")
    }

    static void dropMariadb(String name) {
        execute('com.mysql.cj.jdbc.Driver', MARIADB, 'root', "DROP DATABASE IF EXISTS `${name}`")
    }

    /**
     * Creates a fresh PostgreSQL and MariaDB database for a project and hands their URLs to its Maven runs as
     * -Dit.postgresql.url and -Dit.mariadb.url in .mvn/maven.config; databases.properties remembers them for cleanup.
     */
    static void setUp(File basedir) {
        def pg = createPostgres()
        def my = createMariadb()
        new File(basedir, '.mvn').mkdirs()
        new File(basedir, '.mvn/maven.config').text =
                "-Dit.postgresql.url=postgres://postgres@127.0.0.1:5432/${pg}\n-Dit.mariadb.url=mariadb://root@127.0.0.1:3306/${my}\n"
        new File(basedir, 'databases.properties').text = "postgresql=${pg}\nmariadb=${my}\n"
    }

    /** Drops what {@link #setUp} created. */
    static void tearDown(File basedir) {
        def p = new Properties()
        new File(basedir, 'databases.properties').withInputStream { p.load(it) }
        dropPostgres(p.getProperty('postgresql'))
        dropMariadb(p.getProperty('mariadb'))
    }
}

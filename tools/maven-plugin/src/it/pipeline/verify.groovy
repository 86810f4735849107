def loader = new GroovyClassLoader(getClass().classLoader)
def databases = loader.parseClass(new File(itSources, 'Databases.groovy'))
try {
    def log = loader.parseClass(new File(itSources, 'BuildLog.groovy')).newInstance(basedir)
    // generated on each vendor's first build, skipped on its second
    log.matches(/\[INFO\] Migrated a throwaway database \(temporary SQLite file .*\) to version 2; generating jOOQ classes/, 1)
    log.matches(/\[INFO\] Migrated a throwaway database \(sluice_tmp_\w+ on PostgreSQL at 127\.0\.0\.1:5432\) to version 2/, 1)
    log.matches(/\[INFO\] Migrated a throwaway database \(sluice_tmp_\w+ on MySQL at 127\.0\.0\.1:3306\) to version 2/, 1)
    log.matches(/\[INFO\] Generated com\.example\.shop\.db into target.generated-sources.sluice in \d+ ms/, 3)
    log.matches(/\[INFO\] Generated classes are up to date/, 3)   // each vendor's second build
    // migrated, listed, checked on each vendor
    log.matches(/\[INFO\] 2 migrations applied: <empty> -> 2/, 3)
    log.matches(/\[INFO\] Schema matches its migrations \(version 2\)/, 3)
    log.matches(/\[INFO\] Generated \d+ rows \(rows=5 seed=1\) in \d+ ms/, 3)
    log.matches(/\[INFO\] 1 migration rolled back: 2 -> 1/, 3)
    log.matches(/\[INFO\] Current version: 2$/, 3)
    log.matches(/\[INFO\] Current version: 1$/, 3)
    log.contains('BUILD SUCCESS')
    log.lacks('BUILD FAILURE')
    log.lacks('[ERROR]')
    // the generated classes were compiled with the project's own code
    assert new File(basedir, 'target/classes/com/example/shop/Shop.class').isFile()
    assert new File(basedir, 'target/classes/com/example/shop/db/tables/Reviews.class').isFile()
    assert new File(basedir, 'target/sluice/generate.sha256').isFile()
} finally {
    databases.tearDown(basedir)
}
return true

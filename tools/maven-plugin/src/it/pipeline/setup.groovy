// Fresh PostgreSQL and MariaDB databases, and the project's own migrations: the testkit's shop schema, per vendor.
def loader = new GroovyClassLoader(getClass().classLoader)
loader.parseClass(new File(itSources, 'Databases.groovy')).setUp(basedir)
def fixtures = new File(itSources, '../../../../testkit/src/main/resources/dev/sluice/testkit/schemas/shop')
['postgresql', 'mysql', 'sqlite'].each { vendor ->
    def target = new File(basedir, "src/main/resources/db/migration/${vendor}")
    target.mkdirs()
    new File(fixtures, vendor).eachFileMatch(~/[VU]\d+__.*\.sql/) { f -> new File(target, f.name).text = f.text }
}
return true

// A fresh PostgreSQL (and MariaDB) database; the project's test reads its URL from .mvn/maven.config.
def loader = new GroovyClassLoader(getClass().classLoader)
loader.parseClass(new File(itSources, 'Databases.groovy')).setUp(basedir)
return true

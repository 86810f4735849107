// A development database changed by hand, for sluice:diff: the project's V1, then a column, an index and a trigger
// nobody wrote a migration for.
def loader = new GroovyClassLoader(getClass().classLoader)
def databases = loader.parseClass(new File(itSources, 'Databases.groovy'))
def target = new File(basedir, 'target')
target.mkdirs()
def url = 'jdbc:sqlite:' + new File(target, 'dev.db').absolutePath
def v1 = new File(basedir, 'src/main/resources/db/migration/sqlite/V1__notes.sql').text
(v1.split(';') as List).findAll { it.trim() }.each { databases.execute('org.sqlite.JDBC', url, '', it) }
[
    'ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0',
    'CREATE INDEX notes_pinned ON notes (pinned)',
    'CREATE TRIGGER notes_title_trim AFTER INSERT ON notes BEGIN UPDATE notes SET title = trim(NEW.title) WHERE id = NEW.id; END',
].each { databases.execute('org.sqlite.JDBC', url, '', it) }
return true

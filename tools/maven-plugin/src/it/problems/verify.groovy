def loader = new GroovyClassLoader(getClass().classLoader)
def log = loader.parseClass(new File(itSources, 'BuildLog.groovy')).newInstance(basedir)
def version = new File(basedir, 'pom.xml').text.find(/<sluice\.version>([^<]+)</) { all, v -> v }
def failed = { goal, message -> "[ERROR] Failed to execute goal dev.sluice:sluice-maven-plugin:${version}:${goal} (default-cli) on project problems: sluice:${goal}: ${message}" }

// each failure is one line that says what is wrong
log.contains(failed('info', 'Cannot reach MySQL at 127.0.0.1:1/nothing'))
log.contains(failed('info', "Invalid -Dsluice.url 'foo://somewhere/db': unsupported scheme 'foo'"))
log.contains(failed('info', "MySQL at 127.0.0.1:3306/mysql rejected the credentials of user 'root'"))
log.contains(failed('info', 'No JDBC driver for PostgreSQL: class org.postgresql.Driver is not on the class path. Add the Maven dependency org.postgresql:postgresql:'))
log.contains(failed('migrate', 'no migrations found at filesystem:' + new File(basedir, 'src/main/resources/db/migrations/sqlite').path))
log.matches(/^\[ERROR\] Failed to execute goal dev\.sluice:sluice-maven-plugin:[^ ]+:check-schema .*: sluice:check-schema: 3 differences between the database and its migrations: .* -> \[Help 1\]$/, 1)
// bad input is a configuration error (MojoExecutionException), a refused connection a failure (MojoFailureException)
assert log.count('[Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException') == 3
assert log.count('[Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException') == 3
// no stack traces, no library log lines, never the password
log.lacks('Caused by')
log.lacks('\tat ')
log.lacks('Wr0ngSecret')
log.lacks('Flyway')
// nothing was created for the mistyped location, not even the SQLite file
assert !new File(basedir, 'target/never.db').exists()

// drift: every difference listed
log.contains('[ERROR]   notes: unexpected column body')
log.contains('[ERROR]   notes: index (title) missing')
log.contains('[ERROR]   notes: unexpected index (notebook_id)')

// diff: the script has the column and the index; the trigger is listed, in the script and in the build output
def script = new File(basedir, 'src/main/resources/db/migration/sqlite/V2__pinned_notes.sql')
assert script.isFile()
def sql = script.text
assert sql.contains('alter table "notes" add "pinned" integer not null default (0);') : sql
assert sql.contains('create index "notes_pinned" on "notes"("pinned" asc);') : sql
assert sql.contains('--   not in the script: trigger notes_title_trim on notes: missing') : sql
log.contains('[WARNING]   not in the script: trigger notes_title_trim on notes: missing')
return true

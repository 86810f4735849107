def loader = new GroovyClassLoader(getClass().classLoader)
def databases = loader.parseClass(new File(itSources, 'Databases.groovy'))
try {
    def log = loader.parseClass(new File(itSources, 'BuildLog.groovy')).newInstance(basedir)
    log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
    log.contains('BUILD SUCCESS')
    log.lacks('[ERROR]')
    // the test's own report: both sets applied in one schema
    def report = new File(basedir, 'target/surefire-reports/com.example.notes.NotesTest-output.txt')
    def out = report.isFile() ? report.text : log.text
    assert out.contains('notes: built-in schema at 3, own scripts at 1') : out
} finally {
    databases.tearDown(basedir)
}
return true

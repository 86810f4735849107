// What the consumer projects' verify.groovy scripts check in build.log.
class BuildLog {
    final String text

    BuildLog(File basedir) {
        text = new File(basedir, 'build.log').text
    }

    /** Fails naming the text when the log does not contain it. */
    void contains(String expected) {
        if (!text.contains(expected)) {
            throw new AssertionError("build.log does not contain: " + expected)
        }
    }

    /** Fails when the log contains the text. */
    void lacks(String unexpected) {
        if (text.contains(unexpected)) {
            throw new AssertionError("build.log contains: " + unexpected)
        }
    }

    /** How often the text occurs. */
    int count(String s) {
        text.count(s)
    }

    /** The log's lines that contain the text. */
    List<String> lines(String s) {
        text.readLines().findAll { it.contains(s) }
    }

    /** Fails when a line matching the pattern does not occur exactly {@code times} times. */
    void matches(String regex, int times) {
        def found = text.readLines().findAll { it =~ regex }
        if (found.size() != times) {
            throw new AssertionError("expected ${times} line(s) matching /${regex}/ in build.log, found ${found.size()}: " + found)
        }
    }
}

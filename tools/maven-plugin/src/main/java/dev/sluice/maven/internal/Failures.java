package dev.sluice.maven.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.MissingDriverException;
import dev.sluice.connection.Redaction;
import dev.sluice.testkit.NoTestDatabaseException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns what the library throws into what Maven expects: {@link MojoExecutionException} for bad input (a wrong URL,
 * setting or location, a missing driver: the build is misconfigured) and {@link MojoFailureException} for an operation
 * that failed (a server that refuses, a script that fails, drift). The message is one line, and the library's own
 * exception is not attached as the cause, because Maven appends every cause's message to its error line; it is
 * logged at debug level instead ({@code mvn -X}).
 */
public final class Failures {
    private Failures() {}

    /** Whether {@code e} is bad input rather than a failed operation. */
    public static boolean isBadInput(Throwable e) {
        return e instanceof ConfigException || e instanceof MissingDriverException || e instanceof NoTestDatabaseException;
    }

    /**
     * The exception Maven should see for {@code e}, with {@code goal} ({@code sluice:migrate}) in front.
     *
     * @param secret a password that must not appear, whatever the driver put in its message ({@code null}: none)
     */
    public static Exception translate(String goal, RuntimeException e, String secret) {
        String message = goal + ": " + oneLine(e);
        if (secret != null && secret.length() >= 3) {
            message = message.replace(secret, Redaction.MASK);
        }
        return isBadInput(e) ? new MojoExecutionException(message) : new MojoFailureException(message);
    }

    /** The message of {@code e} on one line, with any password in a URL masked. */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return Redaction.redact(firstLine(m));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl).strip() + " ...").replaceAll("\\s+", " ");
    }
}

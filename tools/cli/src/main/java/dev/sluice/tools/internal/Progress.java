package dev.sluice.tools.internal;

import dev.sluice.connection.Durations;
import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of long work (seeds, migrations) on stderr, one display for the whole task, counted in one unit
 * ({@code rows}, {@code scripts}) over its parts (tables): on a terminal a bar with rate and ETA
 * ({@code me.tongfei:progressbar}); otherwise at most one plain line every {@link #PLAIN_EVERY}; nothing with
 * {@code --quiet} or {@code --json}. The final summary is the command's own last line on stdout.
 */
final class Progress implements AutoCloseable {
    /** How often a plain line may be printed when stderr is not a terminal. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
    /** A bar is as wide as this when the terminal's width is not known. */
    private static final int BAR_WIDTH = 100;

    /** How progress is shown. */
    enum Mode {
        /** A bar redrawn in place: stderr is a terminal. */
        BAR,
        /** A line now and then: output goes to a file or a pipe. */
        PLAIN,
        /** Nothing. */
        QUIET;

        /** QUIET when asked for, else BAR on a terminal and PLAIN elsewhere. */
        static Mode of(boolean quiet) {
            return quiet ? QUIET : terminal() ? BAR : PLAIN;
        }
    }

    private final String task;
    private final String unit;
    private final Mode mode;
    private final PrintStream err;
    private final long every;
    private final long started = System.nanoTime();
    private final Map<String, Long> parts = new LinkedHashMap<>();
    private ProgressBar bar;
    private String part;
    private long done;
    private long total = -1;
    private long lastLine = started;

    Progress(String task, String unit, Mode mode, PrintStream err) {
        this(task, unit, mode, err, PLAIN_EVERY);
    }

    Progress(String task, String unit, Mode mode, PrintStream err, Duration every) {
        this.task = task;
        this.unit = unit;
        this.mode = mode;
        this.err = err;
        this.every = every.toNanos();
    }

    /**
     * Whether stderr goes to a terminal, as far as Java can tell: the console exists and, on Java 22 and later (where
     * a console exists even for a pipe), {@code Console.isTerminal()} says so. Java 21's API has no isTerminal, hence
     * the reflective call.
     */
    static boolean terminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException java21) {
            return true; // before Java 22 a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The whole task's size in the unit, when known ({@code -1}: not known); may be revised as work goes on. */
    synchronized void expect(long total) {
        this.total = total;
        if (bar != null && total > 0) {
            bar.maxHint(total);
        }
    }

    /** How far one part is: {@code partDone} of the unit so far (not an increment). */
    synchronized void update(String partName, long partDone) {
        Long before = parts.put(partName, partDone);
        done += partDone - (before == null ? 0 : before);
        part = partName;
        show();
    }

    /** One more of the unit done in {@code partName}. */
    synchronized void step(String partName) {
        update(partName, parts.getOrDefault(partName, 0L) + 1);
    }

    /** Units done so far, over every part. */
    synchronized long done() {
        return done;
    }

    private void show() {
        switch (mode) {
            case BAR -> {
                if (bar == null) {
                    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1).showSpeed()
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate()
                            .setConsumer(new ConsoleProgressBarConsumer(err, BAR_WIDTH)).build();
                }
                bar.stepTo(done);
                bar.setExtraMessage(String.format(" %-16.16s", part)); // fixed width: the bar keeps its length
            }
            case PLAIN -> {
                long now = System.nanoTime();
                if (now - lastLine >= every) {
                    lastLine = now;
                    err.println(line(now));
                    err.flush();
                }
            }
            case QUIET -> { }
        }
    }

    /** {@code seed scale: 120000 rows (24%), 52000 rows/s, ETA 7s (submissions)}. */
    private String line(long now) {
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder b = new StringBuilder(task).append(": ").append(done);
        if (total > 0) {
            b.append('/').append(total);
        }
        b.append(' ').append(unit);
        if (total > 0) {
            b.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
        }
        b.append(String.format(Locale.ROOT, ", %.0f %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            b.append(", ETA ").append(Durations.format(Duration.ofSeconds((long) Math.ceil((total - done) / rate))));
        }
        if (part != null) {
            b.append(" (").append(part).append(')');
        }
        return b.toString();
    }

    /** Ends the bar (its last state stays on the screen); plain and quiet modes print nothing more. */
    @Override
    public synchronized void close() {
        if (bar != null) {
            if (total < 0 || done > total) {
                bar.maxHint(done);
            }
            bar.stepTo(done);
            bar.close();
            bar = null;
        }
    }
}

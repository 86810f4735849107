package dev.sluice.migrations.internal;

import dev.sluice.migrations.AppliedMigration;
import dev.sluice.migrations.MigrationListener;
import java.time.Duration;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** A Flyway callback that times each script and tells a {@link MigrationListener} when it has run. */
public final class ProgressCallback implements Callback {
    private final MigrationListener listener;
    private long started;

    /** Reports to {@code listener}. */
    public ProgressCallback(MigrationListener listener) {
        this.listener = listener;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) {
            started = System.nanoTime();
            return;
        }
        MigrationInfo i = context.getMigrationInfo();
        if (i != null) {
            listener.applied(new AppliedMigration(i.getVersion() == null ? null : i.getVersion().getVersion(), i.getDescription(),
                    fileName(i.getScript()), Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    @Override
    public String getCallbackName() {
        return "sluice-progress";
    }

    /** The file name of a script path. */
    public static String fileName(String path) {
        if (path == null) {
            return null;
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }
}

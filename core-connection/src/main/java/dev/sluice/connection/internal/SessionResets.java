package dev.sluice.connection.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PoolSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a returned connection's session back as the pool opened it (see {@link PoolSettings#resetOnReturn()}), through
 * the vendor's descriptor: the full reset when a statement of the borrow may have changed the session, otherwise only
 * the end of a transaction left open. A connection whose reset fails is evicted rather than handed to the next
 * borrower.
 */
public final class SessionResets implements InFlight.SessionReset {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.connection.ConnectionManager");

    private final ConnectionConfig config;
    private final VendorDescriptor vendor;
    private final Supplier<HikariDataSource> pool;

    /**
     * @param config the pool's configuration (its role and session setup are applied again)
     * @param vendor the vendor's descriptor
     * @param pool the current HikariCP pool, which evicts a connection whose reset failed
     */
    public SessionResets(ConnectionConfig config, VendorDescriptor vendor, Supplier<HikariDataSource> pool) {
        this.config = config;
        this.vendor = vendor;
        this.pool = pool;
    }

    @Override
    public boolean leavesSessionUnchanged(String sql) {
        return vendor.leavesSessionUnchanged(sql);
    }

    @Override
    public void reset(Connection pooled, boolean changed) {
        try {
            if (changed) {
                vendor.resetSession(pooled, config);
            } else {
                VendorDescriptor.endTransaction(pooled);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{}: resetting a returned connection failed ({}); evicting it", config.name(), e.getMessage());
            HikariDataSource p = pool.get();
            if (p != null) {
                p.evictConnection(pooled);
            }
        }
    }
}

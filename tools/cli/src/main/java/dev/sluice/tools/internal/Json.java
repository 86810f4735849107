package dev.sluice.tools.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.DriftReport;
import dev.sluice.migrations.MigrationState;
import dev.sluice.query.TenantIsolationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The CLI's {@code --json} output: the library's result records as Jackson writes them (their components, in order),
 * with durations in milliseconds, instants in ISO-8601, vendors by id and migration states by their display names.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            // only record components (and what a mix-in adds): no isHealthy() or isMariaDb() beside them
            .setVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .addMixIn(TenantIsolationReport.class, Isolated.class)
            .addMixIn(DriftReport.class, Clean.class)
            .registerModule(new SimpleModule("sluice")
                    .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                        @Override
                        public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeNumber(d.toNanos() / 1_000_000.0);
                        }
                    })
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    // migration states as the tables print them: Success, Pending, Failed...
                    .addSerializer(MigrationState.class, new StdSerializer<>(MigrationState.class) {
                        @Override
                        public void serialize(MigrationState s, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(s.displayName());
                        }
                    })
                    .addSerializer(Vendor.class, new StdSerializer<>(Vendor.class) {
                        @Override
                        public void serialize(Vendor v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.id());
                        }
                    }));

    private Json() {}

    /** The JSON text of a value, on one line. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether tenants are isolated, first: the verdict a script looks for. */
    @JsonPropertyOrder("isolated")
    private abstract static class Isolated {
        @JsonProperty("isolated") // named: Jackson would read "is" + "olated"
        abstract boolean isolated();
    }

    /** Whether the schema matches its migrations, first. */
    @JsonPropertyOrder("clean")
    private abstract static class Clean {
        @JsonProperty("clean")
        abstract boolean clean();
    }
}

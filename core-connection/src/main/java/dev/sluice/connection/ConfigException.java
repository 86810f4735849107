package dev.sluice.connection;


/**
 * A configuration value is wrong. The message names the property, the offending value (with any secret redacted),
 * what is allowed, and where the value came from when known. Messages are part of the API: tools print them as is.
 */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String value;
    private final String allowed;

    /**
     * @param property the property as the user writes it ({@code pool.max})
     * @param value the rejected value (redacted here before it is stored; may be {@code null} when missing)
     * @param allowed what would have been accepted, phrased to follow "must be" or "allowed:"
     */
    public ConfigException(String property, Object value, String allowed) {
        this(property, value, allowed, null);
    }

    /**
     * @param property the property as the user writes it ({@code pool.max})
     * @param value the rejected value (redacted before it is stored; may be {@code null} when missing)
     * @param allowed what would have been accepted
     * @param source where the value came from ({@code DB_POOL_MAX}, {@code config.yaml}); may be {@code null}
     */
    public ConfigException(String property, Object value, String allowed, String source) {
        super(format(property, value == null ? null : redactValue(property, String.valueOf(value)), allowed, source));
        this.property = property;
        this.value = value == null ? null : redactValue(property, String.valueOf(value));
        this.allowed = allowed;
    }

    /** Creates an exception with a free-form message about one property, for checks that combine several values. */
    public static ConfigException of(String property, String message) {
        return new ConfigException(property, message);
    }

    private ConfigException(String property, String message) {
        super(Redaction.redact(message));
        this.property = property;
        this.value = null;
        this.allowed = null;
    }

    /** The property that was rejected, as the user writes it. */
    public String property() {
        return property;
    }

    /** The rejected value, redacted; {@code null} when the value was missing or the message is free-form. */
    public String value() {
        return value;
    }

    /** What would have been accepted; {@code null} for free-form messages. */
    public String allowed() {
        return allowed;
    }

    private static String redactValue(String property, String value) {
        String p = property == null ? "" : property.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("password") || p.contains("secret")) {
            return Redaction.MASK;
        }
        return Redaction.redact(value);
    }

    private static String format(String property, String value, String allowed, String source) {
        StringBuilder sb = new StringBuilder();
        if (value == null) {
            sb.append("Missing ").append(property);
        } else {
            sb.append("Invalid ").append(property).append(" '").append(value).append('\'');
        }
        if (source != null && !source.isBlank()) {
            sb.append(" (from ").append(source).append(')');
        }
        sb.append(": ").append(allowed);
        return sb.toString();
    }

    /** Returns a copy of this exception that also says where the value came from. */
    public ConfigException withSource(String source) {
        if (source == null || source.isBlank() || getMessage().contains("(from ")) {
            return this;
        }
        if (allowed == null) {
            ConfigException e = new ConfigException(property, getMessage() + " (from " + source + ")");
            e.setStackTrace(getStackTrace());
            return e;
        }
        ConfigException e = new ConfigException(property, value, allowed, source);
        e.setStackTrace(getStackTrace());
        return e;
    }
}

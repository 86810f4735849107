package dev.sluice.connection;

import java.util.List;

/**
 * The {@code prod} profile refused settings that are unsafe in production. Each refusal is one line that names the
 * key, what is wrong and how to fix it or allow it; {@link #getMessage()} holds them one per line.
 */
public class UnsafeSettingsException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** One refused setting: the key and the line that explains it. */
    public record Refusal(String key, String line) {}

    private final List<Refusal> refusals;

    /** @param refusals at least one */
    public UnsafeSettingsException(List<Refusal> refusals) {
        super(refusals.get(0).key(), null, "refused in production");
        this.refusals = List.copyOf(refusals);
    }

    /** The refusals, in the order checked. */
    public List<Refusal> refusals() {
        return refusals;
    }

    /** The refused keys. */
    public List<String> keys() {
        return refusals.stream().map(Refusal::key).toList();
    }

    @Override
    public String getMessage() {
        return String.join("\n", refusals.stream().map(Refusal::line).toList());
    }
}

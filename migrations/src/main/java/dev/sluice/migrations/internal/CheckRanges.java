package dev.sluice.migrations.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numeric range CHECK conditions allow a column: {@code c > 0}, {@code c >= 1 AND c <= 5}, {@code c BETWEEN 1 AND 5}
 * in any vendor's rendering ({@code (c >= (0)::numeric)} on PostgreSQL). Conditions it cannot read are ignored; a row
 * that breaks one fails its insert, which the generator reports.
 */
final class CheckRanges {
    private CheckRanges() {}

    /** {@code [low, high]}, either {@code null} when not bounded. */
    static BigDecimal[] of(List<String> checks, String column) {
        BigDecimal[] range = new BigDecimal[2];
        String col = "(?<![\\w.])[\"`\\[]?" + Pattern.quote(column) + "[\"`\\]]?\\)?(?:::[\\w ]+)?";
        Pattern compare = Pattern.compile("(?i)" + col + "\\s*(>=|>|<=|<)\\s*\\(*\\s*(-?\\d+(?:\\.\\d+)?)");
        Pattern between = Pattern.compile("(?i)" + col + "\\s+BETWEEN\\s+\\(?(-?\\d+(?:\\.\\d+)?)\\)?(?:::[\\w ]+)?\\s+AND\\s+\\(?(-?\\d+(?:\\.\\d+)?)");
        for (String check : checks) {
            Matcher b = between.matcher(check);
            while (b.find()) {
                tighten(range, 0, new BigDecimal(b.group(1)));
                tighten(range, 1, new BigDecimal(b.group(2)));
            }
            Matcher m = compare.matcher(check);
            while (m.find()) {
                BigDecimal n = new BigDecimal(m.group(2));
                switch (m.group(1)) {
                    case ">" -> tighten(range, 0, n.add(BigDecimal.ONE));
                    case ">=" -> tighten(range, 0, n);
                    case "<" -> tighten(range, 1, n.subtract(BigDecimal.ONE));
                    default -> tighten(range, 1, n);
                }
            }
        }
        return range;
    }

    private static void tighten(BigDecimal[] range, int side, BigDecimal n) {
        if (range[side] == null || (side == 0 ? n.compareTo(range[side]) > 0 : n.compareTo(range[side]) < 0)) {
            range[side] = n;
        }
    }
}

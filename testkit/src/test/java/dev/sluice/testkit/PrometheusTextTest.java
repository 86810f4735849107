package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict Prometheus text parser accepts the format and rejects what a Prometheus server would reject. */
class PrometheusTextTest {
    private static final String GOOD = """
            # HELP up_total Things that went "up"\\nacross lines
            # TYPE up_total counter
            up_total{pool="a",note="say \\"hi\\"\\\\"} 3.0
            up_total{pool="b"} 1e3 1700000000000
            # TYPE lat_seconds histogram
            lat_seconds_bucket{pool="a",le="0.1"} 1
            lat_seconds_bucket{pool="a",le="1.0"} 2
            lat_seconds_bucket{pool="a",le="+Inf"} 2
            lat_seconds_count{pool="a"} 2
            lat_seconds_sum{pool="a"} 0.5
            # TYPE g gauge
            g NaN
            """;

    @Test
    void parsesFamiliesLabelsAndValues() {
        PrometheusText.Scrape s = PrometheusText.parse(GOOD);
        assertThat(s.families().keySet()).containsExactly("up_total", "lat_seconds", "g");
        assertThat(s.family("up_total").help()).isEqualTo("Things that went \"up\"\nacross lines");
        assertThat(s.value("up_total", Map.of("note", "say \"hi\"\\"))).isEqualTo(3.0);
        assertThat(s.value("up_total", Map.of("pool", "b"))).isEqualTo(1000.0);
        assertThat(s.family("lat_seconds").type()).isEqualTo("histogram");
        assertThat(s.family("lat_seconds").samples()).hasSize(5);
        assertThat(s.value("g", Map.of())).isNaN();
        assertThatThrownBy(() -> s.family("nope")).isInstanceOf(AssertionError.class).hasMessageContaining("no metric family nope");
    }

    @Test
    void rejectsWhatTheFormatForbids() {
        assertRejected("g 1", "does not end with a newline");
        assertRejected("1g 1\n", "line 1: bad metric name '1g'");
        assertRejected("g{a=\"x\" 1\n", "line 1: expected ',' or '}'");
        assertRejected("g{a=x} 1\n", "not quoted");
        assertRejected("g{a=\"\\t\"} 1\n", "bad escape");
        assertRejected("g one\n", "bad value 'one'");
        assertRejected("g 1 12.5\n", "bad timestamp");
        assertRejected("g 1\ng 2\n", "line 2: sample g{} repeated");
        assertRejected("# TYPE g gauge\n# TYPE g counter\n", "a second TYPE for g");
        assertRejected("g 1\n# TYPE g gauge\n", "TYPE for g after its samples");
        assertRejected("# TYPE g gaugee\n", "bad TYPE 'gaugee'");
        assertRejected("a 1\nb 1\na{x=\"1\"} 2\n", "the samples of a are not together");
        assertRejected("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "bucket counts decrease");
        assertRejected("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n", "does not end with le=\"+Inf\"");
        assertRejected("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n", "_count 3.0 is not the +Inf bucket's 2.0");
    }

    private static void assertRejected(String text, String why) {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }
}

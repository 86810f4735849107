/**
 * Sluice studio: a local web console for a database or cluster ({@link dev.sluice.studio.Studio}), served on
 * {@code 127.0.0.1} by the JDK's {@code com.sun.net.httpserver} behind a random token. Its API is
 * {@link dev.sluice.studio}; the {@code internal} package (the JSON API and the page's assets) is not exported.
 */
module dev.sluice.studio {
    exports dev.sluice.studio;

    requires transitive dev.sluice.query;
    requires dev.sluice.migrations;
    requires jdk.httpserver;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // Compile time only: the annotation types on jOOQ's settings classes (JAXB, optional for jOOQ too).
    requires static jakarta.xml.bind;
}

/**
 * The {@code sluice} command line ({@link dev.sluice.tools.Sluice}): thin adapters over the library. Usually run from
 * its shaded jar (on the class path, where this descriptor is left out); on the module path:
 * {@code java -p <jars> -m dev.sluice.tools/dev.sluice.tools.Sluice}. The command classes are opened to picocli,
 * which fills their options by reflection, and to Jackson, which writes their {@code --json} output records.
 */
module dev.sluice.tools {
    exports dev.sluice.tools;

    opens dev.sluice.tools to info.picocli;
    opens dev.sluice.tools.internal to info.picocli, com.fasterxml.jackson.databind;

    requires dev.sluice.migrations;
    requires dev.sluice.monitoring;
    requires dev.sluice.studio;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires java.logging;

    // the CLI's logging, set up in code instead of an XML file (faster start)
    provides ch.qos.logback.classic.spi.Configurator with dev.sluice.tools.internal.CliLogConfigurator;
}

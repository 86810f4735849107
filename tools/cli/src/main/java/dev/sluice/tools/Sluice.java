package dev.sluice.tools;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionFailedException;
import dev.sluice.connection.MissingDriverException;
import dev.sluice.connection.Redaction;
import dev.sluice.connection.UnsafeSettingsException;
import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.query.StatementFailedException;
import dev.sluice.tools.internal.CheckCommand;
import dev.sluice.tools.internal.CheckSchemaCommand;
import dev.sluice.tools.internal.DemoCommand;
import dev.sluice.tools.internal.HealthCommand;
import dev.sluice.tools.internal.MigrateCommands;
import dev.sluice.tools.internal.QueryCommand;
import dev.sluice.tools.internal.SeedCommand;
import dev.sluice.tools.internal.StatsCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sluice} command line: thin adapters over the library. Exit codes: 0 ok, 1 the operation failed (database
 * unreachable or unhealthy, migration failed), 2 bad usage or bad input. Errors are one line; {@code --verbose} adds
 * the stack trace.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = Sluice.Version.class,
        description = "Connect to PostgreSQL, MySQL/MariaDB and SQLite; check, monitor, migrate, seed and query them.")
public final class Sluice {
    /** Exit code: the operation failed. */
    public static final int FAILED = 1;
    /** Exit code: bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(CheckCommand.class, HealthCommand.class, StatsCommand.class,
            MigrateCommands.Migrate.class, MigrateCommands.Info.class, MigrateCommands.Validate.class,
            MigrateCommands.Rollback.class, MigrateCommands.Baseline.class, MigrateCommands.Repair.class, SeedCommand.class,
            CheckSchemaCommand.class, DemoCommand.class, QueryCommand.class, dev.sluice.tools.internal.ServeCommand.class,
            dev.sluice.tools.internal.StudioCommand.class, dev.sluice.tools.internal.BackupCommands.Backup.class,
            dev.sluice.tools.internal.BackupCommands.Restore.class, CommandLine.HelpCommand.class);

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces and library logs.")
    boolean verbose;

    private final Map<String, String> environment;
    private final PrintStream out;

    private Sluice(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    /** The environment variables the commands read ({@code DATABASE_URL}...). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Where commands print their output. */
    public PrintStream out() {
        return out;
    }

    /** Runs the CLI with the process environment and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs the CLI and returns its exit code.
     *
     * @param args the arguments
     * @param environment the environment variables to read
     * @param out standard output
     * @param err standard error
     */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Sluice root = new Sluice(environment, out);
        CommandLine cli = new CommandLine(root);
        for (Class<?> command : commandsFor(args)) {
            cli.addSubcommand(command);
        }
        addHelpOptions(cli);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionStrategy(parseResult -> {
            Logging.configure(verbose(parseResult));
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = root.verbose || verbose(parseResult);
            PrintWriter w = commandLine.getErr();
            // a prod profile's refusals: one line each, every one naming its key
            for (String line : e instanceof UnsafeSettingsException u ? u.refusals().stream().map(r -> Redaction.redact(r.line())).toList()
                    : List.of(oneLine(e))) {
                w.println("error: " + line);
            }
            if (verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                w.println(Redaction.redact(trace.toString()));
            }
            w.flush();
            return e instanceof ConfigException || e instanceof IllegalArgumentException ? BAD_INPUT : FAILED;
        });
        return cli.execute(args);
    }

    /**
     * The subcommands to build for {@code args}: only the one named when the first argument that is not an option names
     * one (other than {@code help}); all of them otherwise, for the command list, {@code help <command>} and picocli's
     * suggestions for a mistyped name. picocli reads every option of every command it is given, about a third of the
     * CLI's own start-up with all eighteen (docs/benchmarks.md, benchmark 10); the root's options take no parameter, so
     * the first such argument is the command.
     */
    static List<Class<?>> commandsFor(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            for (Class<?> c : COMMANDS) {
                if (c != CommandLine.HelpCommand.class && a.equals(c.getAnnotation(Command.class).name())) {
                    return List.of(c);
                }
            }
            break;
        }
        return COMMANDS;
    }

    /** Whether {@code --verbose} was given to the command or any subcommand on the way to it. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code -h, --help} on every command and subcommand, present and future ({@code -V, --version} is not added:
     * {@code baseline --version} means something else).
     */
    private static void addHelpOptions(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null) {
                String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
                spec.addOption(CommandLine.Model.OptionSpec.builder(names).usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOptions(sub);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // these messages are complete sentences; the causes' texts (Flyway's reports, driver messages) would repeat them
        if (!(e instanceof ConfigException || e instanceof ConnectionFailedException || e instanceof MissingDriverException
                || e instanceof MigrationFailedException || e instanceof StatementFailedException)
                && e.getMessage() != null && e.getCause() != null && e.getCause().getMessage() != null
                && !m.contains(e.getCause().getMessage())) {
            m = m + ": " + e.getCause().getMessage();
        }
        return Redaction.redact(m.replace('\n', ' ').strip());
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Sluice.class.getPackage().getImplementationVersion();
            return new String[] {"sluice " + (v == null ? "(development build)" : v)};
        }
    }
}

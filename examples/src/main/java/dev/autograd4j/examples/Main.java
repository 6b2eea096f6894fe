package dev.autograd4j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The autograd4j command line. Without a subcommand it runs the main job: the walkthrough, then training on the
 * digits with the defaults. {@code train --help} and {@code walkthrough --help} list the options.
 */
@Command(name = "autograd4j", mixinStandardHelpOptions = true, version = "autograd4j 0.1.0",
        description = "Reverse-mode autograd on the JVM: see what backward() does, and train a model.",
        subcommands = {Walkthrough.class, Train.class, VerifyCommand.class, Cnn.class, CopyTransformer.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // the plot is drawn off screen
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line with its subcommands, printing to the standard streams. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::badValue);
    }

    /**
     * An option value the library rejects ({@code --batch-size 0}, {@code --reference cpu:float16}) is a usage error:
     * its one-line message (it names the op and the value) and exit code 2, as picocli's own parse errors, not a
     * stack trace. Anything else is rethrown, so picocli prints it in full.
     */
    private static int badValue(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof IllegalArgumentException)) {
            throw e;
        }
        cmd.getErr().println(cmd.getColorScheme().errorText(e.getMessage()));
        cmd.getErr().println("(run with --help for the options)");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The main job: the walkthrough, then a training run with the defaults. */
    @Override
    public void run() {
        CommandLine cli = spec.commandLine();
        PrintWriter out = cli.getOut();
        int code = cli.getSubcommands().get("walkthrough").execute();
        if (code == 0) {
            out.println();
            code = cli.getSubcommands().get("train").execute();
        }
        out.println();
        out.println("(run with --help for the subcommands and their options)");
        out.flush();
        if (code != 0) {
            throw new CommandLine.ExecutionException(cli, "the main job failed");
        }
    }
}

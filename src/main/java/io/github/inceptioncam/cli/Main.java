package io.github.inceptioncam.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar inception-cam-cli.jar}: exit 0 all fine, 1 some inputs failed, 2 usage or model error. */
@Command(name = "inception-cam", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = "Classify images with an Inception-family ONNX model and compute class activation maps.",
	subcommands = {ClassifyCommand.class, InfoCommand.class, EvaluateCommand.class, GenerateCommand.class, MergeCommand.class, ImageJCommand.class,
		GpuCommand.class, io.github.inceptioncam.bench.BenchCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Main {
	public static final int OK = 0;
	public static final int SOME_FAILED = 1;
	public static final int USAGE_OR_MODEL = 2;

	public static void main(String[] args) {
		int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
		if (code >= 0) System.exit(code); // a negative code keeps a GUI (ImageJ) running
	}

	/** Runs the command line with the given streams and returns the exit code. */
	public static int run(String[] args, PrintWriter out, PrintWriter err) {
		return run(args, out, err, GpuCommand.Places.defaults());
	}

	/** As {@link #run(String[], PrintWriter, PrintWriter)}, with the GPU pack's home and Maven repositories given (tests). */
	static int run(String[] args, PrintWriter out, PrintWriter err, GpuCommand.Places places) {
		Quiet.apply(args);
		CommandLine cl = new CommandLine(new Main(), GpuCommand.factory(places));
		cl.setOut(out);
		cl.setErr(err);
		cl.setExecutionExceptionHandler((ex, line, parsed) -> {
			boolean debug = parsed.hasMatchedOption("--debug");
			line.getErr().println("error: " + oneLine(ex));
			if (debug) ex.printStackTrace(line.getErr());
			line.getErr().flush();
			return USAGE_OR_MODEL;
		});
		if (args.length == 0) {
			cl.usage(err);
			return USAGE_OR_MODEL;
		}
		int code = cl.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	static String oneLine(Throwable t) {
		String m = t.getMessage();
		if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
		return m.replaceAll("\\s+", " ").trim();
	}

	static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			String v = Main.class.getPackage().getImplementationVersion();
			return new String[] {"inception-cam " + (v == null ? "dev" : v)};
		}
	}
}

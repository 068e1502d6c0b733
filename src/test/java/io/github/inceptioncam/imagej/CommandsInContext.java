package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scijava.Context;
import org.scijava.command.CommandService;

/** A SciJava context with the command, status and log services, made once per test class and disposed after it. */
abstract class CommandsInContext {
	static Context context;
	static CommandService commands;

	@BeforeAll
	static void startContext() {
		context = new Context(CommandService.class, org.scijava.app.StatusService.class, org.scijava.log.LogService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/**
	 * Runs Classify Image... on {@code imp} with the built-in model on the CPU, then the given name/value pairs
	 * (which may replace those).
	 */
	static ClassifierCommand classifyImage(ImagePlus imp, Object... pairs) throws Exception {
		Map<String, Object> in = new HashMap<>();
		in.put("imp", imp);
		in.put("model", "");
		in.put("device", "cpu");
		for (int i = 0; i < pairs.length; i += 2) in.put((String) pairs[i], pairs[i + 1]);
		return run(ClassifyImageCommand.class, in);
	}

	/** The name/value pairs {@code first}, then {@code then} (which may replace them). */
	static Object[] concat(Object[] first, Object[] then) {
		Object[] out = java.util.Arrays.copyOf(first, first.length + then.length);
		System.arraycopy(then, 0, out, first.length, then.length);
		return out;
	}

	/**
	 * Runs a classifying command with the inputs and returns it once done. Through the ModuleService, as Fiji runs
	 * it: for a DynamicCommand, CommandService.run returns null (SciJava's documented limitation) although the
	 * command runs.
	 */
	static ClassifierCommand run(Class<? extends ClassifierCommand> cmd, Map<String, Object> in) throws Exception {
		org.scijava.module.ModuleService ms = context.service(org.scijava.module.ModuleService.class);
		return (ClassifierCommand) ms.run(commands.getCommand(cmd), true, in).get();
	}
}

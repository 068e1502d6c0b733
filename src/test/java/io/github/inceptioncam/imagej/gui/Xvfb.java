package io.github.inceptioncam.imagej.gui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An X display for tests that need a real ImageJ window: the current DISPLAY, or a private Xvfb server
 * (the build installs xvfb when missing, see src/test/scripts/ensure-xvfb.sh). Scenarios run in a child
 * JVM pointed at that display, with the test classpath.
 */
final class Xvfb implements AutoCloseable {
	final String display;
	private final Process server;

	private Xvfb(String display, Process server) {
		this.display = display;
		this.server = server;
	}

	static Xvfb start() throws IOException, InterruptedException {
		String env = System.getenv("DISPLAY");
		if (env != null && !env.isBlank()) return new Xvfb(env, null);
		for (int n = 91; n < 140; n++) {
			if (Files.exists(Paths.get("/tmp/.X11-unix/X" + n)) || Files.exists(Paths.get("/tmp/.X" + n + "-lock"))) continue;
			Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			for (int i = 0; i < 100 && p.isAlive(); i++) {
				if (Files.exists(Paths.get("/tmp/.X11-unix/X" + n))) return new Xvfb(":" + n, p);
				Thread.sleep(50);
			}
			p.destroy();
		}
		throw new IOException("could not start Xvfb");
	}

	/** Result of a child JVM run. */
	static final class Run {
		int code;
		String output;
	}

	/** Runs {@code mainClass} in a child JVM on this display; kills it after {@code seconds}. */
	Run java(String mainClass, long seconds, String... args) throws IOException, InterruptedException {
		return java(List.of(), mainClass, seconds, args);
	}

	/** As {@link #java(String, long, String...)}, with JVM options before the main class. */
	Run java(List<String> jvmOptions, String mainClass, long seconds, String... args) throws IOException, InterruptedException {
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=false"));
		cmd.addAll(jvmOptions);
		cmd.addAll(Arrays.asList("-cp", cp, mainClass));
		cmd.addAll(Arrays.asList(args));
		Path log = Files.createTempFile("scenario", ".log");
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
		pb.environment().put("DISPLAY", display);
		Process p = pb.start();
		Run r = new Run();
		if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			r.code = -1;
		} else {
			r.code = p.exitValue();
		}
		r.output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
		Files.deleteIfExists(log);
		return r;
	}

	@Override
	public void close() {
		if (server != null) server.destroy();
	}

	static String value(String output, String key) {
		for (String line : output.split("\n")) if (line.startsWith(key + " ")) return line.substring(key.length() + 1).trim();
		return null;
	}

	static File screenshots() {
		File d = new File("target/screenshots");
		d.mkdirs();
		return d;
	}
}

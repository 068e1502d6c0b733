package io.github.inceptioncam.cli;

/** Keeps library chatter (DJL's SLF4J logging) off the terminal unless asked for. */
final class Quiet {
	private Quiet() {}

	static void apply(String[] args) {
		if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
		}
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
		boolean gui = args.length > 0 && args[0].equals("imagej");
		if (!gui) System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
	}
}

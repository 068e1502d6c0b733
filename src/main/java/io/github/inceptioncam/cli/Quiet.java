package io.github.inceptioncam.cli;

/** Keeps library chatter (DJL's SLF4J logging) off the terminal unless asked for. */
final class Quiet {
	private Quiet() {}

	static void apply() {
		if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
		}
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
		System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
	}
}

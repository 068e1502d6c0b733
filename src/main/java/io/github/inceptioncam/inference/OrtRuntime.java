package io.github.inceptioncam.inference;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/** Process-wide ONNX Runtime and DJL settings, and the real ORT version. */
public final class OrtRuntime {
	private static volatile boolean configured;

	private OrtRuntime() {}

	/**
	 * Process-wide preparation before DJL's engine starts. It sets no JVM-wide property (other Fiji
	 * plugins share the JVM): we never need DJL's alternative engine (every operation on our arrays is
	 * one ONNX Runtime supports) nor any download.
	 */
	public static synchronized void configureDjl() {
		if (configured) return;
		configured = true;
	}

	/**
	 * The process-wide ORT environment. DJL's engine insists on creating it itself (with thread
	 * options) and fails if it already exists, so the engine is always initialised first.
	 */
	public static synchronized OrtEnvironment environment() {
		configureDjl();
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(OrtRuntime.class.getClassLoader());
		try {
			Engine.getEngine(DeviceSelector.ENGINE);
		} finally {
			thread.setContextClassLoader(previous);
		}
		return OrtEnvironment.getEnvironment();
	}

	/**
	 * Starts loading ONNX Runtime and DJL's engine on a background daemon thread, for a command line
	 * run that is about to read a model: the native start-up then overlaps with parsing the model.
	 */
	public static void warmUpInBackground() {
		Thread t = new Thread(() -> {
			try {
				environment();
			} catch (RuntimeException | LinkageError e) {
				// the foreground load reports it
			}
		}, "inception-cam-runtime-init");
		t.setDaemon(true);
		t.start();
	}

	/** The version of the native ONNX Runtime actually loaded (DJL's own answer is hard-coded). */
	public static String version() {
		return environment().getVersion();
	}
}

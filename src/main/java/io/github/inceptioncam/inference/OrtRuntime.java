package io.github.inceptioncam.inference;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/** Process-wide ONNX Runtime and DJL settings, and the real ORT version. */
public final class OrtRuntime {
	private static volatile boolean configured;

	private OrtRuntime() {}

	/**
	 * Before anything touches ONNX Runtime: the GPU pack, when one is installed ({@link GpuPack#activate()}:
	 * the one JVM-wide property we set, {@code onnxruntime.native.path}, and only then). No DJL property:
	 * we never need DJL's alternative engine (every operation on our arrays is one ONNX Runtime
	 * supports) nor any download.
	 */
	public static synchronized void configureDjl() {
		if (configured) return;
		configured = true;
		GpuPack.activate();
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
			return OrtEnvironment.getEnvironment();
		} catch (RuntimeException | LinkageError e) {
			if (GpuPack.activatedFolder() == null) throw e;
			Throwable root = e;
			while (root.getCause() != null && root.getCause() != root) root = root.getCause();
			String msg = root.getMessage() == null ? root.toString() : root.getMessage().replaceAll("\\s+", " ").trim();
			throw new IllegalStateException("ONNX Runtime does not load from the GPU pack in " + GpuPack.activatedFolder() + " (" + msg
				+ "); remove it with 'java -jar inception-cam-cli.jar gpu remove' or install it again", e);
		} finally {
			thread.setContextClassLoader(previous);
		}
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

package io.github.inceptioncam.inference;

import ai.onnxruntime.OrtEnvironment;

/** Process-wide ONNX Runtime and DJL settings, and the real ORT version. */
public final class OrtRuntime {
	private static volatile boolean configured;

	private OrtRuntime() {}

	/** System properties DJL reads: no alternative engine lookup, no downloads. */
	public static synchronized void configureDjl() {
		if (configured) return;
		configured = true;
		if (System.getProperty("ai.djl.onnx.disable_alternative") == null) System.setProperty("ai.djl.onnx.disable_alternative", "true");
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
	}

	public static OrtEnvironment environment() {
		return OrtEnvironment.getEnvironment();
	}

	/** The version of the native ONNX Runtime actually loaded (DJL's own answer is hard-coded). */
	public static String version() {
		return environment().getVersion();
	}
}

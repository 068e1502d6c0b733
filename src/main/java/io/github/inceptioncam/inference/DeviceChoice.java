package io.github.inceptioncam.inference;

/** What the user asked for: the GPU when usable, the CPU, or the GPU or nothing. */
public enum DeviceChoice {
	AUTO, CPU, GPU;

	public static DeviceChoice parse(String s) {
		switch (s == null ? "auto" : s.trim().toLowerCase()) {
			case "auto": case "": return AUTO;
			case "cpu": return CPU;
			case "gpu": case "cuda": return GPU;
			default: throw new IllegalArgumentException("device must be auto, cpu or gpu, not '" + s + "'");
		}
	}
}

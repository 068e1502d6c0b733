package io.github.inceptioncam.model;

/** Memory layout of a 4-D image tensor. */
public enum Layout {
	/** batch, channels, height, width (PyTorch, ONNX default). */
	NCHW,
	/** batch, height, width, channels (Keras/TensorFlow). */
	NHWC;

	public static Layout parse(String s) {
		if (s == null) return null;
		switch (s.trim().toUpperCase()) {
			case "NCHW": case "CHW": return NCHW;
			case "NHWC": case "HWC": return NHWC;
			default: throw new IllegalArgumentException("layout must be NCHW or NHWC, not '" + s + "'");
		}
	}
}

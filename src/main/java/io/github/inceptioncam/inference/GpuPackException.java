package io.github.inceptioncam.inference;

/** The GPU pack cannot be installed or removed; the message is one line saying why. */
public class GpuPackException extends Exception {
	private static final long serialVersionUID = 1L;

	public GpuPackException(String message) {
		super(message);
	}
}

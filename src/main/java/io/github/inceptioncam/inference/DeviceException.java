package io.github.inceptioncam.inference;

/** The requested device cannot be used; the message says what is missing. */
public class DeviceException extends Exception {
	private static final long serialVersionUID = 1L;

	public DeviceException(String message) {
		super(message);
	}
}

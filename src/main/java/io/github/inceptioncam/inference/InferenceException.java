package io.github.inceptioncam.inference;

/** A run of the model failed; the message is one line. */
public class InferenceException extends Exception {
	private static final long serialVersionUID = 1L;

	public InferenceException(String message, Throwable cause) {
		super(message, cause);
	}
}

package io.github.inceptioncam.model;

/**
 * A problem with a model file or its metadata, carrying a one-line message that names the file,
 * the problem and what to do about it.
 */
public class ModelException extends Exception {
	private static final long serialVersionUID = 1L;

	public ModelException(String message) {
		super(message);
	}

	public ModelException(String message, Throwable cause) {
		super(message, cause);
	}
}

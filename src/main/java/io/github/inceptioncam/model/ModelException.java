package io.github.inceptioncam.model;

/**
 * A problem with a model file or its metadata, carrying a one-line message that names the file,
 * the problem and what to do about it.
 */
public class ModelException extends Exception {
	private static final long serialVersionUID = 1L;

	public ModelException(String message) {
		super(oneLine(message));
	}

	public ModelException(String message, Throwable cause) {
		super(oneLine(message), cause);
	}

	/**
	 * The message on one line: names taken from the model (tensor names, metadata) may hold line breaks
	 * or control characters (found by fuzzing), which become spaces.
	 */
	static String oneLine(String message) {
		return message == null ? null : message.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ");
	}
}

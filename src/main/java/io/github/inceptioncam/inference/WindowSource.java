package io.github.inceptioncam.inference;

/**
 * An image too large to hold as model input, read one window at a time: the sliding-window run asks
 * for each window's pixels when its batch comes, so only a batch of windows is ever held as floats.
 */
public interface WindowSource {
	/** Name of the image (for messages and results). */
	String name();

	int width();

	int height();

	/** The pixels of the window at {@code x, y} of size {@code w x h}, inside the image, as model input planes. */
	ImageInput read(int x, int y, int w, int h);
}

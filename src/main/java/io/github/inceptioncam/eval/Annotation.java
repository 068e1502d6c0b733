package io.github.inceptioncam.eval;

/** One row of labels.csv: an image, its class label and optionally the box that decides it. */
public final class Annotation {
	private final String image;
	private final String label;
	private final int[] box;

	public Annotation(String image, String label, int[] box) {
		this.image = image;
		this.label = label;
		this.box = box == null ? null : box.clone();
	}

	public String image() {
		return image;
	}

	public String label() {
		return label;
	}

	/** {@code {x, y, w, h}} or null. */
	public int[] box() {
		return box == null ? null : box.clone();
	}
}

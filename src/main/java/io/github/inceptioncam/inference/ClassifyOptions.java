package io.github.inceptioncam.inference;

/** Per-call options: how many classes to report, which class the CAM explains, whether to make it. */
public final class ClassifyOptions {
	private int top = 5;
	private String classSpec = "auto";
	private boolean cam = true;
	private double boxFraction = io.github.inceptioncam.cam.CamBox.DEFAULT_FRACTION;

	public ClassifyOptions top(int k) {
		if (k < 1) throw new IllegalArgumentException("top must be at least 1, not " + k);
		top = k;
		return this;
	}

	/** "auto" (top-1), a class index, or a label. */
	public ClassifyOptions classSpec(String s) {
		classSpec = s == null || s.isBlank() ? "auto" : s.trim();
		return this;
	}

	public ClassifyOptions cam(boolean on) {
		cam = on;
		return this;
	}

	public ClassifyOptions boxFraction(double f) {
		if (!(f > 0 && f < 1)) throw new IllegalArgumentException("box threshold must be between 0 and 1, not " + f);
		boxFraction = f;
		return this;
	}

	public int top() {
		return top;
	}

	public String classSpec() {
		return classSpec;
	}

	public boolean cam() {
		return cam;
	}

	public double boxFraction() {
		return boxFraction;
	}
}

package io.github.inceptioncam.inference;

import java.util.Collections;
import java.util.List;

/** Everything computed for one image: ranked classes, the CAM or why not, device and timings. */
public final class Classification {
	private final String image;
	private final int width;
	private final int height;
	private final List<Prediction> top;
	private final double[] logits;
	private final double[] probabilities;
	private final List<CamResult> cams;
	private final String camError;
	private final String device;
	private final double preprocessMs;
	private final double inferenceMs;
	private final double camMs;
	private final double decodeMs;

	Classification(String image, int width, int height, List<Prediction> top, double[] logits, double[] probabilities,
			List<CamResult> cams, String camError, String device, double preprocessMs, double inferenceMs, double camMs) {
		this.image = image;
		this.width = width;
		this.height = height;
		this.top = Collections.unmodifiableList(top);
		this.logits = logits;
		this.probabilities = probabilities;
		this.cams = Collections.unmodifiableList(cams);
		this.camError = camError;
		this.device = device;
		this.preprocessMs = preprocessMs;
		this.inferenceMs = inferenceMs;
		this.camMs = camMs;
		this.decodeMs = Double.NaN;
	}

	private Classification(Classification c, double decodeMs) {
		this.image = c.image;
		this.width = c.width;
		this.height = c.height;
		this.top = c.top;
		this.logits = c.logits;
		this.probabilities = c.probabilities;
		this.cams = c.cams;
		this.camError = c.camError;
		this.device = c.device;
		this.preprocessMs = c.preprocessMs;
		this.inferenceMs = c.inferenceMs;
		this.camMs = c.camMs;
		this.decodeMs = decodeMs;
	}

	/** This result with the time spent reading and decoding the image file. */
	public Classification withDecodeMs(double ms) {
		return new Classification(this, ms);
	}

	public String image() {
		return image;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public List<Prediction> top() {
		return top;
	}

	/** All pre-softmax scores (null when the model gives probabilities only). */
	public double[] logits() {
		return logits == null ? null : logits.clone();
	}

	public double[] probabilities() {
		return probabilities.clone();
	}

	/** The map of the first requested class, or null (see {@link #camError()}). */
	public CamResult cam() {
		return cams.isEmpty() ? null : cams.get(0);
	}

	/** The maps of every requested class, in the order asked for (empty when there is none). */
	public List<CamResult> cams() {
		return cams;
	}

	/** Why there is no CAM, or null. */
	public String camError() {
		return camError;
	}

	/** The device actually used: "cpu" or "gpu:N". */
	public String device() {
		return device;
	}

	public double preprocessMs() {
		return preprocessMs;
	}

	/** Inference time of the batch this image was in, divided by the batch size. */
	public double inferenceMs() {
		return inferenceMs;
	}

	public double camMs() {
		return camMs;
	}

	/** Reading and decoding the image file into planes, or NaN when the image did not come from a file. */
	public double decodeMs() {
		return decodeMs;
	}
}

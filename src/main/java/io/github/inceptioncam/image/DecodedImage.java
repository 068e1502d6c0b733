package io.github.inceptioncam.image;

import ij.measure.Calibration;
import io.github.inceptioncam.inference.ImageInput;

/** An image file read for classification: its planes, its calibration, and how long reading it took. */
public final class DecodedImage {
	private final ImageInput input;
	private final Calibration calibration;
	private final double decodeMs;

	DecodedImage(ImageInput input, Calibration calibration, double decodeMs) {
		this.input = input;
		this.calibration = calibration;
		this.decodeMs = decodeMs;
	}

	public ImageInput input() {
		return input;
	}

	/** The file's spatial calibration (a default one for PNG and JPEG, which carry none ImageJ reads). */
	public Calibration calibration() {
		return calibration;
	}

	/** Milliseconds spent reading the file and decoding it into planes. */
	public double decodeMs() {
		return decodeMs;
	}
}

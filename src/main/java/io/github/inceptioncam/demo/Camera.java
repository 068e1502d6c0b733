package io.github.inceptioncam.demo;

/** A 16-bit scientific camera: Poisson shot noise on the photoelectrons, Gaussian read noise, gain and offset. */
final class Camera {
	/** ADU per photoelectron. */
	final double gain;
	/** Read noise, photoelectrons rms. */
	final double readNoise;
	/** Counts of a dark pixel. */
	final double offset;

	Camera(double gain, double readNoise, double offset) {
		this.gain = gain;
		this.readNoise = readNoise;
		this.offset = offset;
	}

	/** A camera with gain 1.8-2.2 ADU/e-, read noise 1.2-2.0 e-, offset 100-300 ADU. */
	static Camera random(Rng rng) {
		return new Camera(rng.uniform(1.8, 2.2), rng.uniform(1.2, 2.0), rng.between(100, 300));
	}

	/** Counts of an exposure whose expected photoelectrons per pixel are {@code electrons}. */
	short[] read(float[] electrons, Rng rng) {
		short[] out = new short[electrons.length];
		for (int i = 0; i < out.length; i++) {
			double adu = offset + gain * (rng.poisson(electrons[i]) + readNoise * rng.gaussian());
			out[i] = (short) Math.max(0, Math.min(65535, Math.round(adu)));
		}
		return out;
	}
}

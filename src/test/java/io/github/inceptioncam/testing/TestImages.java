package io.github.inceptioncam.testing;

import io.github.inceptioncam.inference.ImageInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic images for tests. */
public final class TestImages {
	private TestImages() {}

	/** A random 8-bit-valued image with the given channel count. */
	public static ImageInput random(String name, int w, int h, int channels, long seed) {
		Random rnd = new Random(seed);
		List<float[]> planes = new ArrayList<>();
		for (int c = 0; c < channels; c++) {
			float[] p = new float[w * h];
			for (int i = 0; i < p.length; i++) p[i] = rnd.nextInt(256);
			planes.add(p);
		}
		return new ImageInput(name, w, h, channels == 3 ? 24 : 8, planes);
	}
}

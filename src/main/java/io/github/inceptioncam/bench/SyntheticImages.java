package io.github.inceptioncam.bench;

import io.github.inceptioncam.inference.ImageInput;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic 8-bit test images at the model size: smooth blobs on a gradient plus noise, grey for a
 * one-channel model, RGB otherwise. The same pictures feed our engine (as {@link ImageInput}) and the
 * raw peer (as {@link BufferedImage}).
 */
public final class SyntheticImages {
	private SyntheticImages() {}

	public static BufferedImage image(int width, int height, int channels, long seed) {
		Random rnd = new Random(seed);
		BufferedImage img = new BufferedImage(width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
		WritableRaster r = img.getRaster();
		int bands = r.getNumBands();
		int blobs = 3 + rnd.nextInt(5);
		double[][] b = new double[blobs][];
		for (int i = 0; i < blobs; i++) {
			b[i] = new double[] {rnd.nextDouble() * width, rnd.nextDouble() * height, 6 + rnd.nextDouble() * width / 6, rnd.nextDouble()};
		}
		for (int band = 0; band < bands; band++) {
			double tint = 0.5 + rnd.nextDouble() / 2;
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					double v = 30.0 * x / width;
					for (double[] k : b) {
						double dx = x - k[0], dy = y - k[1];
						v += 200 * k[3] * tint * Math.exp(-(dx * dx + dy * dy) / (2 * k[2] * k[2]));
					}
					v += rnd.nextGaussian() * 8;
					r.setSample(x, y, band, Math.max(0, Math.min(255, (int) Math.round(v))));
				}
			}
		}
		return img;
	}

	public static List<BufferedImage> images(int count, int width, int height, int channels, long seed) {
		List<BufferedImage> out = new ArrayList<>();
		for (int i = 0; i < count; i++) out.add(image(width, height, channels, seed + i));
		return out;
	}

	/** The image's raster samples as our engine's input (bit depth 8, or 24 for RGB). */
	public static ImageInput toInput(BufferedImage img, String name) {
		Raster r = img.getRaster();
		int w = img.getWidth(), h = img.getHeight(), bands = r.getNumBands();
		List<float[]> planes = new ArrayList<>();
		for (int b = 0; b < bands; b++) planes.add(r.getSamples(0, 0, w, h, b, (float[]) null));
		return new ImageInput(name, w, h, bands == 1 ? 8 : 24, planes);
	}
}

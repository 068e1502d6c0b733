package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import io.github.inceptioncam.cam.TileGrid;
import io.github.inceptioncam.inference.TileResult;
import io.github.inceptioncam.testing.Montages;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Child-JVM program of {@link LargeImageTilesTest}: a {@code size x size} 8-bit image (the 2x2 montage,
 * scaled to 8 bits, repeated) classified in tiles mode by Classify Image...'s classifier, headless.
 * Prints GRID cols rows, WINDOWS n, AGREE k (windows on a montage quadrant that got its class), MAP w h
 * scale, SECONDS, PEAK_HEAP_MB (sum of the heap pools' peaks) and MAX_HEAP_MB.
 */
public final class BigImageTiles {
	public static void main(String[] args) throws Exception {
		int size = Integer.parseInt(args[0]), stride = Integer.parseInt(args[1]);
		ImageProcessor m = Montages.twoByTwo(256, 40).getProcessor();
		m.resetMinAndMax();
		double min = m.getMin(), max = m.getMax();
		byte[] period = new byte[512 * 512];
		for (int i = 0; i < period.length; i++) period[i] = (byte) Math.round((m.getf(i) - min) * 255 / (max - min));
		byte[] px = new byte[size * size];
		for (int y = 0; y < size; y++) {
			int row = (y % 512) * 512;
			for (int x = 0; x < size; x += 512) System.arraycopy(period, row, px, y * size + x, Math.min(512, size - x));
		}
		ImagePlus imp = new ImagePlus("big", new ByteProcessor(size, size, px));
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.device = "cpu";
		s.tiles = true;
		s.stride = stride;
		s.showTable = false;
		long t0 = System.nanoTime();
		ImageClassifier.Outcome out = new ImageClassifier(s, null, System.out::println, null).run(imp);
		double seconds = (System.nanoTime() - t0) / 1e9;
		TileResult r = out.tiles;
		TileGrid g = r.grid();
		int agree = 0, onQuadrant = 0;
		for (int i = 0; i < g.count(); i++) {
			int[] w = g.window(i);
			if (w[0] % 256 != 0 || w[1] % 256 != 0) continue; // a flush window straddles quadrants
			onQuadrant++;
			int q = (w[1] / 256 % 2) * 2 + w[0] / 256 % 2;
			if (r.assembly().top(i) == Montages.QUADRANTS[q].ordinal()) agree++;
		}
		long peak = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
		System.out.println("GRID " + g.cols() + " " + g.rows());
		System.out.println("WINDOWS " + r.assembly().windows());
		System.out.println("AGREE " + agree + " " + onQuadrant);
		System.out.println("MAP " + out.camImage.getWidth() + " " + out.camImage.getHeight() + " " + r.assembly().mapScale());
		System.out.println("TABLE " + out.table.size());
		System.out.println("SECONDS " + Math.round(seconds));
		System.out.println("PEAK_HEAP_MB " + (peak >> 20));
		System.out.println("MAX_HEAP_MB " + (Runtime.getRuntime().maxMemory() >> 20));
		if (!java.util.Arrays.equals(px, (byte[]) imp.getProcessor().getPixels()) || px != imp.getProcessor().getPixels()) {
			System.out.println("PIXELS CHANGED");
		}
		System.exit(0);
	}
}

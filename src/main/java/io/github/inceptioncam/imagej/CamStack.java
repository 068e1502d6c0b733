package io.github.inceptioncam.imagej;

import ij.VirtualStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.inceptioncam.inference.CamResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The CAM stack of many maps, each slice resampled from its raw map when ImageJ asks for it: 1,000 classes at
 * image size would otherwise take gigabytes (a 1024x1024 slice is 4 MB). Read-only, as ImageJ's virtual stacks are.
 */
final class CamStack extends VirtualStack {
	/** Above this many bytes of 32-bit slices a CAM stack is made virtual. */
	static final long VIRTUAL_ABOVE_BYTES = 64L << 20;

	private static final class Slice {
		final String label;
		final CamResult cam;
		final int x, y;

		Slice(String label, CamResult cam, int x, int y) {
			this.label = label;
			this.cam = cam;
			this.x = x;
			this.y = y;
		}
	}

	private final List<Slice> slices = new ArrayList<>();

	CamStack(int width, int height) {
		super(width, height, 0);
		setBitDepth(32);
	}

	/** Whether {@code slices} 32-bit slices of {@code width x height} should be a virtual stack. */
	static boolean tooLarge(long slices, int width, int height) {
		return slices * width * height * 4L > VIRTUAL_ABOVE_BYTES;
	}

	/** A slice: {@code cam} resampled to its image, placed at (x, y) of this stack's canvas. */
	void add(String label, CamResult cam, int x, int y) {
		slices.add(new Slice(label, cam, x, y));
	}

	@Override
	public ImageProcessor getProcessor(int n) {
		Slice s = slices.get(n - 1);
		double[] up = s.cam.resample();
		float[] px = new float[up.length];
		for (int i = 0; i < px.length; i++) px[i] = (float) up[i];
		FloatProcessor fp = new FloatProcessor(s.cam.imageWidth(), s.cam.imageHeight(), px);
		if (s.x == 0 && s.y == 0 && fp.getWidth() == getWidth() && fp.getHeight() == getHeight()) return fp;
		FloatProcessor canvas = new FloatProcessor(getWidth(), getHeight());
		canvas.insert(fp, s.x, s.y);
		return canvas;
	}

	@Override
	public Object getPixels(int n) {
		return getProcessor(n).getPixels();
	}

	@Override
	public int getSize() {
		return slices.size();
	}

	@Override
	public int size() {
		return slices.size();
	}

	@Override
	public String getSliceLabel(int n) {
		return slices.get(n - 1).label;
	}

	@Override
	public void deleteSlice(int n) {
		slices.remove(n - 1);
	}

	@Override
	public int getBitDepth() {
		return 32;
	}
}

package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import io.github.inceptioncam.image.ChannelMapping;
import io.github.inceptioncam.image.ImageInputs;
import io.github.inceptioncam.image.NativeWindow;
import io.github.inceptioncam.image.Rescale;
import io.github.inceptioncam.image.PreparedInput;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.model.ModelMetadata;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * The model input for one region of an image at one position: the whole image, or a selection taken at its
 * own scale (centred in the model input, padded, never stretched; optionally with the area outside a
 * non-rectangular selection filled with the constant), the model's channels picked from the image's, and
 * the whole resampled to the model's pixel size when the model gives one. {@link #place} brings the maps
 * back to the region's pixels. Never changes the image.
 */
public final class RegionInput {
	/** How a region is taken: channels spec, padding, its constant, masking. */
	public static final class Options {
		public String channels = "auto";
		public NativeWindow.Padding padding = NativeWindow.Padding.REFLECT;
		public double padValue = 0;
		public boolean mask;
	}

	private final PreparedInput prepared;
	private final Rectangle bounds;
	private final ChannelMapping channels;
	private final Rescale rescale;
	private final List<String> notes;

	private RegionInput(PreparedInput prepared, Rectangle bounds, ChannelMapping channels, Rescale rescale, List<String> notes) {
		this.prepared = prepared;
		this.bounds = bounds;
		this.channels = channels;
		this.rescale = rescale;
		this.notes = notes;
	}

	/** The region of {@code imp} at slice z, frame t (1-based): {@code roi}'s (an area selection) or the whole image when null. */
	public static RegionInput take(ImagePlus imp, int z, int t, Roi roi, String name, ModelMetadata meta, Options o) {
		Rectangle full = new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
		Rectangle bounds = roi == null ? full : roi.getBounds().intersection(full);
		if (bounds.width <= 0 || bounds.height <= 0) throw new IllegalArgumentException(name + ": the selection lies outside the image");
		ImageInput raw = ImageInputs.at(imp, z, t, bounds, name);
		ChannelMapping map = ChannelMapping.resolve(o.channels, raw.channels(), meta.channels(), imp.getC() - 1, raw.bitDepth() == 24);
		ImageInput in = map.apply(raw);
		List<String> notes = new ArrayList<>();
		if (map.warning() != null) notes.add(map.warning());
		if (roi != null && o.mask && roi.getType() != Roi.RECTANGLE) in = masked(in, roi, bounds, (float) o.padValue);
		Rescale rescale = Rescale.decide(Rescale.pixelSize(imp.getCalibration()), meta.pixelSize());
		PreparedInput prepared = PreparedInput.of(in, roi != null, rescale, meta.inputWidth(), meta.inputHeight(), o.padding, o.padValue);
		notes.addAll(prepared.notes());
		return new RegionInput(prepared, bounds, map, rescale, notes);
	}

	private static ImageInput masked(ImageInput in, Roi roi, Rectangle bounds, float fill) {
		ImageProcessor mask = roi.getMask();
		if (mask == null) return in;
		Rectangle rb = roi.getBounds();
		boolean[] inside = new boolean[bounds.width * bounds.height];
		for (int y = 0; y < bounds.height; y++) {
			for (int x = 0; x < bounds.width; x++) {
				int mx = bounds.x + x - rb.x, my = bounds.y + y - rb.y;
				inside[y * bounds.width + x] = mx >= 0 && my >= 0 && mx < mask.getWidth() && my < mask.getHeight() && mask.get(mx, my) != 0;
			}
		}
		List<float[]> planes = new ArrayList<>();
		float[] lastSrc = null, last = null;
		for (int c = 0; c < in.channels(); c++) {
			float[] p = in.plane(c);
			if (p != lastSrc) {
				last = p.clone();
				for (int i = 0; i < last.length; i++) if (!inside[i]) last[i] = fill;
			}
			lastSrc = p;
			planes.add(last);
		}
		return new ImageInput(in.name(), in.width(), in.height(), in.bitDepth(), planes);
	}

	/** The model input (or the region, resized by the preprocessing, when the window is the region). */
	public ImageInput input() {
		return prepared.input();
	}

	/** The region in image pixels (the selection's bounds within the image, or the image). */
	public Rectangle bounds() {
		return bounds;
	}

	public ChannelMapping channels() {
		return channels;
	}

	public Rescale rescale() {
		return rescale;
	}

	/** Warnings and notes for the log: channels left out, rescaling, a region much smaller or larger than the input. */
	public List<String> notes() {
		return notes;
	}

	/** The result with its maps and boxes in the region's pixels. */
	public Classification place(Classification c, double boxFraction) {
		return prepared.place(c, boxFraction);
	}
}

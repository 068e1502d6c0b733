package io.github.inceptioncam.image;

import io.github.inceptioncam.inference.CamPlacement;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ImageInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One region's model input and how its maps go back: resampled to the model's pixel size when the
 * {@link Rescale} says so, then, for a selection or a rescaled image, taken at its own scale into the model
 * input ({@link NativeWindow}); otherwise the region as it is (resized by the preprocessing). Notes say
 * what was done and warn about a region much smaller (under a quarter of the area) or larger than the input.
 */
public final class PreparedInput {
	private final ImageInput input;
	private final int width;
	private final int height;
	/** The window of the region the model input covers, in region pixels; null when it is the region resized. */
	private final double[] window;
	private final List<String> notes;

	private PreparedInput(ImageInput input, int width, int height, double[] window, List<String> notes) {
		this.input = input;
		this.width = width;
		this.height = height;
		this.window = window;
		this.notes = notes;
	}

	/**
	 * @param region the region's pixels with the model's channels
	 * @param selection whether the region is a selection (taken at its own scale even without rescaling)
	 */
	public static PreparedInput of(ImageInput region, boolean selection, Rescale rescale, int modelWidth, int modelHeight,
			NativeWindow.Padding padding, double padValue) {
		List<String> notes = new ArrayList<>();
		if (rescale.note() != null) notes.add(rescale.note());
		if (!selection && !rescale.applies()) return new PreparedInput(region, region.width(), region.height(), null, notes);
		ImageInput scaled = rescale.apply(region);
		NativeWindow win = NativeWindow.take(scaled, modelWidth, modelHeight, padding, padValue);
		String what = selection ? "the selection" : "the image";
		if (win.shrunk(scaled)) {
			notes.add(String.format(Locale.ROOT, "%s (%dx%d at the model's scale) is larger than the model input %dx%d: shrunk to %dx%d to fit",
				what, scaled.width(), scaled.height(), modelWidth, modelHeight, win.contentWidth(), win.contentHeight()));
		} else if ((double) scaled.width() * scaled.height() < modelWidth * (double) modelHeight / 4) {
			notes.add(String.format(Locale.ROOT, "%s (%dx%d at the model's scale) is much smaller than the model input %dx%d (under a quarter of its area): "
				+ "padded (%s); the answer may not be reliable", what, scaled.width(), scaled.height(), modelWidth, modelHeight, padding.key()));
		}
		double sx = (double) region.width() / win.contentWidth(), sy = (double) region.height() / win.contentHeight();
		double[] window = {-win.offsetX() * sx, -win.offsetY() * sy, modelWidth * sx, modelHeight * sy};
		return new PreparedInput(win.input(), region.width(), region.height(), window, notes);
	}

	/** What goes to the model. */
	public ImageInput input() {
		return input;
	}

	/** Notes and warnings for the log. */
	public List<String> notes() {
		return notes;
	}

	/** The result with its maps and boxes in the region's pixels. */
	public Classification place(Classification c, double boxFraction) {
		if (window == null) return c;
		return CamPlacement.toRegion(c, window[0], window[1], window[2], window[3], width, height, boxFraction);
	}
}

package io.github.inceptioncam.image;

import ij.measure.Calibration;
import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.model.LengthUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether and how much an image is resampled to the model's pixel size before the model input is taken:
 * when the model gives a pixel size and the image is calibrated in a length unit, and the two differ by
 * more than {@value #TOLERANCE_PERCENT} %, by {@code image / model} along each axis, with the same
 * align-corners=false bilinear resampling as the model input ({@link Bilinear}).
 */
public final class Rescale {
	public static final int TOLERANCE_PERCENT = 10;
	/** No model pixel size: nothing to compare, nothing to say. */
	public static final Rescale NONE = new Rescale(null, null, false, null);

	private final double[] image;
	private final double[] model;
	private final boolean applies;
	private final String note;

	private Rescale(double[] image, double[] model, boolean applies, String note) {
		this.image = image;
		this.model = model;
		this.applies = applies;
		this.note = note;
	}

	/** The image's pixel size {x, y} in micrometres, or null when it is not calibrated in a length unit. */
	public static double[] pixelSize(Calibration cal) {
		if (cal == null || !cal.scaled()) return null;
		double ux = LengthUnit.micrometres(cal.getXUnit()), uy = LengthUnit.micrometres(cal.getYUnit());
		if (Double.isNaN(ux) || Double.isNaN(uy) || !(cal.pixelWidth > 0) || !(cal.pixelHeight > 0)) return null;
		return new double[] {cal.pixelWidth * ux, cal.pixelHeight * uy};
	}

	/** The decision for an image of pixel size {@code image} (null: uncalibrated) and a model of {@code model} (null: none given). */
	public static Rescale decide(double[] image, double[] model) {
		if (model == null) return NONE;
		String m = um(model);
		if (image == null) {
			return new Rescale(null, model, false, "the image is not calibrated (no pixel size in a length unit): taken as it is; the model expects " + m + "/pixel");
		}
		double fx = image[0] / model[0], fy = image[1] / model[1];
		double tol = TOLERANCE_PERCENT / 100.0;
		if (Math.abs(fx - 1) <= tol && Math.abs(fy - 1) <= tol) return new Rescale(image, model, false, null);
		return new Rescale(image, model, true, String.format(Locale.ROOT, "the image's pixel size %s differs from the model's %s by more than %d %%: "
			+ "rescaled by %s to the model's pixel size (coordinates stay in the image's pixels)", um(image), m, TOLERANCE_PERCENT, fmt(fx)));
	}

	private static String um(double[] p) {
		return (p[0] == p[1] ? fmt(p[0]) : fmt(p[0]) + "x" + fmt(p[1])) + " \u00b5m";
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
	}

	/** Whether the image is resampled. */
	public boolean applies() {
		return applies;
	}

	/** Whether the model gives a pixel size (then the decision is reported). */
	public boolean known() {
		return model != null;
	}

	/** The image's pixel size along x in micrometres, or NaN when uncalibrated. */
	public double imagePixelSize() {
		return image == null ? Double.NaN : image[0];
	}

	/** The model's pixel size along x in micrometres, or NaN when the model gives none. */
	public double modelPixelSize() {
		return model == null ? Double.NaN : model[0];
	}

	/** Image pixels per model pixel along x (2: the image is enlarged twice); 1 when not resampled. */
	public double factor() {
		return applies ? image[0] / model[0] : 1;
	}

	/** Along y. */
	public double factorY() {
		return applies ? image[1] / model[1] : 1;
	}

	/** What was decided, for the log, or null when there is nothing to say. */
	public String note() {
		return note;
	}

	/** The input resampled to the model's pixel size (the same input when not resampled). */
	public ImageInput apply(ImageInput in) {
		if (!applies) return in;
		int w = Math.max(1, (int) Math.round(in.width() * factor())), h = Math.max(1, (int) Math.round(in.height() * factorY()));
		List<float[]> planes = new ArrayList<>(in.channels());
		float[] lastSrc = null, last = null;
		for (int c = 0; c < in.channels(); c++) {
			float[] p = in.plane(c);
			if (p != lastSrc) last = Bilinear.resize(p, in.width(), in.height(), w, h);
			lastSrc = p;
			planes.add(last);
		}
		return new ImageInput(in.name(), w, h, in.bitDepth(), planes);
	}
}

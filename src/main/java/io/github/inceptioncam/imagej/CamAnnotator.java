package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.plugin.LutLoader;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.inference.Prediction;
import io.github.inceptioncam.model.InceptionModel;
import java.awt.Rectangle;
import java.awt.image.IndexColorModel;
import java.util.Locale;

/**
 * Turns a {@link Classification} into ImageJ annotations, never touching the image's pixels: the CAM
 * as an {@link ImageRoi} overlay, the CAM box as a named ROI, rows of the results table, a 32-bit CAM
 * image and provenance in the image's properties.
 */
public final class CamAnnotator {
	/** Name of the results table. */
	public static final String TABLE = "Inception CAM";

	private CamAnnotator() {}

	/**
	 * The display map (ReLU, divided by the max) coloured with an ImageJ LUT, placed over {@code bounds}
	 * (the analysed region); zero evidence is transparent.
	 */
	public static ImageRoi overlay(CamResult cam, Rectangle bounds, String lutName, double opacity) {
		float[] d = cam.display();
		byte[] px = new byte[d.length];
		for (int i = 0; i < d.length; i++) px[i] = (byte) Math.round(d[i] * 255);
		ByteProcessor bp = new ByteProcessor(cam.imageWidth(), cam.imageHeight(), px);
		bp.setColorModel(lut(lutName));
		ImageRoi roi = new ImageRoi(bounds.x, bounds.y, bp);
		roi.setZeroTransparent(true);
		roi.setOpacity(opacity);
		roi.setName("CAM " + cam.label());
		return roi;
	}

	/** The colormaps offered in dialogs (any ImageJ LUT name works; ClassifierCommand repeats them, as annotations need literals). */
	public static final String[] COLORMAPS = {"Fire", "Ice", "Spectrum", "Grays", "Red", "Green", "Cyan", "Magenta", "Yellow", "3-3-2 RGB", "Red/Green"};

	/** An ImageJ LUT by name (Fire, Grays, Ice, Spectrum, 3-3-2 RGB, Red, Green, ...). */
	public static IndexColorModel lut(String name) {
		IndexColorModel cm = LutLoader.getLut(name == null ? "Fire" : name);
		if (cm == null) throw new IllegalArgumentException("unknown colormap '" + name + "'; use an ImageJ LUT name such as Fire, Ice, Spectrum or Grays");
		return cm;
	}

	/** The CAM box as a rectangle ROI named like {@code mitosis 0.97}, or null when the map has no box. */
	public static Roi box(CamResult cam, double probability, Rectangle bounds) {
		int[] b = cam.box();
		if (b == null) return null;
		Roi r = new Roi(bounds.x + b[0], bounds.y + b[1], b[2], b[3]);
		r.setName(String.format(Locale.ROOT, "%s %.2f", cam.label(), probability));
		return r;
	}

	/** The upsampled raw CAM as a 32-bit image with the source calibration. */
	public static ImagePlus camImage(CamResult cam, Calibration cal, String title) {
		double[] up = cam.upsampled();
		float[] px = new float[up.length];
		for (int i = 0; i < px.length; i++) px[i] = (float) up[i];
		ImagePlus imp = new ImagePlus(title, new FloatProcessor(cam.imageWidth(), cam.imageHeight(), px));
		if (cal != null) imp.setCalibration(cal.copy());
		imp.getProcessor().resetMinAndMax();
		return imp;
	}

	/** One row per reported class. */
	public static void addRows(ResultsTable rt, String image, int slice, Classification c, InceptionModel model) {
		int rank = 1;
		double ms = c.preprocessMs() + c.inferenceMs() + c.camMs();
		for (Prediction p : c.top()) {
			rt.incrementCounter();
			rt.addValue("image", image);
			rt.addValue("slice", slice);
			rt.addValue("rank", rank++);
			rt.addValue("label", p.label());
			rt.addValue("index", p.index());
			rt.addValue("probability", p.probability());
			rt.addValue("logit", Double.isNaN(p.logit()) ? Double.NaN : p.logit());
			rt.addValue("device", c.device());
			rt.addValue("model", model.displayName());
			rt.addValue("time_ms", ms);
		}
	}

	/** Records how the result was made in the image's properties (saved with the TIFF). */
	public static void provenance(ImagePlus imp, InceptionModel model, String device) {
		imp.setProp("InceptionCAM.model", model.displayName());
		imp.setProp("InceptionCAM.model_sha256", model.sha256());
		imp.setProp("InceptionCAM.onnxruntime", OrtRuntime.version());
		imp.setProp("InceptionCAM.device", device);
		imp.setProp("InceptionCAM.preprocessing", model.metadata().preprocessingSummary());
	}

}

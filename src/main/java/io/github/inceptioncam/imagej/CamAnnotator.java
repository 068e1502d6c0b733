package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.plugin.LutLoader;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import java.util.ArrayList;
import java.util.List;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.util.regex.Pattern;
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
	 * (the analysed region). Masked by the map, whatever the LUT: a zero-map pixel is RGB 0 and fully
	 * transparent; a map pixel the LUT paints black is drawn 1,1,1 so that it stays visible. The RGB
	 * overlay with its zero-transparent flag travels inside ImageJ's TIFF.
	 */
	public static ImageRoi overlay(CamResult cam, Rectangle bounds, String lutName, double opacity) {
		float[] d = cam.display();
		IndexColorModel cm = lut(lutName);
		int[] rgb = new int[d.length];
		for (int i = 0; i < d.length; i++) {
			if (!(d[i] > 0)) continue;
			int index = Math.max(1, Math.min(255, Math.round(d[i] * 255)));
			int c = cm.getRGB(index) & 0xffffff;
			rgb[i] = c == 0 ? 0x010101 : c;
		}
		ImageRoi roi = new ImageRoi(bounds.x, bounds.y, new ColorProcessor(cam.imageWidth(), cam.imageHeight(), rgb));
		roi.setZeroTransparent(true);
		roi.setOpacity(opacity);
		tag(roi, overlayName(cam.label()), "overlay");
		return roi;
	}

	/**
	 * A calibration bar of the map's scale, drawn in the overlay at the top right of {@code bounds}: the
	 * colormap from 0 (bottom, transparent like the overlay) to the map's maximum (top), labelled with
	 * the raw CAM values. Its elements are named {@code CAM <label> legend}.
	 */
	public static List<Roi> legend(CamResult cam, Rectangle bounds, String lutName, double opacity) {
		IndexColorModel cm = lut(lutName);
		int h = Math.max(32, Math.min(128, bounds.height / 2)), w = Math.max(6, Math.min(12, bounds.width / 20));
		int[] rgb = new int[w * h];
		for (int y = 0; y < h; y++) {
			int index = Math.max(1, Math.round(255f * (h - 1 - y) / (h - 1)));
			int c = cm.getRGB(index) & 0xffffff;
			for (int x = 0; x < w; x++) rgb[y * w + x] = c == 0 ? 0x010101 : c;
		}
		int x0 = bounds.x + bounds.width - w - 4, y0 = bounds.y + 4;
		ImageRoi bar = new ImageRoi(x0, y0, new ColorProcessor(w, h, rgb));
		bar.setOpacity(Math.max(0.5, opacity));
		String name = overlayName(cam.label()) + " legend";
		tag(bar, name, "legend");
		double max = 0;
		for (double v : cam.upsampled()) max = Math.max(max, v);
		java.awt.Font font = new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 9);
		List<Roi> out = new ArrayList<>();
		out.add(bar);
		Roi frame = new Roi(x0, y0, w, h);
		frame.setStrokeColor(java.awt.Color.white);
		tag(frame, name, "legend");
		out.add(frame);
		for (String[] t : new String[][] {{String.format(Locale.ROOT, "%.3g", max), "0"}, {"0", "1"}}) {
			TextRoi label = new TextRoi(0, 0, t[0], font);
			Rectangle r = label.getBounds();
			label.setLocation(x0 - r.width - 2, t[1].equals("0") ? y0 - 2 : y0 + h - r.height + 2);
			label.setStrokeColor(java.awt.Color.white);
			tag(label, name, "legend");
			out.add(label);
		}
		return out;
	}

	/** ROI property naming what an overlay element is: overlay, box, outline or legend (survives the TIFF). */
	public static final String ROLE = "InceptionCAM";
	/** ROI property repeating the name: ImageJ's TIFF keeps the properties of an image ROI, not its name. */
	public static final String NAME = "InceptionCAM_name";

	private static void tag(Roi r, String name, String role) {
		r.setName(name);
		r.setProperty(ROLE, role);
		r.setProperty(NAME, name);
	}

	/** The name of an element we made, also after the TIFF round trip (where an image ROI loses its name). */
	public static String nameOf(Roi r) {
		String n = r.getName();
		if (n == null || n.isEmpty()) n = r.getProperty(NAME);
		return n;
	}

	/** The name of a class's CAM overlay: {@code CAM <label>}. */
	public static String overlayName(String label) {
		return "CAM " + label;
	}

	/**
	 * Removes from the overlay what an earlier run made for the same class at the same position: the
	 * overlay {@code CAM <label>}, its outline {@code CAM <label> outline}, its legend {@code CAM <label> legend}
	 * and its box {@code <label> <p>}.
	 */
	public static void removePrevious(Overlay overlay, String label, Roi placedLike) {
		Pattern box = Pattern.compile(Pattern.quote(label) + " [01]\\.\\d+");
		for (int i = overlay.size() - 1; i >= 0; i--) {
			Roi r = overlay.get(i);
			String n = nameOf(r);
			if (n == null || !samePosition(r, placedLike)) continue;
			if (n.equals(overlayName(label)) || n.equals(overlayName(label) + " outline") || n.equals(overlayName(label) + " legend")
				|| box.matcher(n).matches()) overlay.remove(i);
		}
	}

	private static boolean samePosition(Roi a, Roi b) {
		return a.getPosition() == b.getPosition() && a.getZPosition() == b.getZPosition() && a.getTPosition() == b.getTPosition();
	}

	/**
	 * The map thresholded at {@code fraction} of its maximum (the box's threshold) as a selection outline
	 * named {@code CAM <label> outline}, placed over {@code bounds}; null when nothing reaches it.
	 */
	public static Roi outline(CamResult cam, Rectangle bounds, double fraction) {
		float[] d = cam.display();
		byte[] px = new byte[d.length];
		for (int i = 0; i < d.length; i++) px[i] = (byte) (d[i] > 0 && d[i] >= fraction ? 255 : 0);
		ByteProcessor bp = new ByteProcessor(cam.imageWidth(), cam.imageHeight(), px);
		bp.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
		Roi r = ThresholdToSelection.run(new ImagePlus("", bp));
		if (r == null) return null;
		r.setLocation(bounds.x + r.getBounds().x, bounds.y + r.getBounds().y);
		tag(r, overlayName(cam.label()) + " outline", "outline");
		r.setStrokeColor(java.awt.Color.yellow);
		return r;
	}

	/**
	 * The colormaps offered in dialogs (any ImageJ LUT name works; ClassifierCommand repeats them, as
	 * annotations need literals): ImageJ's built-in LUTs and the perceptually uniform viridis family.
	 */
	public static final String[] COLORMAPS = {"Fire", "Ice", "Spectrum", "Grays", "Red", "Green", "Cyan", "Magenta", "Yellow", "3-3-2 RGB", "Red/Green",
		"viridis", "magma", "inferno", "plasma"};

	/** Colormaps not in ij.jar, shipped as data (matplotlib's published tables); Fiji calls them mpl-*. */
	static final String[] OWN_LUTS = {"viridis", "magma", "inferno", "plasma"};

	/** An ImageJ LUT by name (Fire, Grays, Ice, Spectrum, 3-3-2 RGB, Red, Green, ..., viridis, magma, inferno, plasma). */
	public static IndexColorModel lut(String name) {
		String n = name == null ? "Fire" : name.trim();
		String own = n.toLowerCase(Locale.ROOT).startsWith("mpl-") ? n.substring(4) : n;
		for (String o : OWN_LUTS) if (o.equalsIgnoreCase(own)) return ownLut(o);
		IndexColorModel cm = LutLoader.getLut(n);
		if (cm == null) throw new IllegalArgumentException("unknown colormap '" + name + "'; use one of " + String.join(", ", COLORMAPS) + " or another ImageJ LUT name");
		return cm;
	}

	private static IndexColorModel ownLut(String name) {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		try (java.io.InputStream in = CamAnnotator.class.getResourceAsStream("luts/" + name + ".txt")) {
			if (in == null) throw new IllegalStateException("LUT " + name + " missing from the jar");
			int i = 0;
			for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) continue;
				String[] v = line.trim().split("\\s+");
				r[i] = (byte) Integer.parseInt(v[0]);
				g[i] = (byte) Integer.parseInt(v[1]);
				b[i] = (byte) Integer.parseInt(v[2]);
				i++;
			}
			if (i != 256) throw new IllegalStateException("LUT " + name + " has " + i + " entries, not 256");
		} catch (java.io.IOException e) {
			throw new IllegalStateException("LUT " + name + ": " + e.getMessage(), e);
		}
		return new IndexColorModel(8, 256, r, g, b);
	}

	/** The CAM box as a rectangle ROI named like {@code mitosis 0.97}, or null when the map has no box. */
	public static Roi box(CamResult cam, double probability, Rectangle bounds) {
		int[] b = cam.box();
		if (b == null) return null;
		Roi r = new Roi(bounds.x + b[0], bounds.y + b[1], b[2], b[3]);
		tag(r, String.format(Locale.ROOT, "%s %.2f", cam.label(), probability), "box");
		return r;
	}

	/** The upsampled raw CAM as a 32-bit image with the source calibration. */
	public static ImagePlus camImage(CamResult cam, Calibration cal, String title) {
		double[] up = cam.resample(); // not kept in the result: a stack may hold many classes
		float[] px = new float[up.length];
		for (int i = 0; i < px.length; i++) px[i] = (float) up[i];
		ImagePlus imp = new ImagePlus(title, new FloatProcessor(cam.imageWidth(), cam.imageHeight(), px));
		if (cal != null) imp.setCalibration(cal.copy());
		imp.getProcessor().resetMinAndMax();
		return imp;
	}

	/** One row per reported class (the box in the coordinates of the analysed region's image, {@code bounds} at 0,0). */
	public static void addRows(ResultsTable rt, String image, int slice, Classification c, InceptionModel model) {
		addRows(rt, image, slice, c, model, null);
	}

	/**
	 * One row per reported class, with the class the CAM explains, its probability and its box (in image
	 * coordinates: offset by {@code bounds}, the analysed region), as in the results CSV.
	 */
	public static void addRows(ResultsTable rt, String image, int slice, Classification c, InceptionModel model, Rectangle bounds) {
		int rank = 1;
		double ms = c.preprocessMs() + c.inferenceMs() + c.camMs();
		CamResult cam = c.cam();
		int[] box = cam == null ? null : cam.box();
		int ox = bounds == null ? 0 : bounds.x, oy = bounds == null ? 0 : bounds.y;
		for (Prediction p : c.top()) {
			rt.incrementCounter();
			rt.addValue("image", image);
			rt.addValue("slice", slice);
			rt.addValue("rank", rank++);
			rt.addValue("label", p.label());
			rt.addValue("index", p.index());
			rt.addValue("probability", p.probability());
			rt.addValue("logit", Double.isNaN(p.logit()) ? Double.NaN : p.logit());
			rt.addValue("cam_label", cam == null ? "" : cam.label());
			rt.addValue("cam_index", cam == null ? Double.NaN : cam.classIndex());
			rt.addValue("cam_probability", cam == null ? Double.NaN : c.probabilities()[cam.classIndex()]);
			rt.addValue("box_x", box == null ? Double.NaN : ox + box[0]);
			rt.addValue("box_y", box == null ? Double.NaN : oy + box[1]);
			rt.addValue("box_w", box == null ? Double.NaN : box[2]);
			rt.addValue("box_h", box == null ? Double.NaN : box[3]);
			rt.addValue("device", c.device());
			rt.addValue("model", model.displayName());
			rt.addValue("time_ms", ms);
		}
	}

	/**
	 * Appends a run's rows to the shared {@link #TABLE} window and shows it, as one step: runs on two
	 * images at once get their rows one block after the other, never interleaved or torn (ImageJ's
	 * {@link ResultsTable} is not thread-safe, and two runs must not both create the window).
	 */
	public static void publish(java.util.function.Consumer<ResultsTable> addRows) {
		synchronized (CamAnnotator.class) {
			ResultsTable shared = ResultsTable.getResultsTable(TABLE);
			if (shared == null) shared = new ResultsTable();
			addRows.accept(shared);
			shared.show(TABLE);
		}
	}

	/** Appends every row of {@code rows} to {@code into}, column by column, text columns as text. */
	public static void appendRows(ResultsTable into, ResultsTable rows) {
		String[] headings = rows.getHeadings();
		for (int i = 0; i < rows.size(); i++) {
			into.incrementCounter();
			if (rows.getLabel(i) != null) into.setLabel(rows.getLabel(i), into.size() - 1);
			for (String h : headings) {
				if ("Label".equals(h)) continue;
				double v = rows.getValue(h, i);
				String text = rows.getStringValue(h, i);
				if (Double.isNaN(v) && text != null && !text.equals("NaN")) into.addValue(h, text);
				else into.addValue(h, v);
			}
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

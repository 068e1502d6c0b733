package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import io.github.inceptioncam.cam.TileAssembly;
import io.github.inceptioncam.cam.TileGrid;
import io.github.inceptioncam.model.ModelMetadata;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a tile map shows in ImageJ: the windows' top-1 classes as a coloured overlay with a legend, the
 * class probabilities as an image at window resolution, the blended map as a 32-bit image, and a table
 * of windows. New images, overlays and tables only.
 */
public final class TileAnnotator {
	/** Title of the table of windows. */
	public static final String TABLE = "Inception CAM tiles";
	/** Value of the {@link CamAnnotator#ROLE} property of the tile overlay's elements (replaced on a re-run). */
	public static final String ROLE = "tiles";
	/** Class colours, repeated for more classes (Okabe-Ito, readable by colour-blind viewers). */
	static final Color[] COLORS = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
		new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x999999)};
	/** Above this many windows the cells carry no text label (the legend names the colours). */
	static final int MAX_LABELLED_CELLS = 400;

	private TileAnnotator() {}

	public static Color color(int classIndex) {
		return COLORS[Math.floorMod(classIndex, COLORS.length)];
	}

	/**
	 * The overlay elements: one filled rectangle per window's cell in its top-1 class's colour (named like
	 * {@code tile 3,1 mitosis 0.97}), the class name and probability written in each cell when there are
	 * few, and a legend of the classes found at the top left.
	 */
	public static List<Roi> overlay(TileAssembly a, ModelMetadata meta, double opacity) {
		TileGrid g = a.grid();
		List<Roi> out = new ArrayList<>();
		int alpha = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
		int side = Math.min(g.imageWidth(), g.imageHeight());
		boolean labelled = g.count() <= MAX_LABELLED_CELLS;
		int fontSize = Math.max(9, Math.min(g.strideX(), g.strideY()) / 9);
		Font font = new Font("SansSerif", Font.BOLD, fontSize);
		boolean[] present = new boolean[a.classes()];
		for (int i = 0; i < g.count(); i++) {
			int c = a.top(i);
			if (c < 0) continue;
			present[c] = true;
			int[] cell = g.cell(i);
			Roi r = new Roi(cell[0], cell[1], cell[2], cell[3]);
			Color col = color(c);
			r.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), alpha));
			String name = String.format(Locale.ROOT, "tile %d,%d %s %.2f", i % g.cols(), i / g.cols(), meta.label(c), a.topProbability(i));
			tag(r, name);
			out.add(r);
			if (labelled) {
				// centred in the cell, on two lines: the class, then its probability
				TextRoi t = new TextRoi(0, 0, String.format(Locale.ROOT, "%s\n%.2f", meta.label(c), a.topProbability(i)), font);
				t.setJustification(TextRoi.CENTER);
				Rectangle b = t.getBounds();
				t.setLocation(cell[0] + (cell[2] - b.width) / 2, cell[1] + (cell[3] - b.height) / 2);
				t.setStrokeColor(Color.white);
				tag(t, name + " label");
				out.add(t);
			}
		}
		// legend: a swatch and the name of every class found, on a dark band
		int lf = Math.max(12, side / 40);
		Font legendFont = new Font("SansSerif", Font.BOLD, lf);
		int y = lf / 2, rows = 0;
		for (boolean p : present) if (p) rows++;
		int maxLen = 1;
		for (int c = 0; c < present.length; c++) if (present[c]) maxLen = Math.max(maxLen, meta.label(c).length());
		Roi band = new Roi(lf / 4, lf / 4, (int) (lf * (2 + 0.62 * maxLen)), rows * (lf + lf / 3) + lf / 2);
		band.setFillColor(new Color(0, 0, 0, 160));
		tag(band, "tiles legend");
		out.add(band);
		for (int c = 0; c < present.length; c++) {
			if (!present[c]) continue;
			Roi sw = new Roi(lf / 2, y, lf, lf);
			sw.setFillColor(color(c));
			tag(sw, "tiles legend " + meta.label(c));
			out.add(sw);
			TextRoi t = new TextRoi(lf / 2 + lf + lf / 3, y - lf / 6, meta.label(c), legendFont);
			t.setStrokeColor(Color.white);
			tag(t, "tiles legend " + meta.label(c));
			out.add(t);
			y += lf + lf / 3;
		}
		return out;
	}

	private static void tag(Roi r, String name) {
		r.setName(name);
		r.setProperty(CamAnnotator.ROLE, ROLE);
		r.setProperty(CamAnnotator.NAME, name);
	}

	/** Removes an earlier run's tile overlay from the overlay. */
	public static void removePrevious(Overlay overlay) {
		for (int i = overlay.size() - 1; i >= 0; i--) {
			if (ROLE.equals(overlay.get(i).getProperty(CamAnnotator.ROLE))) overlay.remove(i);
		}
	}

	/** The source image's calibration (or pixels) scaled so that one pixel of a window-resolution image spans one stride. */
	public static Calibration windowCalibration(Calibration cal, TileGrid g) {
		Calibration k = cal == null ? new Calibration() : cal.copy();
		k.pixelWidth = (cal == null ? 1 : cal.pixelWidth) * g.strideX();
		k.pixelHeight = (cal == null ? 1 : cal.pixelHeight) * g.strideY();
		return k;
	}

	/**
	 * The class probabilities at window resolution: a 32-bit stack of cols x rows pixels, one slice per
	 * class labelled with its name (NaN for windows a cancelled run did not reach), calibrated so that a
	 * pixel spans one stride of the source image.
	 */
	public static ImagePlus probabilityImage(TileAssembly a, ModelMetadata meta, Calibration cal, String title) {
		TileGrid g = a.grid();
		ImageStack st = new ImageStack(g.cols(), g.rows());
		for (int c = 0; c < a.classes(); c++) st.addSlice(meta.label(c), new FloatProcessor(g.cols(), g.rows(), a.probabilityPlane(c)));
		ImagePlus imp = new ImagePlus(title, st);
		imp.setCalibration(windowCalibration(cal, g));
		imp.setDisplayRange(0, 1);
		imp.setProperty("Info", "class probabilities of " + g + "; slice = class");
		return imp;
	}

	/** The blended map as a 32-bit image at its resolution (calibration scaled), or null when there is none. */
	public static ImagePlus mapImage(TileAssembly a, Calibration cal, String title) {
		float[] m = a.blendedMap();
		if (m == null) return null;
		ImagePlus imp = new ImagePlus(title, new FloatProcessor(a.mapWidth(), a.mapHeight(), m));
		Calibration k = cal == null ? new Calibration() : cal.copy();
		k.pixelWidth = (cal == null ? 1 : cal.pixelWidth) * a.mapScale();
		k.pixelHeight = (cal == null ? 1 : cal.pixelHeight) * a.mapScale();
		imp.setCalibration(k);
		imp.getProcessor().resetMinAndMax();
		imp.setProperty("Info", "windows' class maps blended (mean where windows overlap), raw values, "
			+ (a.mapScale() == 1 ? "full resolution" : "1 pixel = " + a.mapScale() + "x" + a.mapScale() + " image pixels"));
		return imp;
	}

	/** One row per classified window: its place, its top-1 class and probability. */
	public static void addRows(ResultsTable rt, String image, TileAssembly a, ModelMetadata meta) {
		TileGrid g = a.grid();
		for (int i = 0; i < g.count(); i++) {
			int c = a.top(i);
			if (c < 0) continue;
			int[] w = g.window(i);
			rt.incrementCounter();
			rt.addValue("image", image);
			rt.addValue("window", i);
			rt.addValue("col", i % g.cols());
			rt.addValue("row", i / g.cols());
			rt.addValue("x", w[0]);
			rt.addValue("y", w[1]);
			rt.addValue("w", w[2]);
			rt.addValue("h", w[3]);
			rt.addValue("label", meta.label(c));
			rt.addValue("index", c);
			rt.addValue("probability", a.topProbability(i));
		}
	}

}

package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import io.github.inceptioncam.image.Rescale;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code rois} option: the area ROIs of the ROI Manager, each classified as a selection, their names kept
 * in the table ({@code roi} column) and on the overlay elements made for them (so that a re-run replaces them).
 */
final class RoiManagerRuns {
	/** ROI property naming the ROI Manager entry an overlay element was made for. */
	static final String ROI = "InceptionCAM_roi";

	private RoiManagerRuns() {}

	/** The open ROI Manager, or the batch-mode one of a running macro; null when there is none. */
	static RoiManager find() {
		RoiManager rm = RoiManager.getInstance2();
		return rm != null ? rm : RoiManager.getInstance();
	}

	/** Copies of the manager's area ROIs, named as in the manager; a one-line failure when there are none. */
	static List<Roi> rois(List<Roi> given, ImagePlus imp, Consumer<String> log) throws ImageClassifier.Failure {
		Roi[] all;
		String[] names;
		if (given != null) {
			all = given.toArray(new Roi[0]);
			names = new String[all.length];
			for (int i = 0; i < all.length; i++) names[i] = all[i].getName();
		} else {
			RoiManager rm = find();
			all = rm == null ? new Roi[0] : rm.getRoisAsArray();
			names = new String[all.length];
			for (int i = 0; i < all.length; i++) names[i] = rm.getName(i);
		}
		if (all.length == 0) {
			throw new ImageClassifier.Failure("rois: the ROI Manager is empty; add selections to it (Analyze > Tools > ROI Manager, Add) or leave rois out");
		}
		List<Roi> out = new ArrayList<>();
		for (int i = 0; i < all.length; i++) {
			Roi r = all[i];
			String name = names[i];
			if (name == null || name.isEmpty()) name = r.getName() != null ? r.getName() : "ROI " + (i + 1);
			if (!r.isArea()) {
				log.accept("Inception CAM: " + imp.getTitle() + ": ROI '" + name + "' is not an area (a line or points): skipped");
				continue;
			}
			Roi copy = (Roi) r.clone();
			copy.setName(name);
			out.add(copy);
		}
		if (out.isEmpty()) throw new ImageClassifier.Failure("rois: the ROI Manager holds no area ROI (only lines or points); add rectangles, ovals or polygons");
		return out;
	}

	static String name(Roi r) {
		return r.getName() == null ? "" : r.getName();
	}

	/** Marks an overlay element as made for ROI {@code name}. */
	static void tag(Roi element, String name) {
		element.setProperty(ROI, name == null ? "" : name);
	}

	/** Removes what an earlier {@code rois} run made for the ROIs of the same names. */
	static void removePrevious(Overlay overlay, List<Roi> rois) {
		Set<String> names = new HashSet<>();
		for (Roi r : rois) names.add(name(r));
		for (int i = overlay.size() - 1; i >= 0; i--) {
			String n = overlay.get(i).getProperty(ROI);
			if (n != null && names.contains(n)) overlay.remove(i);
		}
	}

	/**
	 * Adds to the rows from {@code first} on: the ROI name ({@code roi}, when not null), the channels used
	 * ({@code channels}, like 2,1,1), and when the model gives a pixel size the image's and the model's
	 * ({@code image_pixel_size}, {@code model_pixel_size}, micrometres) and the {@code rescale} factor (1: not rescaled).
	 */
	static void describeRows(ResultsTable rt, int first, String roi, RegionInput in) {
		Rescale r = in.rescale();
		for (int row = first; row < rt.size(); row++) {
			if (roi != null) rt.setValue("roi", row, roi);
			rt.setValue("channels", row, in.channels().describe());
			if (r.known()) {
				rt.setValue("image_pixel_size", row, r.imagePixelSize());
				rt.setValue("model_pixel_size", row, r.modelPixelSize());
				rt.setValue("rescale", row, r.factor());
			}
		}
	}
}
